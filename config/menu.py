"""The main menu: one list of entries, each shown exactly when its page lets the user in.

Each entry names its page's own rule, the predicate the view itself checks, so a link can
neither be missing for someone the page admits nor offered to someone it refuses
(tests/security/test_menu.py asks every role). It lives above the apps because it names
pages of all of them; base.html draws it from the context processor below.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards import rules as award_rules
from council import proposals as council_proposals
from council import rules as council_rules
from council import unit_decisions
from emulation import rules as emulation_rules
from imports import rules as import_rules
from people import rules as people_rules
from plan import rules as plan_rules
from units import rules as unit_rules


def can_open_admin(user):
    """Django's admin site decides by its own rule (AdminSite.has_permission), which reads
    only the request's user."""
    return admin.site.has_permission(SimpleNamespace(user=user))


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    allows: object  # the page's rule: predicate (user) -> bool


MENU = (
    Entry(_("Tổng quan"), "overview", award_rules.can_see_overview),
    Entry(_("So sánh các năm"), "year-comparison", plan_rules.can_compare_years),
    Entry(_("Bảng điều khiển"), "dashboard", plan_rules.can_view_dashboard),
    Entry(_("Đơn vị của tôi"), "my-unit", unit_rules.can_open_my_unit),
    Entry(_("Kế hoạch"), "home", unit_rules.can_view_plan),
    Entry(_("Tiến độ"), "part-list", unit_rules.can_view_plan),
    Entry(_("Văn bản chờ xem xét"), "review-queue", plan_rules.can_manage_schedule),
    Entry(_("Đôn đốc"), "reminders", plan_rules.can_manage_schedule),
    Entry(_("Đơn vị đã gửi đến"), "arrivals", plan_rules.can_manage_schedule),
    Entry(_("Thông báo"), "notices", unit_rules.can_see_notices),
    Entry(_("Đơn vị"), "unit-list", unit_rules.can_list_units),
    Entry(_("Nhập dữ liệu"), "import-data", import_rules.can_open_imports),
    Entry(_("Thi đua"), "emulation:current", emulation_rules.can_see_groupings),
    Entry(_("Hồ sơ khen thưởng"), "awards:inbox", award_rules.can_see_inbox),
    Entry(_("Hồ sơ của đơn vị"), "awards:unit-dossiers", award_rules.can_see_unit_dossiers),
    Entry(_("Hồ sơ trình Hội đồng"), "awards:council", award_rules.can_see_council_list),
    Entry(_("Sáng kiến"), "awards:initiatives", award_rules.can_see_initiatives),
    Entry(_("Gộp người trùng"), "people:merge", people_rules.can_merge_people),
    Entry(_("Tờ trình"), "council:proposals", council_proposals.can_see_proposals),
    Entry(_("Hội đồng TĐKT"), "council:sessions", council_rules.can_see_council_work),
    Entry(
        _("Khen thưởng cấp đơn vị"), "council:unit-decisions", unit_decisions.can_see_unit_decisions
    ),
    Entry(_("Quản trị"), "admin:index", can_open_admin),
)


def menu_for(user):
    """[{"label", "url"}] of the entries the user may open, in menu order."""
    return [
        {"label": entry.label, "url": reverse(entry.url_name)}
        for entry in MENU
        if entry.allows(user)
    ]


def main_menu(request):
    """Context processor: the signed-in user's menu (none before signing in)."""
    if not request.user.is_authenticated:
        return {}
    return {"main_menu": menu_for(request.user)}

"""What bench/measure.py times, by name: the same names in every database.

Pages are requested as the office's `staff` account (the admin's changelists as `admin`)
with Django's test Client, as of today (and, for the dashboard and the whole-plan status,
as of 30/09 of the plan's year too). The pages of the emulation work and the council's
round show what the demo built (`setup_demo`); `seed_scale` adds units, plans, parts,
clusters and dossiers around them, so at scale those pages read the same few objects among
many more rows.
"""

import datetime
import io

from django.test import Client, override_settings
from django.utils import timezone

from awards import exports as award_exports
from council.models import Session
from emulation.models import Movement
from plan.enums import RequirementKind
from plan.models import Plan, Requirement
from plan.rollover import roll_over_plan
from plan.selectors import current_plan
from plan.status import quarter_counts
from units.models import Cluster, User


def page(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if getattr(response, "streaming", False):
            # Read a block at a time, as a server sends it: joining the blocks would count
            # the whole file in the export's peak memory.
            for _block in response.streaming_content:
                pass
        response.close()

    return call


def synchronous(call):
    """The export's own work, in the request: a large one otherwise runs as a background
    job, whose task calls the same writer."""

    def in_the_request():
        with override_settings(EXPORT_BACKGROUND_ROWS=None):
            call()

    return in_the_request


def new_pages(plan, day):
    """The pages of the emulation work, the council's round, the roll-over, the office's
    queue, the reminders and the search, at the demo's objects (a page whose object the
    demo lacks is left out, in every database alike)."""
    pages = {
        "overview": f"/tong-quan/?{day}",
        "groupings": f"/thi-dua/{plan.year}/",
        "section II": f"/thi-dua/{plan.year}/muc-ii/?{day}",
        "council sessions": "/hoi-dong-tdkt/",
        "document templates": "/hoi-dong-tdkt/mau-van-ban/",
        "council members": "/hoi-dong-tdkt/thanh-vien/",
        "review queue": "/van-ban/cho-xem-xet/",
        "reminders": "/don-doc/",
        "global search": "/tim-kiem/?q=nguyen",
    }
    sheet = Cluster.objects.filter(score_sheet__isnull=False).order_by("pk").first()
    if sheet:
        # The grouping's page shows its members' scores against the sheet; a member's page
        # is the score sheet filled in, criterion by criterion.
        pages["grouping and its scores"] = f"/thi-dua/cum/{sheet.pk}/"
        member = sheet.members.order_by("code").first()
        pages["a member's score sheet"] = f"/thi-dua/cum/{sheet.pk}/diem/{member.code}/"
    session = Session.objects.order_by("pk").first()
    if session:
        pages["council session and ballots"] = f"/hoi-dong-tdkt/phien/{session.pk}/"
    movement = Movement.objects.order_by("pk").first()
    if movement:
        pages["movement"] = f"/ho-so/phong-trao/{movement.pk}/"
    # Next year's draft, made once from the current plan (as the office would) and kept.
    if not Plan.objects.filter(year=plan.year + 1).exists():
        roll_over_plan(plan.year, plan.year + 1, User.objects.get(username="staff"))
    pages["roll-over draft"] = f"/du-thao/{plan.year + 1}/"
    return pages


def probes(staff):
    """{group: {name: a call}}: what run.py times, the same names in every database."""
    plan = current_plan()
    # Pages open as of today, as users see them; one row and the whole-plan status are
    # also drawn as of 30/09 of the plan's year, when Q4's reports are still to come and
    # the history (not each part's copy of its latest report) decides.
    past = datetime.date(plan.year, 9, 30)
    as_of = timezone.localdate()
    day = f"ngay={as_of:%d/%m/%Y}"
    requirement = Requirement.objects.get(plan=plan, kind=RequirementKind.UNIT_PLAN)
    client = Client()
    client.force_login(staff)
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    pages = {
        "plan page (/ke-hoach/)": f"/ke-hoach/?{day}",
        "dashboard": f"/bang-dieu-khien/?{day}",
        "dashboard as of 30/09": f"/bang-dieu-khien/?ngay={past:%d/%m/%Y}",
        "task page": f"/ke-hoach/{plan.year}/nhiem-vu/3/?{day}",
        "parts list": f"/phan-viec/?{day}",
        "unit list": "/don-vi/",
        "unit page": f"/don-vi/so-gd-dt/?{day}",
        "requirement page": f"/yeu-cau/{requirement.pk}/?{day}",
        "dossier inbox": "/ho-so/tiep-nhan/",
        "council list": "/ho-so/hoi-dong/",
        "history lookup": "/ho-so/tra-cuu/?q=nguyen+van",
        **new_pages(plan, day),
    }
    # The rule sets and the people are kept in the admin: their changelists, as the admin.
    admin_read = {
        "rule sets (admin)": "/admin/awards/ruleset/",
        "people (admin)": "/admin/people/person/",
    }
    exports = {
        "plan status xlsx": f"/bang-dieu-khien/xuat/?{day}",
        "parts list xlsx": f"/phan-viec/?xuat=xlsx&{day}",
        "inbox of a year xlsx": f"/ho-so/tiep-nhan/?year={plan.year}&xuat=xlsx",
    }
    admin_pages = {
        "parts list": "/admin/plan/taskpart/",
        "unit list": "/admin/units/unit/",
        "dossier inbox": "/admin/awards/dossier/",
    }
    return {
        "pages": {
            **{name: page(client, url) for name, url in pages.items()},
            **{name: page(admin, url) for name, url in admin_read.items()},
        },
        "exports": {
            **{name: synchronous(page(client, url)) for name, url in exports.items()},
            # export_dossiers: the year's dossiers and every move of each, two sheets.
            "year with history (command)": lambda: award_exports.write_xlsx(
                plan.year, io.BytesIO()
            ),
        },
        # Named apart from the pages: every probe of every group is asked for by its name.
        "admin": {f"admin: {name}": page(admin, url) for name, url in admin_pages.items()},
        "status": {
            "whole-plan status": lambda: quarter_counts(plan, as_of),
            "whole-plan status as of 30/09": lambda: quarter_counts(plan, past),
        },
    }

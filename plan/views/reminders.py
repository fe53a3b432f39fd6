"""Urging from the browser: the office picks units (or every unit late), reads the message
each will get, and sends it (plan/reminders.py writes and records it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..reminders import message_text, page_of_units_owing, send_reminders
from ..selectors import current_plan
from .common import PAGE_SIZE, as_of_date, require

OUTCOMES = {
    "dry_run": gettext_lazy("sẽ gửi"),
    "already_sent_today": gettext_lazy("đã đôn đốc hôm nay"),
    "no_address": gettext_lazy("không có địa chỉ thư"),
}


def reminders(request):
    """GET: a page of the units owing something as of the date, each with its message, and
    how many there are in all; POST: send to the units ticked, or to every unit late
    (?tat_ca), on this page or not."""
    require(rules.can_manage_schedule(request.user))
    plan = current_plan()
    as_of = as_of_date(request)
    if request.method == "POST" and plan is not None:
        chosen = None if "tat_ca" in request.POST else request.POST.getlist("don_vi")
        if chosen is not None and not all(pk.isdigit() for pk in chosen):
            chosen = []
        if chosen == []:
            messages.error(request, _("Hãy chọn ít nhất một đơn vị để đôn đốc."))
        else:
            results = send_reminders(plan, as_of, unit_ids=chosen)
            sent = sum(1 for *_rest, outcome in results if outcome == "sent")
            messages.success(request, _("Đã gửi %(n)s thư đôn đốc.") % {"n": sent})
        return redirect(request.get_full_path())
    rows, page = [], None
    if plan is not None:
        # The units are counted and paged in SQL; only this page's messages are built.
        page = page_of_units_owing(plan, as_of, request.GET.get("trang"), PAGE_SIZE)
        on_page = [unit.pk for unit in page]
        for unit, items, outcome in send_reminders(plan, as_of, dry_run=True, unit_ids=on_page):
            rows.append(
                {
                    "unit": unit,
                    "outcome": outcome,
                    "outcome_label": OUTCOMES[outcome],
                    "text": message_text(unit, items, as_of),
                }
            )
    late = page.paginator.count if page is not None else 0
    context = {"plan": plan, "as_of": as_of, "rows": rows, "page": page, "late": late}
    return render(request, "plan/reminders.html", context)

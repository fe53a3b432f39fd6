"""Urging from the browser: the office picks units (or every unit late), reads the message
each will get, and sends it (plan/reminders.py writes and records it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..reminders import message_text, send_reminders
from ..selectors import current_plan
from .common import as_of_date, require

OUTCOMES = {
    "dry_run": gettext_lazy("sẽ gửi"),
    "already_sent_today": gettext_lazy("đã đôn đốc hôm nay"),
    "no_address": gettext_lazy("không có địa chỉ thư"),
}


def reminders(request):
    """GET: every unit owing something as of the date, with its message; POST: send to the
    units ticked, or to all of them (?tat_ca)."""
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
    rows = []
    if plan is not None:
        for unit, items, outcome in send_reminders(plan, as_of, dry_run=True):
            rows.append(
                {
                    "unit": unit,
                    "outcome": outcome,
                    "outcome_label": OUTCOMES[outcome],
                    "text": message_text(unit, items, as_of),
                }
            )
    context = {"plan": plan, "as_of": as_of, "rows": rows}
    return render(request, "plan/reminders.html", context)

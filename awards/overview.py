"""Pages above the plan and the awards: where each role lands, and the chairman's overview."""

from django.http import Http404
from django.shortcuts import redirect, render

from plan.selectors import current_plan, dashboard_quarters, units_most_late
from plan.views.common import as_of_date, require
from units.rules import is_council_member, is_leader, is_office, is_unit_officer

from . import rules, selectors


def landing(request):
    """Where signing in leads: an officer to their unit, the council to its list, a leader
    to the overview; the office and anyone else to the plan."""
    user = request.user
    if is_office(user):
        return redirect("home")
    if is_leader(user):
        return redirect("overview")
    if is_council_member(user):
        return redirect("awards:council")
    if is_unit_officer(user):
        return redirect("unit-detail", user.unit.code)
    return redirect("home")


def overview(request):
    """A chairman's page: the plan's progress by quarter, the units most late, and the
    awards of the plan's year against the year before, by type and by unit."""
    require(rules.can_see_overview(request.user))
    plan = current_plan()
    if plan is None:
        raise Http404
    as_of = as_of_date(request)
    quarters, overdue_total = dashboard_quarters(plan, as_of)
    by_type, by_unit = selectors.awards_this_year_and_last(plan.year)
    context = {
        "plan": plan,
        "as_of": as_of,
        "quarters": quarters,
        "overdue_total": overdue_total,
        "late_units": units_most_late(plan, as_of),
        "awards_by_type": by_type,
        "awards_by_unit": by_unit,
        "year": plan.year,
        "last_year": plan.year - 1,
    }
    return render(request, "awards/overview.html", context)

"""The plan as a whole: the start page, a year's plan, the office's dashboard."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core import arrivals
from core.pagination import CountedPaginator
from core.spreadsheets import xlsx_response
from units.rules import can_view_plan

from .. import exports, rules
from ..enums import RequirementKind
from ..forms import AsOfForm, RequirementFilterForm
from ..models import Plan, Requirement
from ..rollover_views import draft_or_404
from ..selectors import (
    awaiting_review_counts,
    dashboard_quarters,
    overdue_parts,
    plan_by_quarter,
    submission_status_counts,
    tasks_needing_units,
)
from .arrivals import default_since, start_of
from .common import PAGE_SIZE, as_of_date, require
from .years import keep_year, year_plan


def _plan_page(request, plan):
    require(can_view_plan(request.user))
    as_of = as_of_date(request)
    quarters = plan_by_quarter(plan, as_of) if plan else []
    context = {"plan": plan, "quarters": quarters, "as_of": as_of}
    return render(request, "plan/plan_detail.html", context)


def home(request):
    """The signed-in user's start page: this year's plan, with each task's progress."""
    return _plan_page(request, year_plan(request))


def plan_detail(request, year):
    plan = get_object_or_404(Plan, year=year)
    if plan.is_draft:
        return draft_or_404(request, plan)
    keep_year(request, plan.year)
    return _plan_page(request, plan)


def _dashboard_plan(request):
    require(rules.can_view_dashboard(request.user))
    plan = year_plan(request)
    if plan is None:
        raise Http404
    return plan


def dashboard(request):
    """The office's picture of the plan as of a date: what is late, who has not sent."""
    plan = _dashboard_plan(request)
    as_of = as_of_date(request)
    quarters, overdue_total = dashboard_quarters(plan, as_of)
    overdue = CountedPaginator(overdue_parts(plan, as_of), PAGE_SIZE, overdue_total).get_page(
        request.GET.get("trang")
    )
    unit_plans = Requirement.objects.filter(plan=plan, kind=RequirementKind.UNIT_PLAN).first()
    requirement_filter = RequirementFilterForm(request.GET, year=plan.year)
    requirements = plan.requirements.all()
    if requirement_filter.is_valid() and requirement_filter.cleaned_data["nam_hoc"] is not None:
        requirements = requirements.filter(
            school_year_start=requirement_filter.cleaned_data["nam_hoc"]
        )
    context = {
        "plan": plan,
        "as_of": as_of,
        "as_of_form": AsOfForm(initial={"ngay": as_of}),
        "quarters": quarters,
        "overdue": overdue,
        "page": overdue,
        "overdue_total": overdue_total,
        # What each "NV n" of this page is, said in full under the list.
        "overdue_tasks": sorted({part.task for part in overdue}, key=lambda task: task.number),
        "unit_plans": unit_plans,
        "unit_plan_counts": submission_status_counts(unit_plans, as_of) if unit_plans else None,
        "needing_units": tasks_needing_units(plan),
        "requirements": requirements,
        "requirement_filter": requirement_filter,
        # The office's queue, by requirement; leaders read the dashboard but do not review.
        "review_counts": awaiting_review_counts(plan)
        if rules.can_manage_schedule(request.user)
        else None,
        # What units sent in the last week (issue 13, point 15): one query.
        "arrivals_count": arrivals.count_since(start_of(default_since()))
        if rules.can_manage_schedule(request.user)
        else None,
        "arrivals_since": default_since(),
    }
    return render(request, "plan/dashboard.html", context)


def dashboard_export(request):
    """The plan status report as an XLSX laid out like the office's own documents."""
    plan = _dashboard_plan(request)
    as_of = as_of_date(request)
    name = f"tien-do-ke-hoach-{plan.year}-{as_of:%Y%m%d}.xlsx"
    return xlsx_response(name, exports.write_status_xlsx, plan, as_of)

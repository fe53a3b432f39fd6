"""Pages of section II's targets: the numbers, inspections, exemplars."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plan.rules import can_change_year, past_year_refusal
from plan.views.years import keep_year
from units.models import Unit
from units.rules import can_see_all_units, can_view_plan

from .. import rules, selectors, services
from ..enums import EXEMPLARS_PER_UNIT
from ..forms import (
    ExemplarForm,
    InspectionForm,
    InspectionPlanForm,
    InspectionResultForm,
)
from ..models import (
    Inspection,
    InspectionPlan,
)
from .common import as_of_date, form_problems, problems, require


def section_two(request, year):
    """Section II of the plan as numbers: each against its target, as of a date."""
    require(rules.can_view_section_two(request.user))
    keep_year(request, year)
    as_of = as_of_date(request)
    measures, coverage = selectors.section_two(year, as_of)
    context = {"year": year, "as_of": as_of, "measures": measures, "coverage": coverage}
    return render(request, "emulation/section_two.html", context)


def section_two_units(request, year, measure):
    require(rules.can_view_section_two(request.user))
    if measure not in selectors.MEASURES:
        raise Http404
    keep_year(request, year)
    as_of = as_of_date(request)
    units = selectors.units_behind(year, as_of, measure)
    context = {"year": year, "as_of": as_of, "measure": measure, "units": units}
    return render(request, "emulation/section_two_units.html", context)


def inspections(request, year):
    """Each level's inspections and its coverage against 30 %: every level for those who
    follow all units, an officer's own unit's level otherwise."""
    require(can_view_plan(request.user))
    keep_year(request, year)
    as_of = as_of_date(request)
    coverage = selectors.inspection_coverage(year, as_of)
    if not can_see_all_units(request.user):
        coverage = [c for c in coverage if c.plan.inspector_id == request.user.unit_id]
    for level in coverage:
        level.visits = selectors.inspections_of(level.plan)
        level.keeps = rules.can_keep_inspections(request.user, level.plan)
        if level.keeps:
            level.visit_form = InspectionForm(units=selectors.units_under(level.plan))
    keeps_none = rules.inspection_level(request.user) is not False and not any(
        level.keeps for level in coverage
    )
    context = {
        "year": year,
        "as_of": as_of,
        "coverage": coverage,
        "plan_form": InspectionPlanForm() if keeps_none else None,
        "result_form": InspectionResultForm(),
    }
    return render(request, "emulation/inspections.html", context)


@require_POST
def inspection_plan_create(request, year):
    require(rules.inspection_level(request.user) is not False)
    form = InspectionPlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_inspections(year, request.user, title=form.cleaned_data["title"])
            messages.success(request, _("Đã lập kế hoạch kiểm tra."))
        except ValidationError as error:
            for problem in problems(error):
                messages.error(request, problem)
    else:
        form_problems(request, form)
    return redirect("emulation:inspections", year)


def _kept_plan(request, pk):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    if not rules.can_keep_inspections(request.user, plan):
        raise Http404
    return plan


@require_POST
def inspection_add(request, pk):
    plan = _kept_plan(request, pk)
    form = InspectionForm(request.POST, units=selectors.units_under(plan))
    if form.is_valid():
        try:
            services.add_inspection(
                plan, form.cleaned_data["unit"], request.user,
                planned_on=form.cleaned_data["planned_on"],
            )  # fmt: skip
            messages.success(request, _("Đã thêm đơn vị vào kế hoạch kiểm tra."))
        except ValidationError as error:
            for problem in problems(error):
                messages.error(request, problem)
    else:
        form_problems(request, form)
    return redirect("emulation:inspections", plan.year)


@require_POST
def inspection_record(request, pk):
    inspection = get_object_or_404(Inspection.objects.select_related("plan"), pk=pk)
    if not rules.can_keep_inspections(request.user, inspection.plan):
        raise Http404
    form = InspectionResultForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_inspection(inspection, request.user, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết quả kiểm tra."))
        except ValidationError as error:
            for problem in problems(error):
                messages.error(request, problem)
    else:
        form_problems(request, form)
    return redirect("emulation:inspections", inspection.plan.year)


def exemplars(request, year):
    """Exemplars per unit against section II's two; an officer records its unit's own."""
    require(can_view_plan(request.user))
    keep_year(request, year)
    as_of = as_of_date(request)
    user = request.user
    units = Unit.objects.filter(is_participating=True).order_by("name")
    if not can_see_all_units(user):
        units = units.filter(pk=user.unit_id or -1)
    units = list(units)
    form = ExemplarForm()
    # A past year's exemplars are read-only but for the office (the service refuses too).
    year_open = can_change_year(user, year)
    if request.method == "POST":
        require(rules.can_register(user))
        if not year_open:
            messages.error(request, past_year_refusal(year))
            return redirect("emulation:exemplars", year)
        form = ExemplarForm(request.POST)
        if form.is_valid():
            services.record_exemplar(user.unit, year, user, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận điển hình tiên tiến."))
            return redirect("emulation:exemplars", year)
    counts = selectors.exemplar_counts(year, as_of, units)
    context = {
        "year": year,
        "as_of": as_of,
        "rows": [(unit, counts[unit.pk]) for unit in units],
        "target": EXEMPLARS_PER_UNIT,
        "form": form if rules.can_register(user) and year_open else None,
    }
    return render(request, "emulation/exemplars.html", context)

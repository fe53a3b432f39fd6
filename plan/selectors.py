"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Prefetch

from .enums import Collective, PartSource, Quarter
from .models import Plan, ProgressReport, ResponsibleUnit, Submission, Task, TaskPart
from .rules import part_visibility, report_visibility, submission_visibility


def responsible_prefetch():
    return Prefetch(
        "responsible",
        queryset=ResponsibleUnit.objects.select_related("unit").order_by("position"),
    )


def current_plan():
    """The latest year's plan, or None before any plan is loaded."""
    return Plan.objects.order_by("-year").first()


def tasks_of(plan):
    """The plan's tasks in order, each with its responsible units (three queries in all)."""
    return (
        Task.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(responsible_prefetch())
        .order_by("number")
    )


def tasks_by_quarter(plan):
    """[(quarter, label, [task, ...]), ...] for QUÝ I–IV, empty quarters left out."""
    groups = {quarter: [] for quarter in Quarter}
    for task in tasks_of(plan):
        groups[Quarter(task.quarter)].append(task)
    return [(quarter, quarter.label, tasks) for quarter, tasks in groups.items() if tasks]


def visible_parts(user):
    """The parts a user may see: every unit's for the office, leaders and council; an
    officer only their own unit's (rules.part_visibility)."""
    return part_visibility.filter(user, TaskPart.objects.all())


def visible_submissions(user):
    """The documents sent that a user may see: those of the units they may see."""
    return submission_visibility.filter(user, Submission.objects.all())


def visible_reports(user):
    """The progress reports (and evidence files) a user may see: those of their parts."""
    return report_visibility.filter(user, ProgressReport.objects.all())


def part_history(part):
    """Every report on a part, oldest first, with who made it."""
    return part.reports.select_related("created_by").order_by("reported_at", "pk")


def tasks_needing_units(plan):
    """Tasks given to "Các đơn vị liên quan" / "Các ngành liên quan" with no unit named yet."""
    return (
        Task.objects.filter(
            plan=plan,
            responsible__collective__in=[Collective.RELATED_UNITS, Collective.RELATED_SECTORS],
        )
        .exclude(parts__source=PartSource.PICKED)
        .distinct()
        .order_by("number")
    )

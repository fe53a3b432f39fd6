"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Prefetch

from units.rules import visible_units_filter

from .enums import Collective, PartSource, Quarter
from .models import Plan, ResponsibleUnit, Task, TaskPart


def responsible_prefetch():
    return Prefetch(
        "responsible",
        queryset=ResponsibleUnit.objects.select_related("unit").order_by("position"),
    )


def current_plan():
    """The latest year's published plan, or None before any plan is loaded. A draft for
    next year never becomes the current plan: it is the office's until published."""
    return Plan.objects.published().order_by("-year").first()


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
    officer only their own unit's."""
    return TaskPart.objects.filter(**visible_units_filter(user))


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

"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Prefetch

from units.models import Unit

from . import rules
from .enums import Collective, PartSource, Quarter
from .models import Plan, ResponsibleUnit, Task, TaskPart


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


UNIT_MATCHES = 20


def unit_matches(user, text):
    """The first UNIT_MATCHES units the user may see whose name, short name or code contains
    `text` (accents and case ignored), by name: what the unit type-ahead offers."""
    units = Unit.objects.filter(**rules.visible_units_of(user)).search(text)
    return units.order_by("name").values("id", "code", "name")[:UNIT_MATCHES]


def visible_parts(user):
    """The parts a user may see: every unit's for the office, leaders and council; an
    officer only their own unit's."""
    return TaskPart.objects.filter(**rules.visible_units_filter(user))


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

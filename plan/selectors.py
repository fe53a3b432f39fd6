"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Prefetch

from core.history import history_of
from units.rules import visible_units_filter

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


def task_change_history(task, limit=30):
    """The task's audit trail (core.history.history_of) with, in their place by date, the
    units staff named for it: each naming is one entry, "Giao thêm cho: A, B" (the parts it
    created share one moment and one user)."""
    entries = history_of(task, limit=limit)
    named = (
        TaskPart.history.filter(task_id=task.pk, source=PartSource.PICKED, history_type="+")
        .select_related("history_user", "unit")
        .order_by("-history_date", "unit__sort_key")
    )
    groups = {}
    for row in named:
        key = (row.history_date, row.history_user_id)
        entry = groups.get(key)
        if entry is None:
            if len(groups) == limit:
                break
            entry = groups[key] = {
                "at": row.history_date,
                "user": row.history_user,
                "kind": "named",
                "reason": "",
                "changes": [],
                "units": [],
            }
        entry["units"].append(row.unit.name if row.unit else "—")
    merged = sorted([*entries, *groups.values()], key=lambda entry: entry["at"], reverse=True)
    return merged[:limit]

"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Prefetch

from .enums import Quarter
from .models import Plan, ResponsibleUnit, Task


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

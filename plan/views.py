from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from units.rules import can_view_plan

from .models import Plan, Task
from .selectors import current_plan, responsible_prefetch, tasks_by_quarter


def _render_plan(request, plan):
    if not can_view_plan(request.user):
        raise PermissionDenied
    quarters = tasks_by_quarter(plan) if plan else []
    return render(request, "plan/plan_detail.html", {"plan": plan, "quarters": quarters})


def home(request):
    """The signed-in user's start page: this year's plan."""
    return _render_plan(request, current_plan())


def plan_detail(request, year):
    return _render_plan(request, get_object_or_404(Plan, year=year))


def task_detail(request, year, number):
    if not can_view_plan(request.user):
        raise PermissionDenied
    task = get_object_or_404(
        Task.objects.select_related("plan").prefetch_related(responsible_prefetch()),
        plan__year=year,
        number=number,
    )
    return render(request, "plan/task_detail.html", {"task": task, "plan": task.plan})

"""A task's page and the office's changes to it (due date, units named)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.rules import can_view_plan, visible_units_filter

from .. import rules, services
from ..enums import PlanStatus
from ..forms import DueDateForm, NameUnitsForm
from ..models import Task
from ..selectors import attach_late_reports, task_change_history, task_parts, tasks_for_page
from ..status import task_rollups
from .common import PAGE_SIZE, as_of_date, require
from .years import keep_year


def task_detail(request, year, number, units_form=None):
    """A task, its roll-up over all its parts, and a page of its parts (a task "for every
    unit" has thousands at a ministry's size)."""
    require(can_view_plan(request.user))
    # A draft's tasks are edited on its own pages (plan.rollover_views).
    task = get_object_or_404(
        tasks_for_page(), plan__year=year, plan__status=PlanStatus.PUBLISHED, number=number
    )
    keep_year(request, year)
    as_of = as_of_date(request)
    rollup = task_rollups([task], as_of, visible_units_filter(request.user))[task.pk]
    page = Paginator(task_parts(request.user, task, as_of), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    page.object_list = attach_late_reports(page.object_list, as_of)
    manage = rules.can_manage_schedule(request.user)
    context = {
        "task": task,
        "plan": task.plan,
        "as_of": as_of,
        "parts": page,
        "page": page,
        "rollup": rollup,
        "can_manage": manage,
        "due_form": DueDateForm(initial={"due_on": task.due_on}) if manage else None,
        "units_form": (units_form or NameUnitsForm()) if manage else None,
        # The audit trail is the office's: who changed the task's content or due date.
        "change_history": task_change_history(task) if manage else None,
    }
    return render(request, "plan/task_detail.html", context)


def _task_for_staff(request, pk):
    require(rules.can_manage_schedule(request.user))
    # A draft gets no parts and no schedule until it is published.
    published = Task.objects.filter(plan__status=PlanStatus.PUBLISHED)
    return get_object_or_404(published.select_related("plan"), pk=pk)


@require_POST
def task_set_due_date(request, pk):
    task = _task_for_staff(request, pk)
    form = DueDateForm(request.POST)
    if form.is_valid():
        services.set_task_due_date(task, form.cleaned_data["due_on"], by=request.user)
        messages.success(request, _("Đã cập nhật hạn của nhiệm vụ %(n)s.") % {"n": task.number})
    else:
        messages.error(request, _("Hạn không hợp lệ: %(e)s") % {"e": form.errors["due_on"][0]})
    return redirect("task-detail", task.plan.year, task.number)


@require_POST
def task_name_units(request, pk):
    task = _task_for_staff(request, pk)
    form = NameUnitsForm(request.POST)
    if form.is_valid():
        created = services.name_units_for_task(task, form.cleaned_data["units"], by=request.user)
        messages.success(request, _("Đã giao thêm cho %(n)s đơn vị.") % {"n": len(created)})
        return redirect("task-detail", task.plan.year, task.number)
    # The page again, the error at the field and the ticked units still ticked.
    return task_detail(request, task.plan.year, task.number, units_form=form)

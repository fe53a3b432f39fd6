"""The office's pages for next year's plan: roll a plan over, review and edit the draft,
publish it. A draft is the office's alone: anyone else gets 404, as for a page that is not
there."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from units.models import Cluster
from units.rules import is_office

from . import rollover
from .models import Plan, Task
from .rollover_forms import DraftHeaderForm, DraftTaskForm, RollOverForm
from .selectors import responsible_prefetch, tasks_by_quarter

OUTCOME_MESSAGES = {
    "created": gettext_lazy(
        "Đã tạo dự thảo kế hoạch năm %(y)s. Hãy xem lại các thay đổi rồi ban hành."
    ),
    "restarted": gettext_lazy("Đã làm lại dự thảo kế hoạch năm %(y)s từ đầu."),
    "unchanged": gettext_lazy(
        "Đã có dự thảo kế hoạch năm %(y)s: không thay đổi gì. Muốn làm lại từ đầu, hãy đánh "
        "dấu “Làm lại dự thảo từ đầu”."
    ),
}


def _draft(request, year):
    if not is_office(request.user):
        raise Http404
    return get_object_or_404(Plan.objects.drafts(), year=year)


def draft_or_404(request, plan):
    """A draft asked for at the plan's own address: the office is sent to the draft's page,
    everyone else finds nothing."""
    if not is_office(request.user):
        raise Http404
    return redirect("draft-detail", plan.year)


@require_POST
def plan_roll_over(request, year):
    """The "Chuyển kế hoạch sang năm sau" form of a published plan's page."""
    source = get_object_or_404(Plan.objects.published(), year=year)
    if not is_office(request.user):
        raise PermissionDenied
    form = RollOverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Năm chuyển sang không hợp lệ."))
        return redirect("plan-detail", source.year)
    to_year = form.cleaned_data["to_year"]
    try:
        result = rollover.roll_over_plan(
            source.year, to_year, by=request.user, restart=form.cleaned_data["restart"]
        )
    except rollover.RollOverError as error:
        messages.error(request, str(error))
        return redirect("plan-detail", source.year)
    level = messages.info if result.outcome == "unchanged" else messages.success
    level(request, str(OUTCOME_MESSAGES[result.outcome]) % {"y": to_year})
    return redirect("draft-detail", to_year)


def draft_detail(request, year):
    """The draft: header, tasks by quarter, what the roll-over changed and what to check."""
    plan = _draft(request, year)
    from_year = plan.rollover_review.get("from_year")
    context = {
        "plan": plan,
        "quarters": tasks_by_quarter(plan),
        "review": rollover.review_of(plan),
        "requirements": plan.requirements.select_related("task").order_by("due_on", "pk"),
        "clusters": Cluster.objects.filter(year=year).select_related("leader"),
        "restart_form": RollOverForm(initial={"to_year": year, "restart": True}),
        "from_year": from_year,
    }
    return render(request, "plan/draft_detail.html", context)


def draft_edit(request, year):
    """The draft's header: number, issue date, deadline for the units' plans."""
    plan = _draft(request, year)
    initial = {
        "number": plan.number,
        "issued_on": plan.issued_on,
        "unit_plans_due_on": plan.unit_plans_due_on,
    }
    form = DraftHeaderForm(request.POST or None, initial=initial, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            rollover.update_draft_header(plan, request.user, **form.cleaned_data)
        except rollover.RollOverError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu phần đầu của dự thảo."))
            return redirect("draft-detail", year)
    return render(request, "plan/draft_edit.html", {"plan": plan, "form": form})


def draft_task_edit(request, year, number):
    """One task of the draft: its text, quarter and own due date."""
    plan = _draft(request, year)
    task = get_object_or_404(
        Task.objects.prefetch_related(responsible_prefetch()), plan=plan, number=number
    )
    initial = {"content": task.content, "quarter": task.quarter, "due_on": task.due_on}
    form = DraftTaskForm(request.POST or None, initial=initial, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            rollover.update_draft_task(task, request.user, **form.cleaned_data)
        except rollover.RollOverError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu nhiệm vụ %(n)s.") % {"n": number})
            return redirect("draft-detail", year)
    return render(request, "plan/draft_task_edit.html", {"plan": plan, "task": task, "form": form})


@require_POST
def draft_publish(request, year):
    plan = _draft(request, year)
    try:
        rollover.publish_plan(plan, request.user)
    except rollover.RollOverError as error:
        messages.error(request, str(error))
        return redirect("draft-detail", year)
    done = _("Đã ban hành kế hoạch năm %(y)s; các đơn vị đã được giao việc.")
    messages.success(request, done % {"y": year})
    return redirect("plan-detail", year)

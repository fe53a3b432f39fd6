"""Pages of the plan and its schedule. Thin: read the request, check the rule, call a
service or selector, render."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import export_response
from core.files import document_response
from core.history import history_of
from core.spreadsheets import xlsx_response
from units.models import Unit
from units.rules import (
    can_see_all_units,
    can_see_unit,
    can_view_plan,
    visible_units_filter,
    visible_units_of,
)

from . import exports, rules, services
from .enums import STATUS_ORDER, RequirementKind, Status, SubmissionStatus
from .forms import (
    AsOfForm,
    CancelPartForm,
    DueDateForm,
    NameUnitsForm,
    PartFilterForm,
    ProgressReportForm,
    ReviewForm,
    SubmissionForm,
)
from .models import Plan, ProgressReport, Requirement, Submission, Task, TaskPart
from .selectors import (
    current_plan,
    part_history,
    responsible_prefetch,
    tasks_by_quarter,
    tasks_needing_units,
    visible_parts,
)
from .status import (
    end_of_day,
    quarter_counts,
    requirements_with_unit_status,
    submission_counts,
    task_rollups,
    today,
    with_status,
    with_status_in,
    with_submission_status,
)

PAGE_SIZE = 50
OVERDUE_SHOWN = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_xlsx_response = xlsx_response


def _as_of(request):
    """The date a page is drawn for: ?ngay=dd/mm/yyyy, else today."""
    form = AsOfForm(request.GET)
    if form.is_valid() and form.cleaned_data["ngay"]:
        return form.cleaned_data["ngay"]
    return today()


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _plan_page(request, plan):
    _require(can_view_plan(request.user))
    as_of = _as_of(request)
    quarters = tasks_by_quarter(plan) if plan else []
    rollups = task_rollups([t for _q, _l, ts in quarters for t in ts], as_of) if plan else {}
    for _quarter, _label, tasks in quarters:
        for task in tasks:
            task.rollup = rollups[task.pk]
    context = {"plan": plan, "quarters": quarters, "as_of": as_of}
    return render(request, "plan/plan_detail.html", context)


def home(request):
    """The signed-in user's start page: this year's plan, with each task's progress."""
    return _plan_page(request, current_plan())


def plan_detail(request, year):
    return _plan_page(request, get_object_or_404(Plan, year=year))


def dashboard(request):
    """The office's picture of the plan as of a date: what is late, who has not sent."""
    _require(rules.can_view_dashboard(request.user))
    plan = current_plan()
    if plan is None:
        raise Http404
    as_of = _as_of(request)
    counts = quarter_counts(plan, as_of)
    quarters = []
    for quarter in (1, 2, 3, 4):
        total = sum(counts[quarter].values())
        segments = [
            (status, counts[quarter][status], round(100 * counts[quarter][status] / total, 1))
            for status in STATUS_ORDER
            if total and counts[quarter][status]
        ]
        quarters.append({"quarter": quarter, "total": total, "segments": segments})
    # The first OVERDUE_SHOWN overdue parts; the total is already in the quarter counts and
    # the parts list shows them all (thousands at a ministry's size).
    overdue = (
        with_status_in(TaskPart.objects.filter(task__plan=plan), as_of, [Status.OVERDUE])
        .select_related("unit", "task")
        .order_by("unit__name", "task__number")[:OVERDUE_SHOWN]
    )
    unit_plans = Requirement.objects.filter(plan=plan, kind=RequirementKind.UNIT_PLAN).first()
    context = {
        "plan": plan,
        "as_of": as_of,
        "as_of_form": AsOfForm(initial={"ngay": as_of}),
        "quarters": quarters,
        "overdue": overdue,
        "overdue_total": sum(counts[quarter][Status.OVERDUE] for quarter in (1, 2, 3, 4)),
        "unit_plans": unit_plans,
        "unit_plan_counts": _status_counts(submission_counts(unit_plans, as_of))
        if unit_plans
        else None,
        "needing_units": tasks_needing_units(plan),
        "requirements": plan.requirements.all(),
    }
    return render(request, "plan/dashboard.html", context)


def dashboard_export(request):
    """The plan status report as an XLSX laid out like the office's own documents."""
    _require(rules.can_view_dashboard(request.user))
    plan = current_plan()
    if plan is None:
        raise Http404
    as_of = _as_of(request)
    name = f"tien-do-ke-hoach-{plan.year}-{as_of:%Y%m%d}.xlsx"
    return _xlsx_response(name, exports.write_status_xlsx, plan, as_of)


def task_detail(request, year, number):
    _require(can_view_plan(request.user))
    task = get_object_or_404(
        Task.objects.select_related("plan").prefetch_related(
            responsible_prefetch(),
            Prefetch("parts", queryset=TaskPart.objects.only("task_id", "source")),
        ),
        plan__year=year,
        number=number,
    )
    as_of = _as_of(request)
    parts = with_status(visible_parts(request.user).filter(task=task), as_of).select_related("unit")
    # A task "for every unit" has thousands of parts at a ministry's size: count them in
    # SQL and show them a page at a time.
    rollup = task_rollups([task], as_of, **visible_units_filter(request.user))[task.pk]
    page = Paginator(parts.order_by("unit__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
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
        "units_form": NameUnitsForm() if manage else None,
        # The audit trail is the office's: who changed the task's content or due date.
        "change_history": history_of(task) if manage else None,
    }
    return render(request, "plan/task_detail.html", context)


def _task_for_staff(request, pk):
    _require(rules.can_manage_schedule(request.user))
    return get_object_or_404(Task.objects.select_related("plan"), pk=pk)


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
    else:
        messages.error(request, _("Hãy chọn ít nhất một đơn vị."))
    return redirect("task-detail", task.plan.year, task.number)


def _visible_part(request, pk):
    return get_object_or_404(
        visible_parts(request.user).select_related("task__plan", "unit"), pk=pk
    )


def part_detail(request, pk):
    """One unit's part of a task: its status, its whole history, and the report form."""
    part = _visible_part(request, pk)
    can_report = rules.can_report_on_part(request.user, part)
    manage = rules.can_manage_schedule(request.user)
    form = ProgressReportForm(can_backdate=manage)
    if request.method == "POST":
        _require(can_report)
        form = ProgressReportForm(request.POST, request.FILES, can_backdate=manage)
        if form.is_valid():
            try:
                _save_report(request, part, form.cleaned_data)
            except (services.ScheduleError, ValidationError) as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Đã ghi báo cáo tiến độ."))
                return redirect("part-detail", part.pk)
    as_of = _as_of(request)
    status = with_status(TaskPart.objects.filter(pk=part.pk), as_of).values_list(
        "status", flat=True
    )[0]
    context = {
        "part": part,
        "task": part.task,
        "plan": part.task.plan,
        "status": status,
        "as_of": as_of,
        "history": part_history(part),
        "form": form if can_report else None,
        "cancel_form": CancelPartForm() if manage else None,
    }
    return render(request, "plan/part_detail.html", context)


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _save_report(request, part, data):
    reported_at = None
    if data.get("reported_on"):
        # Back-dated paperwork counts from the end of the day it names.
        last_minute = end_of_day(data["reported_on"]) - datetime.timedelta(minutes=1)
        reported_at = min(last_minute, timezone.now())
    services.report_progress(
        part,
        request.user,
        data["state"],
        done_on=data["done_on"],
        note=data["note"],
        evidence=data["evidence"],
        reported_at=reported_at,
    )


@require_POST
def part_cancel(request, pk):
    part = _visible_part(request, pk)
    _require(rules.can_manage_schedule(request.user))
    form = CancelPartForm(request.POST)
    if form.is_valid():
        services.cancel_part(part, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Đã hủy phần việc; lý do được lưu trong lịch sử."))
    else:
        messages.error(request, _("Cần ghi lý do hủy."))
    return redirect("part-detail", part.pk)


def evidence_file(request, pk):
    report = get_object_or_404(
        ProgressReport.objects.filter(part__in=visible_parts(request.user)).exclude(evidence=""),
        pk=pk,
    )
    return document_response(report.evidence, report.evidence_name)


PART_SORTS = {
    "nhiem-vu": ["task__number", "unit__name"],
    "-nhiem-vu": ["-task__number", "unit__name"],
    "don-vi": ["unit__name", "task__number"],
    "-don-vi": ["-unit__name", "task__number"],
    "han": ["task__due_date", "task__number", "unit__name"],
    "-han": ["-task__due_date", "task__number", "unit__name"],
    "trang-thai": ["status", "task__number", "unit__name"],
    "-trang-thai": ["-status", "task__number", "unit__name"],
}


def part_list(request):
    """Every part the user may see, filtered and sorted by the URL's parameters, paginated."""
    _require(can_view_plan(request.user))
    plan = current_plan()
    if plan is None:
        raise Http404
    form = PartFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    as_of = filters.get("ngay") or today()
    parts = visible_parts(request.user).filter(task__plan=plan)
    if filters.get("trang_thai"):
        parts = with_status_in(parts, as_of, [filters["trang_thai"]])
    else:
        parts = with_status(parts, as_of)
    if filters.get("quy"):
        parts = parts.filter(task__quarter=filters["quy"])
    if filters.get("don_vi"):
        parts = parts.filter(unit=filters["don_vi"])
    if filters.get("loai"):
        parts = parts.filter(unit__kind=filters["loai"])
    sort = request.GET.get("sap_xep", "nhiem-vu")
    parts = parts.select_related("unit", "task").order_by(
        *PART_SORTS.get(sort, PART_SORTS["nhiem-vu"])
    )
    if request.GET.get("xuat") == "xlsx":
        name = f"phan-viec-{as_of:%Y%m%d}.xlsx"
        return export_response(request, name, exports.write_parts_xlsx, parts, as_of)
    page = Paginator(parts, 50).get_page(request.GET.get("trang"))
    context = {"plan": plan, "form": form, "page": page, "as_of": as_of, "sort": sort}
    return render(request, "plan/part_list.html", context)


def unit_detail(request, code):
    """A unit's parts by quarter with status, what it must still send, and its reminders."""
    unit = get_object_or_404(Unit, code=code)
    if not can_see_unit(request.user, unit):
        raise Http404
    plan = current_plan()
    as_of = _as_of(request)
    parts = (
        with_status(TaskPart.objects.filter(task__plan=plan, unit=unit), as_of)
        .select_related("task")
        .order_by("task__number")
    )
    requirements = requirements_with_unit_status(
        Requirement.objects.filter(plan=plan, units=unit).select_related("task"), unit, as_of
    ).order_by("due_on")
    context = {
        "unit": unit,
        "plan": plan,
        "as_of": as_of,
        "parts": parts,
        "requirements": requirements,
        "reminders": unit.reminders.all()[:20],
        "can_submit": rules.can_submit_for(request.user, unit),
        "submission_form": SubmissionForm(),
    }
    return render(request, "plan/unit_detail.html", context)


def requirement_detail(request, pk):
    """Every unit owing the requirement and where it stands as of a date, counts on top."""
    requirement = get_object_or_404(Requirement.objects.select_related("plan", "task"), pk=pk)
    as_of = _as_of(request)
    units = requirement.units.filter(**visible_units_of(request.user))
    units = with_submission_status(units, requirement, as_of).order_by("name")
    status_filter = request.GET.get("trang_thai")
    if status_filter in SubmissionStatus.values:
        units = units.filter(submission_status=status_filter)
    if request.GET.get("xuat") == "xlsx":
        name = f"van-ban-{requirement.pk}-{as_of:%Y%m%d}.xlsx"
        return _xlsx_response(name, exports.write_submissions_xlsx, requirement, units, as_of)
    page = Paginator(units, 60).get_page(request.GET.get("trang"))
    latest = Submission.objects.in_bulk(
        [u.last_submission_id for u in page if u.last_submission_id]
    )
    for unit in page:
        unit.last_submission = latest.get(unit.last_submission_id)
    counts = None
    if can_see_all_units(request.user):
        counts = _status_counts(submission_counts(requirement, as_of))
    context = {
        "requirement": requirement,
        "plan": requirement.plan,
        "as_of": as_of,
        "page": page,
        "counts": counts,
        "status_filter": status_filter,
        "can_review": rules.can_manage_schedule(request.user),
        "review_form": ReviewForm(),
    }
    return render(request, "plan/requirement_detail.html", context)


def _status_counts(counter):
    """[(status, count)] for every submission status, in order, zeros included."""
    return [(status, counter[status]) for status in SubmissionStatus]


@require_POST
def submission_create(request, pk, code):
    requirement = get_object_or_404(Requirement, pk=pk)
    unit = get_object_or_404(Unit, code=code)
    if not rules.can_submit_for(request.user, unit):
        raise Http404
    form = SubmissionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submit_document(
                requirement,
                unit,
                request.user,
                form.cleaned_data["file"],
                form.cleaned_data["note"],
            )
        except (services.ScheduleError, ValidationError) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã gửi “%(r)s”.") % {"r": requirement.title})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("unit-detail", unit.code)


@require_POST
def submission_review(request, pk):
    _require(rules.can_manage_schedule(request.user))
    submission = get_object_or_404(Submission, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_submission(
                submission, request.user, form.cleaned_data["decision"], form.cleaned_data["reason"]
            )
        except services.ScheduleError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Đã ghi kết quả xem xét văn bản của %(u)s.") % {"u": submission.unit}
            )
    return redirect("requirement-detail", submission.requirement_id)


def submission_file(request, pk):
    visible = Submission.objects.filter(**visible_units_filter(request.user))
    submission = get_object_or_404(visible, pk=pk)
    return document_response(submission.file, submission.original_name)

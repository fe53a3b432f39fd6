"""The units' parts: the list of them, one part's page with its report form, cancelling a
part, the evidence files, and the office's confirmation of late reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import export_response
from core.files import document_response
from core.pagination import CountedPaginator
from units.lifecycle import names_in_year
from units.rules import can_view_plan

from .. import exports, rules, services
from ..enums import PartState
from ..forms import CancelPartForm, PartFilterForm, ProgressReportForm
from ..selectors import (
    DEFAULT_PART_SORT,
    attach_late_reports,
    every_part_count,
    filtered_parts,
    part_history,
    status_needs_sql,
    visible_parts,
    visible_reports,
)
from ..status import statuses_as_of, today
from ..templatetags.schedule import late_badge, status_badge
from .common import PAGE_SIZE, add_refusal, as_of_date, error_text, require
from .years import keep_year, latest_year, year_plan


def _visible_part(request, pk):
    return get_object_or_404(
        visible_parts(request.user).select_related("task__plan", "unit"), pk=pk
    )


def _report_form(part, manage, data=None, files=None):
    # The form starts from where the part stands now, not from "not started".
    current = part.latest_state if part.latest_state != PartState.CANCELLED else ""
    initial = {"state": current or PartState.NOT_STARTED}
    return ProgressReportForm(data, files, can_backdate=manage, initial=initial)


def part_detail(request, pk):
    """One unit's part of a task: its status, its whole history, and the report form."""
    part = _visible_part(request, pk)
    keep_year(request, part.task.plan.year)
    # A past year's parts are read-only but for the office (the service refuses too).
    can_report = rules.can_report_on_part(request.user, part) and rules.can_change_year(
        request.user, part.task.plan.year, latest_year(request)
    )
    manage = rules.can_manage_schedule(request.user)
    form = _report_form(part, manage)
    if request.method == "POST":
        if not can_report and rules.can_report_on_part(request.user, part):
            messages.error(request, rules.past_year_refusal(part.task.plan.year))
            return redirect("part-detail", part.pk)
        require(can_report)
        form = _report_form(part, manage, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_progress(
                    part,
                    request.user,
                    data["state"],
                    done_on=data["done_on"],
                    note=data["note"],
                    evidence=data["evidence"],
                    reported_on=data.get("reported_on"),
                )
            except (services.ScheduleError, ValidationError) as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Đã ghi báo cáo tiến độ."))
                return redirect("part-detail", part.pk)
    as_of = as_of_date(request)
    context = {
        "part": part,
        "task": part.task,
        "plan": part.task.plan,
        "status": statuses_as_of([part], as_of)[0].status,
        "late_report": attach_late_reports([part], as_of)[0].late_report,
        "as_of": as_of,
        "history": part_history(part),
        "form": form if can_report else None,
        "cancel_form": CancelPartForm() if manage else None,
        "can_confirm": manage,
    }
    return render(request, "plan/part_detail.html", context)


@require_POST
def part_cancel(request, pk):
    part = _visible_part(request, pk)
    require(rules.can_manage_schedule(request.user))
    form = CancelPartForm(request.POST)
    if form.is_valid():
        services.cancel_part(part, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Đã hủy phần việc; lý do được lưu trong lịch sử."))
    else:
        messages.error(request, _("Cần ghi lý do hủy."))
    return redirect("part-detail", part.pk)


def _visible_report(request, pk):
    return get_object_or_404(visible_reports(request.user), pk=pk)


def evidence_file(request, pk):
    report = _visible_report(request, pk)
    if not report.evidence:
        raise Http404
    return document_response(report.evidence, report.evidence_name)


@require_POST
def report_confirm(request, pk):
    """The office confirms a report made long after the work was done."""
    report = _visible_report(request, pk)
    require(rules.can_manage_schedule(request.user))
    try:
        services.confirm_late_report(report, request.user)
    except services.ScheduleError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Đã xác nhận báo cáo muộn."))
    return redirect("part-detail", report.part_id)


def part_list(request):
    """Every part the user may see, filtered and sorted by the URL's parameters, paginated."""
    require(can_view_plan(request.user))
    plan = year_plan(request)
    if plan is None:
        raise Http404
    # The date kept from another page (common.as_of_date) is shown in the filter's box.
    as_of = as_of_date(request)
    data = request.GET.copy()
    data["ngay"] = f"{as_of:%d/%m/%Y}" if as_of != today() else ""
    form = PartFilterForm(data, year=plan.year)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sap_xep", DEFAULT_PART_SORT)
    export = request.GET.get("xuat") == "xlsx"
    # A page of the list gets its status in Python (statuses_as_of) when the query need not
    # filter or sort by it: the status expression costs more to build and compile than the
    # fifty rows cost to read. The export keeps it in SQL.
    status_in_sql = export or status_needs_sql(filters.get("trang_thai"), sort)
    parts = filtered_parts(
        request.user,
        plan,
        as_of,
        status=filters.get("trang_thai"),
        quarter=filters.get("quy"),
        unit=filters.get("don_vi"),
        kind=filters.get("loai"),
        school_year=filters.get("nam_hoc"),
        sort=sort,
        status_in_sql=status_in_sql,
    )
    if export:
        name = f"phan-viec-{as_of:%Y%m%d}.xlsx"
        return export_response(request, name, exports.write_parts_xlsx, parts, as_of)
    # The whole plan's list is counted from the tasks' tallies; a filtered one by its rows.
    narrowed = any(filters.get(name) for name in ("trang_thai", "quy", "don_vi", "loai", "nam_hoc"))
    total = None if narrowed else every_part_count(request.user, plan)
    if total is None:
        paginator = Paginator(parts, PAGE_SIZE)
    else:
        paginator = CountedPaginator(parts, PAGE_SIZE, total)
    page = paginator.get_page(request.GET.get("trang"))
    rows = page.object_list
    if not status_in_sql:
        rows = statuses_as_of(rows, as_of)
    page.object_list = attach_late_reports(rows, as_of)
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "rows": part_rows(page.object_list, names_in_year(plan.year)),
        "as_of": as_of,
        "sort": sort,
    }
    return render(request, "plan/part_list.html", context)


def part_rows(parts, names):
    """The page's rows as the table shows them, each cell ready: the list is the office's
    most opened page, and fifty rows of template tags (a URL, the unit's name of the year,
    two badges, a date, the school-year badge each) cost more than the rest of the page."""
    # `names`: {unit id: the name it had in the page's year} (units.lifecycle.names_in_year).
    # One reverse() for the page: the URL differs only by the part's number.
    url = reverse("part-detail", args=[0]).removesuffix("0/")
    badges = {}  # a page shows a few statuses, each badge built once
    rows = []
    for part in parts:
        if part.status not in badges:
            badges[part.status] = status_badge(part.status)
        late = late_badge(part.late_report)
        task = part.task
        rows.append(
            {
                "url": f"{url}{part.pk}/",
                "task": f"{task.number}. {task.short_content}",
                "school_year": task.school_year if task.school_year_start else "",
                "unit": names.get(part.unit_id, part.unit.name),
                "due": f"{task.due_date:%d/%m/%Y}" if task.due_date else "",
                "badges": format_html("{} {}", badges[part.status], late)
                if late
                else badges[part.status],
            }
        )
    return rows

"""What units owe the plan: a unit's page, a requirement's page, the documents they send and
the office's review of them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import notices
from core.files import document_response
from core.spreadsheets import xlsx_response
from units.lifecycle import name_in_year, predecessors
from units.models import Unit
from units.rules import can_change_units, can_read_notices_of, can_see_all_units, can_see_unit

from .. import exports, rules, services
from ..enums import PlanStatus
from ..forms import ReviewForm, SubmissionForm
from ..models import Requirement, Submission
from ..selectors import (
    attach_last_submissions,
    attach_late_reports,
    requirement_units,
    submission_status_counts,
    unit_parts,
    unit_requirements,
    visible_submissions,
)
from .common import as_of_date, error_text, require
from .parts import part_rows
from .years import keep_year, latest_year, year_plan

REQUIREMENT_PAGE_SIZE = 60
NOTICES_ON_LANDING = 5


def rows_by_quarter(parts, names):
    """[(quarter's label, its rows as parts.part_rows builds them)], in the parts' order."""
    groups = {}
    for part, row in zip(parts, part_rows(parts, names), strict=True):
        groups.setdefault(part.task.get_quarter_display(), []).append(row)
    return list(groups.items())


def unit_detail(request, code):
    """A unit's parts by quarter with status, what it must still send, and its reminders."""
    unit = get_object_or_404(Unit, code=code)
    if not can_see_unit(request.user, unit):
        raise Http404
    plan = year_plan(request)
    as_of = as_of_date(request)
    year = plan.year if plan else None
    unit_name = name_in_year(unit, year) if year else unit.name
    context = {
        "unit": unit,
        "unit_name": unit_name,
        "predecessors": predecessors(unit, request.user),
        "can_change_units": can_change_units(request.user),
        "plan": plan,
        "as_of": as_of,
        # One plan's parts of one unit: a few dozen, shown whole, by quarter.
        "quarters": rows_by_quarter(
            attach_late_reports(unit_parts(unit, plan, as_of), as_of), {unit.pk: unit_name}
        ),
        "requirements": unit_requirements(unit, plan, as_of),
        "reminders": unit.reminders.order_by("-sent_on", "-pk")[:20],
        # A past year's documents are read-only but for the office.
        "can_submit": rules.can_submit_in_year(request.user, unit, year, latest_year(request)),
        "can_compare_years": rules.can_compare_unit_years(request.user, unit),
        # The unit's own people read what they were told, unread first (issue 13, point 15).
        "notices": list(notices.unread_of(unit.pk)[:NOTICES_ON_LANDING])
        if can_read_notices_of(request.user, unit)
        else None,
        "submission_form": SubmissionForm(),
    }
    return render(request, "plan/unit_detail.html", context)


def requirement_detail(request, pk):
    """Every unit owing the requirement and where it stands as of a date, counts on top."""
    requirement = get_object_or_404(
        Requirement.objects.filter(plan__status=PlanStatus.PUBLISHED).select_related(
            "plan", "task"
        ),
        pk=pk,
    )
    keep_year(request, requirement.plan.year)
    as_of = as_of_date(request)
    status_filter = request.GET.get("trang_thai")
    units = requirement_units(request.user, requirement, as_of, status_filter)
    if request.GET.get("xuat") == "xlsx":
        name = f"van-ban-{requirement.pk}-{as_of:%Y%m%d}.xlsx"
        return xlsx_response(name, exports.write_submissions_xlsx, requirement, units, as_of)
    page = Paginator(units, REQUIREMENT_PAGE_SIZE).get_page(request.GET.get("trang"))
    attach_last_submissions(page)
    context = {
        "requirement": requirement,
        "plan": requirement.plan,
        "as_of": as_of,
        "page": page,
        "counts": submission_status_counts(requirement, as_of)
        if can_see_all_units(request.user)
        else None,
        "status_filter": status_filter,
        "can_review": rules.can_manage_schedule(request.user),
        "review_form": ReviewForm(),
    }
    return render(request, "plan/requirement_detail.html", context)


@require_POST
def submission_create(request, pk, code):
    requirement = get_object_or_404(
        Requirement.objects.filter(plan__status=PlanStatus.PUBLISHED), pk=pk
    )
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
                resend_confirmed=form.cleaned_data["resend_confirmed"],
            )
        except (services.ScheduleError, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Đã gửi “%(r)s”.") % {"r": requirement.title})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("unit-detail", unit.code)


@require_POST
def submission_review(request, pk):
    require(rules.can_manage_schedule(request.user))
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
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    # Back where the review was made (the queue, at its page), else to the requirement.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("requirement-detail", submission.requirement_id)


def submission_file(request, pk):
    visible = visible_submissions(request.user)
    submission = get_object_or_404(visible, pk=pk)
    return document_response(submission.file, submission.original_name)

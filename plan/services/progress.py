"""Progress on the units' parts: dated reports, cancellations, the office's confirmation of
reports made long after the work was done."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.names import normalise_text_block

from .. import rules
from ..enums import PartState
from ..models import LateReportConfirmation, ProgressReport, TaskPart
from ..status import end_of_day
from .copies import batches, refresh_stored_copies
from .schedule import BATCH, ScheduleError


def _local_date(moment):
    return timezone.localdate(moment)


def is_reported_late(state, done_on, reported_at):
    """Work reported done more than settings.LATE_REPORT_DAYS days after the day it was done."""
    if state != PartState.DONE or done_on is None:
        return False
    waited = _local_date(reported_at) - done_on
    return waited > datetime.timedelta(days=settings.LATE_REPORT_DAYS)


def build_progress_report(part_id, state, *, by_id, reported_at, done_on=None, note=""):
    """An unsaved report as report_progress writes it, for the services and the generators
    (which write thousands with add_reports): a part done without a date is done on the
    local day of the report; any other state has no done date; the note is tidied; a report
    long after the work is marked as reported late."""
    done_on = (done_on or _local_date(reported_at)) if state == PartState.DONE else None
    return ProgressReport(
        part_id=part_id,
        state=state,
        done_on=done_on,
        note=normalise_text_block(note),
        reported_at=reported_at,
        reported_late=is_reported_late(state, done_on, reported_at),
        created_by_id=by_id,
    )


def add_reports(reports, *, parts, batch_size=BATCH):
    """Write reports in bulk (any number, from any iterable, in batches), then bring the
    stored copies of `parts` (a queryset holding every part reported on) up to date.
    For generated and imported history; returns the number written."""
    count = 0
    for chunk in batches(reports, batch_size):
        ProgressReport.objects.bulk_create(chunk, batch_size=batch_size)
        count += len(chunk)
    refresh_stored_copies(parts=parts)
    return count


def paperwork_moment(day):
    """When back-dated paperwork takes effect: the last minute of the local day it names
    (or now, for today), so everything reported during that day comes before it."""
    return min(end_of_day(day) - datetime.timedelta(minutes=1), timezone.now())


def _add_report(report):
    """Save a report and keep its part's copy of the latest one right.

    The part's row is locked first, so two reports on one part at the same moment are
    written one after the other and the copy is the latest of both.
    """
    locked = TaskPart.objects.select_for_update().filter(pk=report.part_id)
    list(locked.values_list("pk"))
    report.save()
    refresh_stored_copies(parts=TaskPart.objects.filter(pk=report.part_id))
    return report


def _check_done_on(part, report):
    """A done date lies in the plan's year, not after the report, and not before a day the
    part was reported as not yet done."""
    done_on = report.done_on
    if done_on > _local_date(report.reported_at):
        raise ScheduleError(_("Ngày hoàn thành không thể sau ngày báo cáo."), field="done_on")
    year = part.task.plan.year
    if done_on.year != year:
        raise ScheduleError(
            _("Ngày hoàn thành phải thuộc năm %(year)s của kế hoạch.") % {"year": year},
            field="done_on",
        )
    not_done = (
        part.reports.filter(reported_at__lte=report.reported_at)
        .exclude(state__in=[PartState.DONE, PartState.CANCELLED])
        .order_by("-reported_at", "-pk")
        .first()
    )
    if not_done and done_on < _local_date(not_done.reported_at):
        raise ScheduleError(
            _("Ngày hoàn thành không thể trước ngày %(day)s (báo cáo “%(state)s”).")
            % {
                "day": _local_date(not_done.reported_at).strftime("%d/%m/%Y"),
                "state": not_done.get_state_display(),
            },
            field="done_on",
        )


@transaction.atomic
def report_progress(
    part, by, state, *, done_on=None, note="", evidence=None, reported_at=None, reported_on=None
):
    """Record a new dated report on a part. Nothing earlier is changed.

    Officers report on their own unit's parts, as of now; the office may enter a report
    with an earlier date (paperwork that came late), which changes the past picture.
    `reported_on` (a day) is the paperwork's date, taken as paperwork_moment says.
    A part done without a date is done on the local day of the report. Work reported done
    more than LATE_REPORT_DAYS days after it was done needs its evidence file, and is shown
    as reported late until the office confirms it.
    """
    if not rules.can_report_on_part(by, part):
        raise ScheduleError(_("Bạn không được báo cáo cho phần việc của đơn vị khác."))
    year = part.task.plan.year
    if not rules.can_change_year(by, year):
        raise ScheduleError(rules.past_year_refusal(year))
    if state == PartState.CANCELLED:
        raise ScheduleError(_("Dùng chức năng hủy phần việc để hủy."))
    now = timezone.now()
    if reported_on is not None:
        reported_at = paperwork_moment(reported_on)
    if reported_at is None:
        reported_at = now
    elif reported_at > now:
        raise ScheduleError(_("Thời điểm báo cáo không thể ở tương lai."), field="reported_on")
    elif not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được nhập báo cáo với ngày trước đây."))
    report = build_progress_report(
        part.pk, state, by_id=by.pk, reported_at=reported_at, done_on=done_on, note=note
    )
    report.part, report.created_by = part, by
    if evidence:
        report.evidence = evidence
        report.evidence_name = evidence.name
    report.full_clean()  # a bad file is refused before anything about dates
    if report.done_on:
        _check_done_on(part, report)
    if report.reported_late and not evidence:
        raise ScheduleError(
            _(
                "Báo cáo hoàn thành sau hơn %(days)s ngày kể từ ngày hoàn thành: "
                "cần kèm tệp minh chứng."
            )
            % {"days": settings.LATE_REPORT_DAYS},
            field="evidence",
        )
    return _add_report(report)


@transaction.atomic
def cancel_part(part, by, reason, *, reported_at=None):
    """Cancel a unit's part (the unit left the plan, say). Kept, with the reason, in its history."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được hủy phần việc."))
    if not normalise_text_block(reason):
        raise ScheduleError(_("Cần ghi lý do hủy."))
    report = build_progress_report(
        part.pk,
        PartState.CANCELLED,
        by_id=by.pk,
        reported_at=reported_at or timezone.now(),
        note=reason,
    )
    return _add_report(report)


@transaction.atomic
def confirm_late_report(report, by, note=""):
    """The office confirms a report made long after the work was done (it checked the
    evidence). The confirmation is its own row: who, when, why; the report is unchanged."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được xác nhận báo cáo muộn."))
    if not report.reported_late:
        raise ScheduleError(_("Báo cáo này không phải báo cáo muộn."))
    if LateReportConfirmation.objects.filter(report=report).exists():
        raise ScheduleError(_("Báo cáo này đã được xác nhận."))
    confirmation = LateReportConfirmation(
        report=report, confirmed_by=by, note=normalise_text_block(note)
    )
    confirmation._history_user = by
    confirmation.save()
    return confirmation

"""Writes to plans and tasks: one atomic function per operation, for commands, admin and tests."""

import datetime
import unicodedata

from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.names import name_key, normalise_text_block
from units.models import Unit
from units.selectors import unit_name_index

from . import rules
from .enums import Collective, PartSource, PartState, Quarter, ReviewDecision, quarter_end
from .models import (
    Plan,
    ProgressReport,
    ResponsibleUnit,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)

_COLLECTIVE_BY_KEY = {name_key(choice.label): choice for choice in Collective}


class PlanDataError(Exception):
    """The plan data cannot be loaded; `errors` lists every problem found, one line each."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


def _nfc(text):
    return unicodedata.normalize("NFC", text)


def _date(value, label, errors):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"{label}: “{value}” không phải là ngày (cần dạng YYYY-MM-DD).")
        return None


def resolve_responsible(written, index):
    """(unit, collective) for one entry of "Đơn vị thực hiện"; (None, None) if nobody is known."""
    collective = _COLLECTIVE_BY_KEY.get(name_key(written))
    if collective:
        return None, collective
    return index.get(name_key(written)), None


def _read_tasks(data, year, index, errors):
    """Check every task of the data file; return the rows to write, or add to `errors`."""
    tasks, seen = [], set()
    for position, item in enumerate(data.get("tasks") or [], start=1):
        number = item.get("number")
        label = f"Nhiệm vụ {number}" if number else f"Nhiệm vụ thứ {position} trong tệp"
        if not isinstance(number, int) or number < 1:
            errors.append(f"{label}: số thứ tự phải là số nguyên dương.")
            continue
        if number in seen:
            errors.append(f"{label}: số thứ tự bị trùng.")
        seen.add(number)
        quarter = item.get("quarter")
        if quarter not in Quarter.values:
            errors.append(f"{label}: quý “{quarter}” không hợp lệ (1 đến 4).")
            continue
        content = _nfc(item.get("content") or "").strip()
        if not content:
            errors.append(f"{label}: thiếu nội dung nhiệm vụ.")
        due_on = None
        if item.get("due_date"):
            due_on = _date(item["due_date"], f"{label}, hạn", errors)
            if due_on == quarter_end(year, quarter):
                due_on = None  # the default: keep it derived from the quarter
        responsible = []
        for written in item.get("responsible") or []:
            written = _nfc(written).strip()
            unit, collective = resolve_responsible(written, index)
            if not unit and not collective:
                errors.append(f"{label}: không tìm thấy đơn vị “{written}”.")
            responsible.append((unit, collective or "", written))
        if not responsible:
            errors.append(f"{label}: thiếu đơn vị thực hiện.")
        tasks.append(
            {
                "number": number,
                "quarter": quarter,
                "content": content,
                "due_on": due_on,
                "responsible": responsible,
            }
        )
    if not tasks and not errors:
        errors.append("Tệp không có nhiệm vụ nào.")
    return tasks


def _plan_fields(raw, errors):
    fields = {}
    for name in ("number", "title", "place", "issuer", "signer_name", "signer_title"):
        value = _nfc(str(raw.get(name) or "")).strip()
        if not value:
            errors.append(f"Kế hoạch: thiếu trường “{name}”.")
        fields[name] = value
    fields["issued_on"] = _date(raw.get("issued_on"), "Kế hoạch, ngày ban hành", errors)
    fields["unit_plans_due_on"] = _date(
        raw.get("unit_plans_due_on"), "Kế hoạch, hạn gửi kế hoạch của các đơn vị", errors
    )
    bases = raw.get("legal_bases") or []
    fields["legal_bases"] = _nfc("\n".join(bases) if isinstance(bases, list) else bases)
    for name in ("preamble", "solutions_text", "organisation_text"):
        fields[name] = _nfc(raw.get(name) or "")
    return fields


@transaction.atomic
def load_plan(data):
    """Create or update a year's plan and its tasks from plan data (the shape export_plan writes).

    All or nothing: every problem is collected and reported, and nothing is written unless
    there is none. Loading the same data twice changes nothing.
    Returns (plan, created).
    """
    errors = []
    raw = data.get("plan") or {}
    year = raw.get("year")
    if not isinstance(year, int):
        raise PlanDataError(["Kế hoạch: thiếu năm (year) hoặc năm không hợp lệ."])
    fields = _plan_fields(raw, errors)
    tasks = _read_tasks(data, year, unit_name_index(), errors)
    existing = Plan.objects.filter(year=year).first()
    if existing:
        numbers = {task["number"] for task in tasks}
        extra = existing.tasks.exclude(number__in=numbers).values_list("number", flat=True)
        errors.extend(
            f"Nhiệm vụ {number} đã có trong kế hoạch năm {year} nhưng không có trong tệp; "
            "hãy sửa nhiệm vụ đó trong trang quản trị."
            for number in extra
        )
    if errors:
        raise PlanDataError(errors)

    plan, created = Plan.objects.update_or_create(year=year, defaults=fields)
    for item in tasks:
        task, _ = Task.objects.update_or_create(
            plan=plan,
            number=item["number"],
            defaults={k: item[k] for k in ("quarter", "content", "due_on")},
        )
        _set_responsible(task, item["responsible"])
    return plan, created


def _set_responsible(task, wanted):
    """Make the task's responsible units exactly `wanted`, leaving unchanged rows untouched."""
    current = [
        (row.unit_id, row.collective, row.written_as)
        for row in task.responsible.order_by("position")
    ]
    wanted_keys = [
        (unit.pk if unit else None, collective, written) for unit, collective, written in wanted
    ]
    if current == wanted_keys:
        return
    task.responsible.all().delete()
    rows = [
        ResponsibleUnit(
            task=task, position=position, unit=unit, collective=collective, written_as=written
        )
        for position, (unit, collective, written) in enumerate(wanted, start=1)
    ]
    bulk_create_with_history(rows, ResponsibleUnit)


# --- The schedule: parts, progress, requirements, submissions --------------------------------


class ScheduleError(Exception):
    """A schedule operation was refused; the message says why, in Vietnamese."""


def sync_task_parts(task):
    """Give every unit that must do the task its part: the named units and, for "Các đơn vị",
    every participating unit. Units staff picked stay. Never removes a part (cancel instead).
    Returns the number of parts created."""
    wanted = {}
    for row in task.responsible.all():
        if row.unit_id:
            wanted.setdefault(row.unit_id, PartSource.NAMED)
        elif row.collective == Collective.ALL_UNITS:
            for unit_id in Unit.objects.filter(is_participating=True).values_list("pk", flat=True):
                wanted.setdefault(unit_id, PartSource.ALL_UNITS)
    existing = set(task.parts.values_list("unit_id", flat=True))
    new = [
        TaskPart(task=task, unit_id=unit_id, source=source)
        for unit_id, source in wanted.items()
        if unit_id not in existing
    ]
    bulk_create_with_history(new, TaskPart)
    if new:
        Task.objects.filter(pk=task.pk).refresh_tallies()
    return len(new)


@transaction.atomic
def sync_plan_parts(plan):
    """sync_task_parts for every task of the plan; returns the number of parts created."""
    tasks = plan.tasks.prefetch_related("responsible")
    return sum(sync_task_parts(task) for task in tasks)


@transaction.atomic
def name_units_for_task(task, units, by):
    """Staff name the units behind "Các đơn vị liên quan" / "Các ngành liên quan"."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được chỉ định đơn vị thực hiện."))
    existing = set(task.parts.values_list("unit_id", flat=True))
    new = [
        TaskPart(task=task, unit=unit, source=PartSource.PICKED)
        for unit in units
        if unit.pk not in existing
    ]
    # One moment for the lot: the task's history shows them as one naming (selectors).
    bulk_create_with_history(new, TaskPart, default_user=by, default_date=timezone.now())
    Task.objects.filter(pk=task.pk).refresh_tallies()
    return new


@transaction.atomic
def set_task_due_date(task, due_on, by):
    """Staff set a task's own due date (None: back to the end of its quarter)."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được đổi hạn nhiệm vụ."))
    task.due_on = due_on
    task._history_user = by
    task.save(update_fields=["due_on"])
    return task


def _local_date(moment):
    return timezone.localdate(moment)


def refresh_latest_reports(parts):
    """Copy each part's latest report (by `reported_at`, then entry order) onto the part.

    Called after every report written, in the same transaction: by report_progress and
    cancel_part for one part, by the demo and scale loaders for many. A back-dated report
    changes nothing here unless it is the latest.
    """
    latest = ProgressReport.objects.filter(part=OuterRef("pk")).order_by("-reported_at", "-pk")
    updated = parts.update(
        latest_state=Coalesce(Subquery(latest.values("state")[:1]), Value("")),
        latest_done_on=Subquery(latest.values("done_on")[:1]),
        latest_reported_at=Subquery(latest.values("reported_at")[:1]),
    )
    Task.objects.filter(pk__in=parts.values("task_id")).refresh_tallies()
    return updated


def _add_report(report):
    """Save a report and keep its part's copy of the latest one right.

    The part's row is locked first, so two reports on one part at the same moment are
    written one after the other and the copy is the latest of both.
    """
    locked = TaskPart.objects.select_for_update().filter(pk=report.part_id)
    list(locked.values_list("pk"))
    report.save()
    refresh_latest_reports(TaskPart.objects.filter(pk=report.part_id))
    return report


@transaction.atomic
def report_progress(part, by, state, *, done_on=None, note="", evidence=None, reported_at=None):
    """Record a new dated report on a part. Nothing earlier is changed.

    Officers report on their own unit's parts, as of now; the office may enter a report
    with an earlier date (paperwork that came late), which changes the past picture.
    A part done without a date is done on the local day of the report.
    """
    if not rules.can_report_on_part(by, part):
        raise ScheduleError(_("Bạn không được báo cáo cho phần việc của đơn vị khác."))
    if state == PartState.CANCELLED:
        raise ScheduleError(_("Dùng chức năng hủy phần việc để hủy."))
    now = timezone.now()
    if reported_at is None:
        reported_at = now
    elif reported_at > now:
        raise ScheduleError(_("Thời điểm báo cáo không thể ở tương lai."))
    elif not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được nhập báo cáo với ngày trước đây."))
    if state == PartState.DONE:
        done_on = done_on or _local_date(reported_at)
        if done_on > _local_date(reported_at):
            raise ScheduleError(_("Ngày hoàn thành không thể sau ngày báo cáo."))
    else:
        done_on = None
    report = ProgressReport(
        part=part,
        state=state,
        done_on=done_on,
        note=normalise_text_block(note),
        reported_at=reported_at,
        created_by=by,
    )
    if evidence:
        report.evidence = evidence
        report.evidence_name = evidence.name
    report.full_clean()
    return _add_report(report)


@transaction.atomic
def cancel_part(part, by, reason, *, reported_at=None):
    """Cancel a unit's part (the unit left the plan, say). Kept, with the reason, in its history."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được hủy phần việc."))
    reason = normalise_text_block(reason)
    if not reason:
        raise ScheduleError(_("Cần ghi lý do hủy."))
    return _add_report(
        ProgressReport(
            part=part,
            state=PartState.CANCELLED,
            note=reason,
            reported_at=reported_at or timezone.now(),
            created_by=by,
        )
    )


@transaction.atomic
def submit_document(requirement, unit, by, file, note="", submitted_at=None):
    """A unit sends its document for a requirement; sending again adds a new row."""
    if not rules.can_submit_for(by, unit):
        raise ScheduleError(_("Bạn chỉ được gửi văn bản của đơn vị mình."))
    if not requirement.units.filter(pk=unit.pk).exists():
        raise ScheduleError(_("Đơn vị này không thuộc diện phải gửi văn bản này."))
    if submitted_at is not None and not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được nhập văn bản với ngày trước đây."))
    submission = Submission(
        requirement=requirement,
        unit=unit,
        file=file,
        original_name=file.name,
        note=normalise_text_block(note),
        submitted_by=by,
        submitted_at=submitted_at or timezone.now(),
    )
    submission.full_clean()
    submission._history_user = by
    submission.save()
    return submission


@transaction.atomic
def review_submission(submission, by, decision, reason="", reviewed_at=None):
    """The office accepts a submission, or returns it with a reason for the unit to send again."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được xem xét văn bản."))
    reason = normalise_text_block(reason)
    if decision == ReviewDecision.RETURNED and not reason:
        raise ScheduleError(_("Cần ghi lý do trả lại để đơn vị biết mà sửa."))
    review = SubmissionReview(
        submission=submission,
        decision=decision,
        reason=reason,
        reviewed_by=by,
        reviewed_at=reviewed_at or timezone.now(),
    )
    review._history_user = by
    review.save()
    return review

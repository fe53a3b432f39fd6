"""The plan written out as JSON, CSV or XLSX: the shapes export_plan and the pages share."""

import csv
import datetime
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import date_line, date_words
from core.spreadsheets import OFFICE_ISSUER_LINES, safe_cell, write_official_xlsx
from units.lifecycle import names_in_year

from .enums import STATUS_ORDER, Quarter, ReviewDecision, Status, SubmissionStatus
from .models import Plan, TaskPart
from .selectors import tasks_of
from .status import Rollup, task_rollups, with_status

FORMATS = ("json", "csv", "xlsx")
# The plan's own columns (export_plan), in the language of the plan and of its import.
COLUMNS = ["TT", "Quý", "Nội dung nhiệm vụ", "Hạn", "Đơn vị thực hiện"]
# Rows of a list export are read this many at a time (model objects with their related
# rows): the chunk, not the list, sets the export's memory, so it is kept small.
CHUNK = 500


def plan_data(plan, as_of=None):
    """The plan as plain data: the shape of fixtures/plan-2013.json, with units by full name.

    With `as_of`, each task also carries its status and its parts' statuses on that date.
    Units are named as they were that year (units.lifecycle): a later rename leaves a
    year's export unchanged.
    """
    old_names = names_in_year(plan.year)
    data = {
        "plan": {
            "year": plan.year,
            "number": plan.number,
            "title": plan.title,
            # A draft's issue date is left for the office to fill in.
            "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
            "place": plan.place,
            "issuer": plan.issuer,
            "signer_name": plan.signer_name,
            "signer_title": plan.signer_title,
            "legal_bases": plan.legal_bases_list(),
            "preamble": plan.preamble,
            "unit_plans_due_on": plan.unit_plans_due_on.isoformat(),
            "solutions_text": plan.solutions_text,
            "organisation_text": plan.organisation_text,
        },
        "tasks": [
            {
                "number": task.number,
                "quarter": task.quarter,
                "content": task.content,
                "due_date": task.due_date.isoformat(),
                "responsible": [_name(row, old_names) for row in task.responsible.all()],
            }
            for task in tasks_of(plan)
        ],
    }
    if as_of is not None:
        _add_statuses(plan, data, as_of)
    return data


def _add_statuses(plan, data, as_of):
    """Two queries: every part's status, then each task's roll-up from them."""
    parts = (
        with_status(TaskPart.objects.filter(task__plan=plan), as_of)
        .select_related("unit", "task")
        .order_by("task__number", "unit__sort_key")
    )
    # The names the units had that year: a past year's export keeps a renamed unit's old name.
    old_names = names_in_year(plan.year)
    by_task = {}
    for part in parts:
        by_task.setdefault(part.task.number, []).append(part)
    data["as_of"] = as_of.isoformat()
    for task in data["tasks"]:
        task_parts = by_task.get(task["number"], [])
        rollup = Rollup()
        for part in task_parts:
            rollup.counts[Status(part.status)] += 1
        task["status"] = rollup.status.value if rollup.status else None
        task["units_done"] = rollup.done
        task["units_total"] = rollup.total
        task["parts"] = [
            {
                "unit": old_names.get(part.unit_id, part.unit.name),
                "status": part.status,
                "done_on": part.done_on_as_of.isoformat() if part.done_on_as_of else None,
            }
            for part in task_parts
        ]


def _name(row, old_names):
    """A responsible row's name in the plan's year."""
    if row.unit_id and row.unit_id in old_names:
        return old_names[row.unit_id]
    return row.canonical_name


def _rows(plan):
    for task in plan_data(plan)["tasks"]:
        yield task, "\n".join(task["responsible"])


def write_json(plan, stream):
    json.dump(plan_data(plan), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(plan, stream):
    """One row per task; the responsible units one per line inside their cell.

    Text that begins with = + - @ (a bullet line "- ...") gets the guard quote spreadsheet
    programs read as "text", so nothing runs as a formula; the imports take it off again.
    """
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for task, responsible in _rows(plan):
        due = "/".join(reversed(task["due_date"].split("-")))
        writer.writerow(
            [
                task["number"],
                task["quarter"],
                safe_cell(task["content"]),
                due,
                safe_cell(responsible),
            ]
        )


def write_xlsx(plan, stream):
    """The plan's tasks under the header block of the plan document itself, ready to print."""
    issued = plan.issued_on
    # "tháng 3", not "tháng 03" (Phụ lục I); a draft's date is written in by hand once signed.
    dated = date_words(issued) if issued else f"ngày ... tháng ... năm {plan.year}"
    write_official_xlsx(
        stream,
        columns=list(zip(COLUMNS, (6, 8, 70, 12, 40), strict=True)),
        rows=[
            [
                task["number"],
                task["quarter"],
                task["content"],
                datetime.date.fromisoformat(task["due_date"]),
                responsible,
            ]
            for task, responsible in _rows(plan)
        ],
        title="KẾ HOẠCH",
        subtitles=[plan.title],
        sheet_title=f"Kế hoạch {plan.year}",
        left_lines=[f"Số: {plan.number}"],
        right_lines=[f"{plan.place}, {dated}"],
    )


def _day(value):
    return value.strftime("%d/%m/%Y")


def _as_of_line(as_of):
    return _("Tính đến ngày %(day)s") % {"day": _day(as_of)}


def _status_label(value):
    return str(Status(value).label) if value else _("Chưa giao đơn vị")


def office_signature():
    """The office's signature block: the head of Ban TĐKT (settings), the name left blank
    for the pen when none is set."""
    return (settings.OFFICE_SIGNER_TITLE, settings.OFFICE_SIGNER_NAME)


def status_totals(tasks, rollups):
    """The report's totals row: how many tasks, how many in each status, and the units' parts
    done of all parts (the sums of the rows above)."""
    by_status = {}
    for task in tasks:
        status = rollups[task.pk].status
        by_status[status] = by_status.get(status, 0) + 1
    order = [*STATUS_ORDER, None]  # None: a task no unit was given yet
    breakdown = "\n".join(
        f"{_status_label(status)}: {by_status[status]}"
        for status in sorted(by_status, key=order.index)
    )
    done = sum(rollups[task.pk].done for task in tasks)
    total = sum(rollups[task.pk].total for task in tasks)
    return [
        None,
        _("Tổng cộng: %(count)s nhiệm vụ") % {"count": len(tasks)},
        None,
        None,
        breakdown,
        f"{done}/{total}",
    ]


def write_status_xlsx(plan, as_of, stream):
    """The plan status report: every task under its quarter with status and units done, the
    totals under them and the office's signature block.

    Each task's status and "n of m" come from its parts counted by status in SQL
    (`task_rollups`), so the report reads one row per task and status however many units
    take part, where `plan_data` would load every part.
    """
    tasks = list(tasks_of(plan))
    old_names = names_in_year(plan.year)
    rollups = task_rollups(tasks, as_of)
    rows, sections = [], {}
    for task in tasks:
        if not rows or task.quarter != tasks[len(rows) - 1].quarter:
            sections[len(rows)] = str(Quarter(task.quarter).label)
        rollup = rollups[task.pk]
        rows.append(
            [
                task.number,
                task.content,
                "\n".join(_name(row, old_names) for row in task.responsible.all()),
                task.due_date,
                _status_label(rollup.status),
                f"{rollup.done}/{rollup.total}",
            ]
        )
    today = date_line(plan.place, timezone.localdate())
    write_official_xlsx(
        stream,
        columns=[
            (_("TT"), 6),
            (_("Nội dung nhiệm vụ"), 60),
            (_("Đơn vị thực hiện"), 34),
            (_("Hạn"), 12),
            (_("Trạng thái"), 20),
            (_("Số đơn vị hoàn thành"), 14),
        ],
        rows=rows,
        sections=sections,
        title=_("BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH"),
        subtitles=[
            _("Kế hoạch số %(number)s: %(title)s") % {"number": plan.number, "title": plan.title},
            _as_of_line(as_of),
        ],
        sheet_title=_("Tiến độ %(day)s") % {"day": _day(as_of).replace("/", "-")},
        issuer_lines=OFFICE_ISSUER_LINES,
        right_lines=[today],
        totals=[status_totals(tasks, rollups)] if tasks else [],
        signature_date=today,
        signature=office_signature(),
    )


def write_parts_xlsx(parts, as_of, stream):
    """Exactly the rows of a filtered parts list (parts annotated by with_status), each unit
    under the name it had in the part's year."""
    names_by_plan = {}

    def unit_name(part):
        plan_id = part.task.plan_id
        if plan_id not in names_by_plan:
            year = Plan.objects.values_list("year", flat=True).get(pk=plan_id)
            names_by_plan[plan_id] = names_in_year(year)
        return names_by_plan[plan_id].get(part.unit_id, part.unit.name)

    write_official_xlsx(
        stream,
        columns=[
            (_("Nhiệm vụ"), 8),
            (_("Nội dung"), 60),
            (_("Đơn vị"), 40),
            (_("Hạn"), 12),
            (_("Trạng thái"), 20),
        ],
        rows=(
            [
                part.task.number,
                part.task.content,
                unit_name(part),
                part.task.due_date,
                _status_label(part.status),
            ]
            for part in parts.iterator(chunk_size=CHUNK)
        ),
        title=_("DANH SÁCH PHẦN VIỆC CỦA CÁC ĐƠN VỊ"),
        subtitles=[_as_of_line(as_of)],
        sheet_title=_("Phần việc"),
    )


def _review_cell(unit):
    """The office's answer as the page words it: an accepted copy stays accepted, and a
    newer copy pending or returned is said beside it (issue 13, point 4)."""
    if not unit.accepted_submission_id:
        return str(ReviewDecision(unit.last_decision).label) if unit.last_decision else ""
    accepted = str(ReviewDecision.ACCEPTED.label)
    if unit.last_submission_id == unit.accepted_submission_id:
        return accepted
    if unit.last_decision == ReviewDecision.RETURNED:
        return _("%(accepted)s (bản gửi sau bị trả lại)") % {"accepted": accepted}
    return _("%(accepted)s (bản gửi sau chờ xem xét)") % {"accepted": accepted}


def write_submissions_xlsx(requirement, units, as_of, stream):
    """Who sent a requirement's document, when, on time or late, and who has not."""
    old_names = names_in_year(requirement.plan.year)
    write_official_xlsx(
        stream,
        columns=[
            (_("Đơn vị"), 45),
            (_("Tình trạng"), 26),
            (_("Gửi lúc"), 18),
            (_("Kết quả xem xét"), 18),
        ],
        rows=(
            [
                old_names.get(unit.pk, unit.name),
                str(SubmissionStatus(unit.submission_status).label),
                timezone.localtime(unit.last_submitted_at).strftime("%H:%M %d/%m/%Y")
                if unit.last_submitted_at
                else "",
                _review_cell(unit),
            ]
            for unit in units.iterator(chunk_size=CHUNK)
        ),
        title=_("TÌNH HÌNH GỬI VĂN BẢN CỦA CÁC ĐƠN VỊ"),
        subtitles=[
            _("%(title)s (hạn %(day)s)")
            % {"title": requirement.title, "day": _day(requirement.due_on)},
            _as_of_line(as_of),
        ],
        sheet_title=_("Văn bản"),
    )

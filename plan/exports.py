"""The plan written out as JSON, CSV or XLSX: the shapes export_plan and the pages share."""

import csv
import datetime
import json

from units.spreadsheets import safe_cell, write_official_xlsx

from .enums import Status
from .models import TaskPart
from .selectors import tasks_of
from .status import Rollup, with_status

FORMATS = ("json", "csv", "xlsx")
COLUMNS = ["TT", "Quý", "Nội dung nhiệm vụ", "Hạn", "Đơn vị thực hiện"]


def plan_data(plan, as_of=None):
    """The plan as plain data: the shape of fixtures/plan-2013.json, with units by full name.

    With `as_of`, each task also carries its status and its parts' statuses on that date.
    """
    data = {
        "plan": {
            "year": plan.year,
            "number": plan.number,
            "title": plan.title,
            "issued_on": plan.issued_on.isoformat(),
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
                "responsible": [row.canonical_name for row in task.responsible.all()],
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
        .order_by("task__number", "unit__name")
    )
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
                "unit": part.unit.name,
                "status": part.status,
                "done_on": part.done_on_as_of.isoformat() if part.done_on_as_of else None,
            }
            for part in task_parts
        ]


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
        right_lines=[
            f"{plan.place}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}"
        ],
    )

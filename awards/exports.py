"""A year's dossiers written out as JSON or XLSX, for `manage.py export_dossiers`."""

import json

from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .models import DossierTransition
from .selectors import dossiers

FORMATS = ("json", "xlsx")


def _dossiers_of(year):
    history = Prefetch("transitions", queryset=DossierTransition.objects.select_related("by"))
    return dossiers().filter(year=year).prefetch_related(history).order_by("reference")


def _date(value):
    return value.isoformat() if value else None


def dossier_data(year):
    """{"dossiers": [...]}: each dossier with its nominee, award, decision and full history."""
    return {
        "dossiers": [
            {
                "reference": dossier.reference,
                "year": dossier.year,
                "state": dossier.state,
                "unit": dossier.unit.name,
                "nominee": {
                    "kind": dossier.nominee_kind,
                    "name": dossier.nominee_name,
                    "sex": dossier.sex,
                    "date_of_birth": _date(dossier.date_of_birth),
                    "position": dossier.position,
                    "workplace": dossier.workplace,
                },
                "award_type": dossier.award_type.name,
                "category": dossier.category.name,
                "batch": dossier.batch.name if dossier.batch else None,
                "decision": {
                    "number": dossier.decision_number,
                    "date": _date(dossier.decision_date),
                    "central_number": dossier.central_decision_number,
                    "central_date": _date(dossier.central_decision_date),
                    "refusal_reason": dossier.refusal_reason,
                },
                "history": [
                    {
                        "at": transition.at.isoformat(),
                        "by": transition.by.username,
                        "from": transition.from_state,
                        "to": transition.to_state,
                        "comment": transition.comment,
                    }
                    for transition in dossier.transitions.all()
                ],
            }
            for dossier in _dossiers_of(year)
        ]
    }


def write_json(year, stream):
    json.dump(dossier_data(year), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


DOSSIER_COLUMNS = [
    "Số hồ sơ",
    "Trạng thái",
    "Đơn vị đề nghị",
    "Đối tượng",
    "Danh hiệu, hình thức",
    "Loại khen thưởng",
    "Đợt",
    "Số quyết định",
    "Ngày quyết định",
]
HISTORY_COLUMNS = ["Số hồ sơ", "Thời điểm", "Người thực hiện", "Từ", "Sang", "Ghi chú"]


def _sheet(workbook, title, columns, widths):
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, value, bold=True) for value in columns])
    return sheet


def _cell(sheet, value, *, bold=False, number_format=None):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Written as text whatever it starts with, so no cell can become a formula.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    return cell


def write_xlsx(year, stream):
    """Two sheets: the dossiers, and every move of each.

    A write-only workbook fed from an iterator: memory stays flat however many dossiers
    the year has (a normal workbook keeps every cell, and appending to it re-scans it).
    """
    workbook = Workbook(write_only=True)
    main = _sheet(workbook, f"Hồ sơ {year}", DOSSIER_COLUMNS, (14, 22, 40, 30, 34, 28, 40, 16, 14))
    for dossier in dossiers().filter(year=year).order_by("reference").iterator(chunk_size=2000):
        main.append(
            [
                _cell(main, value)
                for value in (
                    dossier.reference,
                    str(dossier.get_state_display()),
                    dossier.unit.name,
                    dossier.nominee_name,
                    dossier.award_type.name,
                    dossier.category.name,
                    dossier.batch.name if dossier.batch else "",
                    dossier.decision_number,
                )
            ]
            + [_cell(main, dossier.decision_date, number_format="DD/MM/YYYY")]
        )
    history = _sheet(workbook, "Lịch sử", HISTORY_COLUMNS, (14, 18, 24, 22, 22, 50))
    transitions = (
        DossierTransition.objects.filter(dossier__year=year)
        .select_related("by", "dossier")
        .order_by("dossier__reference", "at", "pk")
    )
    for transition in transitions.iterator(chunk_size=2000):
        history.append(
            [
                _cell(history, transition.dossier.reference),
                _cell(
                    history, transition.at.replace(tzinfo=None), number_format="DD/MM/YYYY HH:MM"
                ),
                _cell(history, transition.by.get_full_name() or transition.by.username),
                _cell(history, str(transition.get_from_state_display() or "")),
                _cell(history, str(transition.get_to_state_display())),
                _cell(history, transition.comment),
            ]
        )
    workbook.save(stream)

"""A year's dossiers written out as JSON or XLSX, for `manage.py export_dossiers`."""

import json

from django.db.models import Prefetch
from openpyxl import Workbook
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


def _sheet(workbook, title, columns, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _text_row(sheet, values):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            # Written as text whatever it starts with, so no cell can become a formula.
            cell.data_type = "s"


def write_xlsx(year, stream):
    """Two sheets: the dossiers, and every move of each."""
    workbook = Workbook()
    main = _sheet(workbook, f"Hồ sơ {year}", DOSSIER_COLUMNS, first=True)
    history = _sheet(workbook, "Lịch sử", HISTORY_COLUMNS)
    for dossier in _dossiers_of(year):
        _text_row(
            main,
            [
                dossier.reference,
                str(dossier.get_state_display()),
                dossier.unit.name,
                dossier.nominee_name,
                dossier.award_type.name,
                dossier.category.name,
                dossier.batch.name if dossier.batch else "",
                dossier.decision_number,
                dossier.decision_date,
            ],
        )
        main.cell(main.max_row, 9).number_format = "DD/MM/YYYY"
        for transition in dossier.transitions.all():
            _text_row(
                history,
                [
                    dossier.reference,
                    transition.at.replace(tzinfo=None),
                    transition.by.get_full_name() or transition.by.username,
                    str(transition.get_from_state_display() or ""),
                    str(transition.get_to_state_display()),
                    transition.comment,
                ],
            )
            history.cell(history.max_row, 2).number_format = "DD/MM/YYYY HH:MM"
    for sheet, widths in (
        (main, (14, 22, 40, 30, 34, 28, 40, 16, 14)),
        (history, (14, 18, 24, 22, 22, 50)),
    ):
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[chr(64 + index)].width = width
    workbook.save(stream)

"""Dossiers written out: a year's as JSON or XLSX for `manage.py export_dossiers`, and the
award pages' lists (council, inbox, a unit's dossiers, initiatives) as XLSX in the office's
document layout, each exactly the rows its page shows."""

import json

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.documents import date_line
from core.spreadsheets import Heading, write_official_xlsx

from .enums import DocumentKind, DossierState
from .models import DossierDocument, DossierTransition
from .selectors import dossiers

FORMATS = ("json", "xlsx")
# Rows are read a chunk at a time (prefetches included), so a long list never sits in memory
# as model objects: the chunk, not the list, sets an export's memory.
CHUNK = 500


def _dossiers_of(year):
    history = Prefetch("transitions", queryset=DossierTransition.objects.select_related("by"))
    return dossiers().filter(year=year).prefetch_related(history).order_by("reference")


def _date(value):
    return value.isoformat() if value else None


# Fields apps above awards add to each exported dossier (the council's ballot): name ->
# function(year) -> {reference: value}, one read per export; a dossier without a value has no
# such field.
EXTRA_FIELDS = {}


def dossier_data(year):
    """{"dossiers": [...]}: each dossier with its nominee, award, decision and full history."""
    extras = {name: read(year) for name, read in EXTRA_FIELDS.items()}
    data = _dossier_data(year)
    for row in data["dossiers"]:
        for name, values in extras.items():
            if row["reference"] in values:
                row[name] = values[row["reference"]]
    return data


def _dossier_data(year):
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


def state_labels():
    """{state: its label}, translated once per export: get_state_display() translates every
    state of the field's choices on each call, which was most of a long export's time."""
    return {value: str(label) for value, label in DossierState.choices}


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
    states = state_labels()
    main = _sheet(workbook, f"Hồ sơ {year}", DOSSIER_COLUMNS, (14, 22, 40, 30, 34, 28, 40, 16, 14))
    for dossier in dossiers().filter(year=year).order_by("reference").iterator(chunk_size=CHUNK):
        main.append(
            [
                _cell(main, value)
                for value in (
                    dossier.reference,
                    states.get(dossier.state, dossier.state),
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
    for transition in transitions.iterator(chunk_size=CHUNK):
        history.append(
            [
                _cell(history, transition.dossier.reference),
                _cell(
                    history, transition.at.replace(tzinfo=None), number_format="DD/MM/YYYY HH:MM"
                ),
                _cell(history, transition.by.get_full_name() or transition.by.username),
                _cell(history, states.get(transition.from_state, transition.from_state) or ""),
                _cell(history, states.get(transition.to_state, transition.to_state)),
                _cell(history, transition.comment),
            ]
        )
    workbook.save(stream)


# --- the pages' lists, in the office's document layout ----------------------------------------


def _day(value):
    return value.strftime("%d/%m/%Y") if value else ""


# The office's own lists are issued by Ban Thi đua - Khen thưởng under Sở Nội vụ, signed by
# its head.
OFFICE_ISSUER = ("SỞ NỘI VỤ TỈNH LẠNG SƠN", "BAN THI ĐUA - KHEN THƯỞNG")
OFFICE_SIGNATURE = ("TRƯỞNG BAN", "")


def _today_line():
    return date_line("Lạng Sơn", timezone.localdate())


def _documents_present(dossier):
    """The kinds of document attached, once each, in the order of the list of kinds."""
    kinds = {document.kind for document in dossier.documents.all()}
    return "\n".join(str(kind.label) for kind in DocumentKind if kind.value in kinds)


def _nominee_details(dossier):
    return ", ".join(part for part in (dossier.position, dossier.workplace) if part)


COUNCIL_COLUMNS = [
    (gettext_lazy("TT"), 5),
    (gettext_lazy("Số hồ sơ"), 14),
    (gettext_lazy("Đối tượng được đề nghị"), 26),
    (gettext_lazy("Chức vụ, nơi công tác"), 28),
    (gettext_lazy("Đơn vị đề nghị"), 30),
    (gettext_lazy("Tóm tắt thành tích"), 50),
    (gettext_lazy("Tài liệu có trong hồ sơ"), 34),
    (gettext_lazy("Trạng thái"), 18),
]


def council_rows(queryset):
    """The council list's dossiers grouped under their award type: a `Heading` before each
    award type, then its dossiers numbered from 1 (queryset already in the page's filter)."""
    queryset = queryset.prefetch_related(
        Prefetch("documents", queryset=DossierDocument.objects.current().only("dossier_id", "kind"))
    ).order_by("award_type__position", "award_type__name", "reference")
    current, number, states = None, 0, state_labels()
    for dossier in queryset.iterator(chunk_size=CHUNK):
        if dossier.award_type_id != current:
            current, number = dossier.award_type_id, 0
            yield Heading(dossier.award_type.name.upper())
        number += 1
        yield [
            number,
            dossier.reference,
            dossier.nominee_name,
            _nominee_details(dossier),
            dossier.unit.name,
            dossier.achievements,
            _documents_present(dossier),
            states.get(dossier.state, dossier.state),
        ]


def write_council_xlsx(queryset, stream):
    """The dossiers before the council (and what became of them), by award type, for its
    meeting: nominee, unit, achievements, the documents present, reference."""
    write_official_xlsx(
        stream,
        columns=COUNCIL_COLUMNS,
        rows=council_rows(queryset),
        issuer_lines=(_("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"), _("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")),
        right_lines=[_today_line()],
        total_label="hồ sơ",
        signature=("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "THƯỜNG TRỰC HỘI ĐỒNG", ""),
        title=_("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG TRÌNH HỘI ĐỒNG"),
        subtitles=[_("Xếp theo danh hiệu, hình thức khen thưởng")],
        sheet_title=_("Hồ sơ trình Hội đồng"),
    )


DOSSIER_LIST_COLUMNS = [
    (gettext_lazy("TT"), 5),
    (gettext_lazy("Số hồ sơ"), 14),
    (gettext_lazy("Đối tượng"), 28),
    (gettext_lazy("Đơn vị đề nghị"), 34),
    (gettext_lazy("Danh hiệu, hình thức"), 30),
    (gettext_lazy("Năm"), 7),
    (gettext_lazy("Đợt"), 7),
    (gettext_lazy("Trạng thái"), 20),
    (gettext_lazy("Cập nhật"), 12),
]


def dossier_list_rows(queryset):
    """One row per dossier, the columns of the pages' dossier table, in the page's order."""
    states = state_labels()
    for number, dossier in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        yield [
            number,
            dossier.reference,
            dossier.nominee_name,
            dossier.unit.name,
            dossier.award_type.name,
            dossier.year,
            _("Đợt %(number)s") % {"number": dossier.batch.number} if dossier.batch else "",
            states.get(dossier.state, dossier.state),
            timezone.localtime(dossier.state_changed_at).date(),
        ]


def write_dossier_list_xlsx(queryset, title, subtitles, stream):
    """A list page's dossiers (the inbox with its filters, a unit's own), every page of it."""
    write_official_xlsx(
        stream,
        columns=DOSSIER_LIST_COLUMNS,
        rows=dossier_list_rows(queryset),
        issuer_lines=OFFICE_ISSUER,
        right_lines=[_today_line()],
        total_label="hồ sơ",
        signature=OFFICE_SIGNATURE,
        title=title,
        subtitles=subtitles,
        sheet_title=_("Hồ sơ"),
    )


INITIATIVE_COLUMNS = [
    (gettext_lazy("TT"), 5),
    (gettext_lazy("Sáng kiến"), 50),
    (gettext_lazy("Tác giả"), 30),
    (gettext_lazy("Đơn vị"), 34),
    (gettext_lazy("Năm"), 7),
    (gettext_lazy("Quyết định công nhận"), 20),
    (gettext_lazy("Ngày công nhận"), 14),
]


def write_initiatives_xlsx(queryset, stream):
    """The initiatives a user sees on the page (all, or an officer's unit's), with recognition."""
    not_recognised = _("Chưa công nhận")
    write_official_xlsx(
        stream,
        columns=INITIATIVE_COLUMNS,
        rows=(
            [
                number,
                initiative.title,
                initiative.authors,
                initiative.unit.name,
                initiative.year,
                initiative.recognition_decision if initiative.is_recognised else not_recognised,
                initiative.recognised_on,
            ]
            for number, initiative in enumerate(queryset.iterator(chunk_size=CHUNK), start=1)
        ),
        issuer_lines=OFFICE_ISSUER,
        right_lines=[_today_line()],
        total_label="sáng kiến",
        signature=OFFICE_SIGNATURE,
        title=_("DANH SÁCH SÁNG KIẾN"),
        sheet_title=_("Sáng kiến"),
    )

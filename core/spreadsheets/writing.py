"""Writing spreadsheets that look like the offices' own: the header block of an administrative
document above a table, and any text that begins with = + - @ written as text, never as a
formula (`safe_cell`, `text_cell`). Memory stays flat however many rows are written.
"""

import csv
import datetime
import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..progress import counted
from .reading import FORMULA_STARTS

# In the interface's language when written (English for an English-speaking reader).
ISSUER_LINES = (gettext_lazy("ỦY BAN NHÂN DÂN"), gettext_lazy("TỈNH LẠNG SƠN"))
# The commendation office's lists and reports are issued by Ban TĐKT under Sở Nội vụ.
OFFICE_ISSUER_LINES = (
    gettext_lazy("SỞ NỘI VỤ TỈNH LẠNG SƠN"),
    gettext_lazy("BAN THI ĐUA - KHEN THƯỞNG"),
)
MOTTO_LINES = (
    gettext_lazy("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    gettext_lazy("Độc lập - Tự do - Hạnh phúc"),
)


def dated_line(place, day):
    """The place and date line of a document: "Lạng Sơn, ngày 05/02/2014"."""
    return _("%(place)s, ngày %(day)s") % {"place": place, "day": day.strftime("%d/%m/%Y")}


DATE_FORMAT = "DD/MM/YYYY"


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A value for a CSV cell: text starting with = + - @ gets a leading ' so it stays text.

    Spreadsheet programs run such a cell as a formula when they open a CSV; the quote is the
    mark Excel and LibreOffice read as "this is text". Our imports take it off again.
    """
    if is_formula_like(value):
        return "'" + value
    return value


def text_cell(sheet, value, *, font=None, alignment=None, border=None):
    """One cell for a write-only sheet; every text value is a text cell, so no user text runs
    as a formula, and a date shows as dd/mm/yyyy."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl turns a string starting with "=" into a formula unless told it is text.
        cell.data_type = "s"
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Official documents are set in Times New Roman (Nghị định 30/2020, Phụ lục I): the header
# block's fonts and the workbook's default (the table's cells) alike.
FONT_NAME = "Times New Roman"


def _font(**options):
    return Font(name=FONT_NAME, size=options.pop("size", 12), **options)


_BOLD = _font(bold=True)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP = Alignment(wrap_text=True, vertical="top")


class _Rows:
    """The rows of a write-only sheet, appended top to bottom, and the ranges merged in them.

    openpyxl's write-only sheet has no merge_cells(), but it keeps the `merged_cells` list of
    a normal sheet and writes it after the rows when the workbook is saved, so a merged range
    may be added whenever its row is written (pandas' write-only writer does the same).
    """

    def __init__(self, sheet):
        self.sheet = sheet
        self.number = 0

    def append(self, cells, merged=()):
        """Write the next row: `cells` from column A (None for an empty cell), and the column
        spans (first, last) merged in it. Returns the row's number."""
        self.sheet.append(cells)
        self.number += 1
        for first, last in merged:
            if last > first:
                self.sheet.merged_cells.add(
                    CellRange(min_col=first, min_row=self.number, max_col=last, max_row=self.number)
                )
        return self.number

    def skip_to(self, number):
        """Leave rows empty until the next row written is `number`."""
        while self.number < number - 1:
            self.append([])


class _BodyCells:
    """The table's cells (wrapped, top-aligned, boxed), one styled cell per column reused on
    every row: a write-only sheet writes a row's cells out when it is appended, and giving a
    new cell its style costs more than writing it (openpyxl hashes each style to find it)."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.plain, self.dated = [], []

    def _styled(self, number_format=None):
        cell = WriteOnlyCell(self.sheet)
        cell.alignment = _TOP
        cell.border = _BOX
        if number_format:
            cell.number_format = number_format
        return cell

    def row(self, values):
        values = list(values)
        while len(self.plain) < len(values):
            self.plain.append(self._styled())
            self.dated.append(self._styled(DATE_FORMAT))
        cells = []
        for column, value in enumerate(values):
            if isinstance(value, datetime.datetime):
                value = value.date()
            cell = (self.dated if isinstance(value, datetime.date) else self.plain)[column]
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
            cells.append(cell)
        return cells


class Heading(str):
    """A row of `rows` that is a section heading (e.g. an award type), written across the table.

    Lets a caller stream its rows (a queryset's iterator) and start a section when it sees one,
    where `sections` needs every index known in advance."""


def write_official_xlsx(
    stream,
    *,
    columns,
    rows,
    title,
    subtitles=(),
    sheet_title="Trang 1",
    issuer_lines=ISSUER_LINES,
    left_lines=(),
    right_lines=(),
    sections=None,
    total_label=None,
    totals=(),
    signature=(),
    signature_date=None,
):
    # Long on purpose: a write-only sheet is written strictly top to bottom, so the header
    # block, the table, the totals and the signature are laid out in one pass, in order.
    """Write a table under the header block of a Vietnamese administrative document.

    Left: the issuer (ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN) and `left_lines` (e.g. "Số: ...");
    right: the national motto and `right_lines` (place and date); then the bold `title`, the
    `subtitles`, and the table: `columns` is [(header, width)], `rows` lists of values.
    `sections` may map a row index to a heading row written above it (e.g. QUÝ I); a row that
    is a `Heading` is written as such a heading too. `rows` may be any iterable (a generator).
    Under the table: `totals`, rows of values written bold and boxed like the table (the
    callers' sums), or `total_label`'s count of the rows; then the signature block on the
    right: `signature_date` (the place and date line, italic) and the `signature` lines (the
    authority and title, then the name after room to sign).
    The header row is bold, wrapped and frozen, repeated on each printed page; the page is A4
    landscape, fitted to its width. Returns the header row's number.

    Memory stays flat however many rows there are: the workbook is write-only, each row goes
    to a temporary file as it comes and text is written in the cell (no shared-strings table).
    So everything placed before the rows in the sheet's XML (column widths, the frozen pane,
    page setup) is set first, and rows are written strictly top to bottom.
    """
    workbook = Workbook(write_only=True)
    # The default font (style 0) is what every cell without its own font is shown in.
    workbook._fonts = IndexedList([_font()])
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    count = len(columns)
    split = max(1, count // 2) if count > 1 else 1
    left = [
        (str(line), _font(bold=index > 0 or len(issuer_lines) == 1))
        for index, line in enumerate(issuer_lines)
    ]
    left += [(line, _font()) for line in left_lines]
    right = [
        (str(MOTTO_LINES[0]), _font(bold=True)),
        (str(MOTTO_LINES[1]), _font(bold=True, underline="single")),
    ]
    right += [(line, _font(italic=True)) for line in right_lines]
    block = max(len(left), len(right))
    title_row = block + 2
    header_row = title_row + len(subtitles) + 2

    for column, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True

    out = _Rows(sheet)

    def centred(text, font):
        return text_cell(sheet, text, font=font, alignment=_CENTRED)

    for offset in range(block):
        cells, merged = [None] * count, []
        if offset < len(left):
            cells[0] = centred(*left[offset])
            merged.append((1, split))
        if offset < len(right) and count > 1:  # one column: no room for the motto
            cells[split] = centred(*right[offset])
            merged.append((split + 1, count))
        out.append(cells, merged)
    out.skip_to(title_row)
    out.append([centred(title, _font(bold=True, size=14))], [(1, count)])
    for line in subtitles:
        out.append([centred(line, _font(italic=True))], [(1, count)])
    out.skip_to(header_row)
    out.append(
        [
            text_cell(sheet, str(header), font=_BOLD, alignment=_CENTRED, border=_BOX)
            for header, _width in columns
        ]
    )

    def heading(text):
        out.append([text_cell(sheet, text, font=_BOLD, border=_BOX)], [(1, count)])

    body = _BodyCells(sheet)
    sections = sections or {}
    index = 0
    for values in counted(rows):
        if isinstance(values, Heading):
            heading(str(values))
            continue
        if index in sections:
            heading(sections[index])
        index += 1
        out.append(body.row(values))
    for values in totals:
        out.append(
            [text_cell(sheet, value, font=_BOLD, alignment=_TOP, border=_BOX) for value in values]
        )
    if total_label:
        # "Tổng cộng: 12 hồ sơ" under the table (the count of its data rows).
        out.append([text_cell(sheet, f"Tổng cộng: {index} {total_label}", font=_BOLD)])
    if signature:
        out.append([None])
        if signature_date:
            cells = [None] * count
            cells[split if count > 1 else 0] = centred(signature_date, _font(italic=True))
            out.append(cells, [(split + 1, count)] if count > 1 else [])
        for position, line in enumerate(signature):
            cells = [None] * count
            cells[split if count > 1 else 0] = centred(line, _font(bold=bool(line)))
            out.append(cells, [(split + 1, count)] if count > 1 else [])
            if position == len(signature) - 2:
                for _blank in range(3):  # room for the signature
                    out.append([None])
    workbook.save(stream)
    return header_row


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename, write, *args):
    """A download of the workbook `write(*args, stream)` writes (a list page's ?xuat=xlsx).

    The workbook is written to an unnamed temporary file that is sent in blocks and removed
    when the response is closed, so neither the workbook nor the file's bytes sit in memory.
    """
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it when sent)
    try:
        write(*args, stream)
        stream.seek(0)
    except BaseException:
        stream.close()
        raise
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def write_csv(stream, headers, rows):
    """A plain CSV (header row, then rows) whose text cells cannot run as formulas."""
    writer = csv.writer(stream)
    writer.writerow(headers)
    for values in rows:
        writer.writerow(
            [
                value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else safe_cell(value)
                for value in values
            ]
        )

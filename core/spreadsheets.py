"""Spreadsheets in and out: reading the files offices send, writing files that look like theirs.

Reading (`read_table`) turns an uploaded XLSX or CSV into a `tablib.Dataset` the import-export
resources take: the header row found among the first rows (a title may sit above it), header
cells matched to our column names whatever their case or spacing, every text cell NFC with stray
spaces trimmed, blank rows dropped, and each data row's number in the file kept in
`dataset.source_rows` so errors can name the row the user sees. A file that cannot be read at
all raises `SpreadsheetError` with a message in Vietnamese.

Writing (`write_official_xlsx`, `write_csv`) puts the header block of an administrative
document above a table, and writes any text that begins with = + - @ as text, never as a
formula (`safe_cell`, `text_cell`).

Nothing here knows about units or plans: the resources say which columns they need.
"""

import csv
import datetime
import io
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook, SheetTypeEnum

from .names import name_key

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# How far down the header row may sit: a title, a subtitle, the document's header block.
HEADER_SEARCH_ROWS = 10
FORMULA_STARTS = ("=", "+", "-", "@")


class SpreadsheetError(Exception):
    """The file cannot be read as a table; `message` says why, in Vietnamese."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Column:
    """A column an import reads: its header as we write it, and other headers people use."""

    name: str
    required: bool = True
    other_names: tuple = field(default_factory=tuple)

    def header_keys(self):
        return {name_key(self.name), *(name_key(other) for other in self.other_names)}


def max_import_bytes():
    return settings.IMPORT_MAX_SIZE_MB * 1024 * 1024


def clean_text(value):
    """A text cell as we read it: NFC, each line's ends trimmed, line breaks kept.

    A task's content can have two bullet lines, and text "as written" keeps its inner spacing;
    one-line values (names, codes) are collapsed further by the widgets. A CSV export's guard
    quote before = + - @ is taken off again, so a round trip loses nothing.
    """
    if (
        # Most cells are one clean line already: keep them as they are, without the work.
        "\n" not in value
        and "\r" not in value
        and value == value.strip()
        and unicodedata.is_normalized("NFC", value)
        and not (len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS)
    ):
        return value
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def _clean_value(value):
    if isinstance(value, str):
        text = clean_text(value)
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_rows(data):
    """The first worksheet's rows from row 1 and column A, as the values Excel shows (a
    formula's last result); an empty cell is "".

    Read with calamine (Rust), some 15 times faster than openpyxl's reader, which spent most
    of a 10,000-row import building an object per cell and per shared string.
    """
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [s for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
        if not sheets:
            return []
        sheet = workbook.get_sheet_by_name(sheets[0].name)
        return sheet.to_python(skip_empty_area=False)
    except Exception as error:  # CalamineError, or a zip or XML error of a damaged file
        raise SpreadsheetError(
            _("Tệp bị hỏng, không mở được như một bảng tính Excel (XLSX).")
        ) from error


def _decode_csv(data):
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(_("Tệp không phải là bảng tính XLSX hay CSV."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "Tệp không phải là bảng tính XLSX, hoặc là tệp CSV không lưu bằng mã UTF-8 "
                "(trong Excel chọn Lưu thành › CSV UTF-8)."
            )
        ) from error


def _csv_rows(text, delimiter):
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise SpreadsheetError(_("Tệp CSV bị hỏng: %(error)s") % {"error": error}) from error


def _find_header(rows, columns):
    """(index of the header row, {column name: cell index}) or (None, {})."""
    wanted = {key: column.name for column in columns for key in column.header_keys()}
    best_index, best_found = None, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for position, cell in enumerate(row):
            if isinstance(cell, str):
                name = wanted.get(name_key(cell))
                if name and name not in found:
                    found[name] = position
        if len(found) > len(best_found):
            best_index, best_found = index, found
    return best_index, best_found


def detect_format(data):
    """'xlsx' or 'csv' from the file's bytes, whatever its name; raises SpreadsheetError."""
    if data.startswith(_OLE2):
        raise SpreadsheetError(
            _(
                "Tệp được đặt mật khẩu hoặc là tệp Excel cũ (.xls): hãy bỏ mật khẩu và lưu lại "
                "dạng XLSX hoặc CSV."
            )
        )
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError) as error:
            raise SpreadsheetError(
                _("Tệp bị hỏng, không mở được như một bảng tính Excel (XLSX).")
            ) from error
        if "xl/workbook.xml" not in names:
            raise SpreadsheetError(_("Tệp không phải là bảng tính XLSX hay CSV."))
        return "xlsx"
    return "csv"


def read_table(data, columns):
    """The table in an XLSX or CSV file as a Dataset with our column names as headers.

    `data` is the file's bytes, `columns` the `Column`s the import reads. Raises
    SpreadsheetError (nothing read) when the file is too large, not a spreadsheet, protected
    by a password, damaged, empty, lacks a required column or has too many rows.
    """
    if len(data) > max_import_bytes():
        raise SpreadsheetError(
            _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}", "max": settings.IMPORT_MAX_SIZE_MB}
        )
    if not data.strip():
        raise SpreadsheetError(_("Tệp trống: không có dòng nào."))
    if detect_format(data) == "xlsx":
        rows = _xlsx_rows(data)
        header_index, found = _find_header(rows, columns)
    else:
        text = _decode_csv(data)
        # Excel writes ";" between cells where the decimal mark is a comma: try each.
        rows, header_index, found = [], None, {}
        for delimiter in (",", ";", "\t"):
            candidate = _csv_rows(text, delimiter)
            index, matched = _find_header(candidate, columns)
            if len(matched) > len(found) or not rows:
                rows, header_index, found = candidate, index, matched
    rows = [[_clean_value(cell) for cell in row] for row in rows]
    if not any(any(cell not in (None, "") for cell in row) for row in rows):
        raise SpreadsheetError(_("Trang tính trống: không có dòng dữ liệu nào."))
    names = ", ".join(f"“{column.name}”" for column in columns if column.required)
    if header_index is None:
        raise SpreadsheetError(
            _("Không tìm thấy dòng tiêu đề cột trong %(count)s dòng đầu; cần các cột: %(names)s.")
            % {"count": HEADER_SEARCH_ROWS, "names": names}
        )
    missing = [column.name for column in columns if column.required and column.name not in found]
    if missing:
        raise SpreadsheetError(
            _("Thiếu cột: %(names)s.") % {"names": ", ".join(f"“{name}”" for name in missing)}
        )
    headers = [column.name for column in columns if column.name in found]
    dataset = tablib.Dataset(headers=headers)
    dataset.source_rows = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        values = [row[found[name]] if found[name] < len(row) else None for name in headers]
        if all(value in (None, "") for value in values):
            continue  # blank lines between blocks are common; they are not rows
        if len(dataset) >= settings.IMPORT_MAX_ROWS:
            raise SpreadsheetError(
                _("Tệp có quá nhiều dòng; tối đa %(max)s dòng dữ liệu.")
                % {"max": settings.IMPORT_MAX_ROWS}
            )
        dataset.append(values)
        dataset.source_rows.append(number)
    if not len(dataset):
        raise SpreadsheetError(_("Trang tính không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return dataset


# --- writing -------------------------------------------------------------------------------

ISSUER_LINES = ("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN")
MOTTO_LINES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
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
    signature=(),
):
    """Write a table under the header block of a Vietnamese administrative document.

    Left: the issuer (ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN) and `left_lines` (e.g. "Số: ...");
    right: the national motto and `right_lines` (place and date); then the bold `title`, the
    `subtitles`, and the table: `columns` is [(header, width)], `rows` lists of values.
    `sections` may map a row index to a heading row written above it (e.g. QUÝ I); a row that
    is a `Heading` is written as such a heading too. `rows` may be any iterable (a generator).
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
    sheet = workbook.create_sheet(sheet_title[:31])
    count = len(columns)
    split = max(1, count // 2) if count > 1 else 1
    left = [
        (line, _font(bold=index > 0 or len(issuer_lines) == 1))
        for index, line in enumerate(issuer_lines)
    ]
    left += [(line, _font()) for line in left_lines]
    right = [
        (MOTTO_LINES[0], _font(bold=True)),
        (MOTTO_LINES[1], _font(bold=True, underline="single")),
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
            text_cell(sheet, header, font=_BOLD, alignment=_CENTRED, border=_BOX)
            for header, _width in columns
        ]
    )

    def heading(text):
        out.append([text_cell(sheet, text, font=_BOLD, border=_BOX)], [(1, count)])

    body = _BodyCells(sheet)
    sections = sections or {}
    index = 0
    for values in rows:
        if isinstance(values, Heading):
            heading(str(values))
            continue
        if index in sections:
            heading(sections[index])
        index += 1
        out.append(body.row(values))
    if total_label:
        # "Tổng cộng: 12 hồ sơ" under the table (the count of its data rows).
        out.append([text_cell(sheet, f"Tổng cộng: {index} {total_label}", font=_BOLD)])
    if signature:
        out.append([None])
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

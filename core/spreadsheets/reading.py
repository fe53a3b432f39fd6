"""Reading the spreadsheets offices send: XLSX or CSV into a table the imports take.

`read_table` turns an uploaded XLSX or CSV into a `tablib.Dataset` the import-export
resources take: the header row found among the first rows (a title may sit above it), header
cells matched to our column names whatever their case or spacing, every text cell NFC with stray
spaces trimmed, blank rows dropped, and each data row's number in the file kept in
`dataset.source_rows` so errors can name the row the user sees. A file that cannot be read at
all raises `SpreadsheetError` with a message in Vietnamese.

Memory is bounded whatever the file: an XLSX is checked by `xlsx_limits.check_xlsx` before
calamine reads it, and the rows of both formats are taken one at a time, so only the rows
kept (at most IMPORT_MAX_ROWS) are held in Python.

Nothing here knows about units or plans: the resources say which columns they need.
"""

import csv
import io
import itertools
import unicodedata
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook, SheetTypeEnum

from ..archives import ArchiveError, open_zip
from ..names import name_key
from .xlsx_limits import (
    MAX_CELLS,
    MAX_SHARED_STRINGS,
    MAX_SHARED_TEXT,
    MAX_TOTAL_BYTES,
    XlsxTooLarge,
    check_xlsx,
)

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


def _damaged():
    return SpreadsheetError(_("Tệp bị hỏng, không mở được như một bảng tính Excel (XLSX)."))


def _too_large(what):
    if what == "cells":
        return SpreadsheetError(
            _(
                "Trang tính quá lớn: vùng từ ô A1 đến ô cuối cùng có dữ liệu vượt quá %(max)s ô. "
                "Hãy xóa các ô thừa nằm xa bảng, hoặc chia thành nhiều tệp."
            )
            % {"max": f"{MAX_CELLS:,}".replace(",", ".")}
        )
    if what == "text":
        return SpreadsheetError(
            _(
                "Tệp có quá nhiều chữ: hơn %(count)s chuỗi chữ, hoặc hơn %(max)s MB chữ trong các "
                "ô. Hãy chia thành nhiều tệp."
            )
            % {
                "count": f"{MAX_SHARED_STRINGS:,}".replace(",", "."),
                "max": MAX_SHARED_TEXT // 1024 // 1024,
            }
        )
    return SpreadsheetError(
        _("Tệp quá lớn khi giải nén (nội dung vượt quá %(max)s MB): hãy chia thành nhiều tệp.")
        % {"max": MAX_TOTAL_BYTES // 1024 // 1024}
    )


def _xlsx_rows(data, archive):
    """The first worksheet's rows from row 1 and column A, one list at a time, as the values
    Excel shows (a formula's last result); an empty cell is "".

    Read with calamine (Rust), some 15 times faster than openpyxl's reader, which spent most
    of a 10,000-row import building an object per cell and per shared string; `check_xlsx`
    has made sure first that what calamine builds fits in memory.
    """
    try:
        check_xlsx(data, archive)
    except XlsxTooLarge as error:
        raise _too_large(error.what) from error
    except ArchiveError as error:
        raise (_too_large("bytes") if error.reason == "too_large" else _damaged()) from error
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [s for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
        if not sheets:
            return iter(())
        sheet = workbook.get_sheet_by_name(sheets[0].name)
    except Exception as error:  # CalamineError, or a zip or XML error of a damaged file
        raise _damaged() from error
    if sheet.start is None:
        return iter(())
    return _from_column_a(sheet.iter_rows(), sheet.start[1])


def _from_column_a(rows, first_column):
    # calamine's rows start at row 1 but at the sheet's first used column: pad them to A.
    padding = [""] * first_column
    try:
        for row in rows:
            yield padding + row if padding else row
    except Exception as error:  # calamine converting a damaged value
        raise _damaged() from error


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
    """The rows of a CSV text, one list at a time; a damaged file raises when reached."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise SpreadsheetError(_("Tệp CSV bị hỏng: %(error)s") % {"error": error}) from error


def _csv_delimiter(text, columns):
    """The delimiter whose first rows hold most of our headers: Excel writes ";" between cells
    where the decimal mark is a comma, and some programs a tab."""
    best, found = ",", {}
    for delimiter in (",", ";", "\t"):
        try:
            head = list(itertools.islice(_csv_rows(text, delimiter), HEADER_SEARCH_ROWS))
        except SpreadsheetError:
            continue  # not this delimiter (one field past the csv module's limit)
        matched = _find_header(head, columns)[1]
        if len(matched) > len(found):
            best, found = delimiter, matched
    return best


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
    return _open(data)[0]


def _open(data):
    """('xlsx', its ZipFile) or ('csv', None); raises SpreadsheetError."""
    if data.startswith(_OLE2):
        raise SpreadsheetError(
            _(
                "Tệp được đặt mật khẩu hoặc là tệp Excel cũ (.xls): hãy bỏ mật khẩu và lưu lại "
                "dạng XLSX hoặc CSV."
            )
        )
    if not data.startswith(_ZIP):
        return "csv", None
    try:
        archive = open_zip(io.BytesIO(data), max_total=MAX_TOTAL_BYTES)
    except ArchiveError as error:
        raise (_too_large("bytes") if error.reason == "too_large" else _damaged()) from error
    if "xl/workbook.xml" not in archive.NameToInfo:
        raise SpreadsheetError(_("Tệp không phải là bảng tính XLSX hay CSV."))
    return "xlsx", archive


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
    kind, archive = _open(data)
    if kind == "xlsx":
        with archive:
            rows = _xlsx_rows(data, archive)
            return _table(rows, columns)
    text = _decode_csv(data)
    return _table(_csv_rows(text, _csv_delimiter(text, columns)), columns)


def _table(rows, columns):
    """The Dataset of `rows` (an iterator of lists, from the file's first row)."""
    rows = iter(rows)
    head = [
        [_clean_value(cell) for cell in row] for row in itertools.islice(rows, HEADER_SEARCH_ROWS)
    ]
    header_index, found = _find_header(head, columns)
    names = ", ".join(f"“{column.name}”" for column in columns if column.required)
    if header_index is None:
        if not any(_filled(row) for row in head) and not any(_filled(row) for row in rows):
            raise SpreadsheetError(_("Trang tính trống: không có dòng dữ liệu nào."))
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
    positions = [found[name] for name in headers]
    dataset = tablib.Dataset(headers=headers)
    dataset.source_rows = []
    below = itertools.chain(head[header_index + 1 :], rows)
    for number, row in enumerate(below, start=header_index + 2):
        values = [
            _clean_value(row[position]) if position < len(row) else None for position in positions
        ]
        if not _filled(values):
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


def _filled(values):
    return any(value not in (None, "") for value in values)

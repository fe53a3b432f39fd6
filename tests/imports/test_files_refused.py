"""A file that cannot be read is refused whole, with a message in Vietnamese, nothing written."""

import io
import unicodedata
import zipfile

import pytest

from imports.registry import IMPORT_KINDS, preview_import, run_import
from tests.imports.conftest import UNIT_HEADER, csv_bytes, unit_row, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db

UNITS = IMPORT_KINDS["don-vi"]


def refused(data, name="don-vi.xlsx"):
    """Run the import for real; assert nothing was written; return the one file-level message."""
    before = Unit.objects.count()
    report = run_import(UNITS, data, name)
    assert not report.ok and not report.written
    assert Unit.objects.count() == before
    assert len(report.errors) == 1 and report.errors[0].row is None
    return report.errors[0].message


def good_rows():
    return [UNIT_HEADER, unit_row("so-moi", "Sở Mới")]


def test_a_pdf_named_xlsx_is_not_a_spreadsheet():
    message = refused(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)))
    assert "không phải là bảng tính" in message


def test_a_word_document_named_xlsx_is_not_a_spreadsheet():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "không phải là bảng tính XLSX hay CSV" in refused(stream.getvalue())


def test_a_password_protected_workbook_is_refused():
    # Excel stores an encrypted workbook in an OLE2 container, whatever the extension says.
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage"
    assert "mật khẩu" in refused(ole2)


def test_a_damaged_workbook_is_refused():
    data = xlsx_bytes(good_rows())
    assert "bị hỏng" in refused(data[: len(data) // 2])


def test_a_workbook_with_a_broken_sheet_is_refused():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("xl/workbook.xml", "not xml at all")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "bị hỏng" in refused(stream.getvalue())


def test_an_empty_sheet_is_refused():
    assert "trống" in refused(xlsx_bytes([]))


def test_a_header_without_rows_is_refused():
    assert "không có dòng dữ liệu" in refused(xlsx_bytes([UNIT_HEADER]))


def test_missing_columns_are_named():
    rows = [["Mã đơn vị", "Tên viết tắt"], ["so-moi", "SM"]]
    message = refused(xlsx_bytes(rows))
    assert message == "Thiếu cột: “Tên đầy đủ”, “Loại đơn vị”."


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_SIZE_MB = 0
    assert "quá lớn" in refused(xlsx_bytes(good_rows()))


def test_more_rows_than_the_limit_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [UNIT_HEADER, *(unit_row(f"so-{i}", f"Sở Thử {i}") for i in range(3))]
    assert refused(xlsx_bytes(rows)) == "Tệp có quá nhiều dòng; tối đa 2 dòng dữ liệu."


def test_a_csv_not_in_utf8_is_refused_with_how_to_fix():
    # Excel's "CSV" on a Vietnamese Windows writes code page 1258, not UTF-8.
    text = unicodedata.normalize("NFD", csv_bytes(good_rows()).decode("utf-8-sig"))
    message = refused(text.encode("cp1258", errors="replace"), name="don-vi.csv")
    assert "UTF-8" in message


def test_preview_of_a_bad_file_writes_nothing_either():
    report = preview_import(UNITS, b"just some words", "x.csv")
    assert not report.ok
    assert "Thiếu cột" in report.errors[0].message or "tiêu đề" in report.errors[0].message

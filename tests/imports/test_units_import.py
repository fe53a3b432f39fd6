"""Units from a spreadsheet: names by any alias, NFC, all or nothing, unchanged on re-import."""

import io
import unicodedata

import openpyxl
import pytest

from imports.registry import IMPORT_KINDS, export_table, run_import
from tests.imports.conftest import UNIT_HEADER, csv_bytes, unit_row, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db

UNITS = IMPORT_KINDS["don-vi"]


def test_a_good_xlsx_imports_exactly_its_rows(staff):
    before = Unit.objects.count()
    rows = [
        UNIT_HEADER,
        # the parent named by one of its other spellings, the kind by its Vietnamese label
        unit_row("so-thu", "Sở Thử nghiệm", parent="Ban TĐKT Sở Nội vụ", aliases="STN; Sở TN"),
        # a parent defined on an earlier row of the same file, by its short name
        ["phong-thu", "Phòng Thử", "", "agency", "STN", "", "Không", ""],
    ]
    report = run_import(
        UNITS, xlsx_bytes(rows, title_rows=[["DANH SÁCH ĐƠN VỊ"], []]), "a.xlsx", staff
    )
    assert report.ok and report.written, report.errors
    assert [(r.row, r.action) for r in report.rows] == [(4, "new"), (5, "new")]
    assert Unit.objects.count() == before + 2
    unit = Unit.objects.get(code="so-thu")
    assert unit.parent.code == "ban-tdkt"
    assert unit.kind == "department"
    assert sorted(unit.aliases.values_list("name", flat=True)) == ["STN", "Sở TN"]
    child = Unit.objects.get(code="phong-thu")
    assert child.parent == unit and child.kind == "agency" and not child.is_participating


def test_a_good_csv_with_semicolons_imports(staff):
    rows = [UNIT_HEADER, unit_row("so-csv", "Sở Từ CSV")]
    report = run_import(UNITS, csv_bytes(rows, delimiter=";"), "a.csv", staff)
    assert report.ok, report.errors
    assert Unit.objects.get(code="so-csv").name == "Sở Từ CSV"


def test_unknown_parent_writes_nothing_and_names_row_and_column():
    before = Unit.objects.count()
    rows = [UNIT_HEADER, unit_row("so-a", "Sở A"), unit_row("so-b", "Sở B", parent="Sở XYZ")]
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx")
    assert not report.written
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (3, "Đơn vị cấp trên", "Không tìm thấy đơn vị “Sở XYZ”.")
    ]
    assert Unit.objects.count() == before  # row 2 was good, and is not written either


def test_duplicate_code_in_the_file_is_refused():
    rows = [UNIT_HEADER, unit_row("so-a", "Sở A"), unit_row("so-a", "Sở B")]
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx")
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (3, "Mã đơn vị", "“so-a” bị trùng với dòng 2.")
    ]
    assert not Unit.objects.filter(code="so-a").exists()


def test_every_bad_row_is_listed():
    rows = [
        UNIT_HEADER,
        unit_row("so-a", "Sở A", kind="Loại lạ"),
        unit_row("", "Sở B"),
        unit_row("so-c", "Sở Giáo dục và Đào tạo"),
        ["so-d", "Sở D", "", "Sở, ban, ngành", "", "không-phải-email", "Có", ""],
    ]
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx")
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "Loại đơn vị"),
        (3, "Mã đơn vị"),
        (4, "Tên đầy đủ"),
        (5, "Thư điện tử"),
    }
    assert not Unit.objects.filter(code__in=["so-a", "so-c", "so-d"]).exists()


def test_nfd_text_and_stray_spaces_are_stored_nfc_and_trimmed():
    name = unicodedata.normalize("NFD", "Sở Tài nguyên thử")
    rows = [UNIT_HEADER, unit_row("  so-tn  ", f"  {name}   mới ", aliases=" Sở  TN thử ;")]
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx")
    assert report.ok, report.errors
    unit = Unit.objects.get(code="so-tn")
    assert unit.name == "Sở Tài nguyên thử mới"
    assert unicodedata.is_normalized("NFC", unit.name)
    assert list(unit.aliases.values_list("name", flat=True)) == ["Sở TN thử"]


def test_reimporting_the_same_file_changes_nothing(staff):
    rows = [UNIT_HEADER, unit_row("so-lai", "Sở Nhập Lại", aliases="SNL")]
    data = xlsx_bytes(rows)
    assert run_import(UNITS, data, "a.xlsx", staff).ok
    snapshot = list(Unit.objects.filter(code="so-lai").values())
    again = run_import(UNITS, data, "a.xlsx", staff)
    assert again.ok and [r.action for r in again.rows] == ["skip"]
    assert list(Unit.objects.filter(code="so-lai").values()) == snapshot
    assert Unit.objects.get(code="so-lai").aliases.count() == 1


def test_the_units_export_imports_back_with_every_row_unchanged():
    for fmt in ("xlsx", "csv"):
        report = run_import(UNITS, export_table(UNITS, fmt), f"don-vi.{fmt}")
        assert report.ok, report.errors
        assert len(report.skipped) == Unit.objects.count() == 52


def test_a_changed_row_is_an_update_naming_its_columns():
    rows = [UNIT_HEADER, unit_row("so-gd-dt", "Sở Giáo dục và Đào tạo", aliases="Sở GDĐT")]
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx")
    assert report.ok, report.errors
    [row] = report.updated
    assert set(row.changed) >= {"Thư điện tử", "Tên gọi khác"}


def test_a_formula_in_a_unit_name_comes_out_as_text():
    formula = '=HYPERLINK("http://x","y")'
    Unit.objects.create(code="cong-thuc", name=formula, kind="agency")
    sheet = openpyxl.load_workbook(io.BytesIO(export_table(UNITS, "xlsx"))).active
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == formula]
    assert cell.data_type == "s"  # a text cell: Excel shows it, never runs it
    text = export_table(UNITS, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    # and the guarded file imports back to the same name
    assert run_import(UNITS, export_table(UNITS, "csv"), "a.csv").ok
    assert Unit.objects.get(code="cong-thuc").name == formula

"""The nominees import: a unit's list of proposed people becomes its draft dossiers."""

import datetime
import io
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.enums import DossierState
from awards.models import Dossier, DossierCounter, DossierTransition
from imports.registry import IMPORT_KINDS, preview_import, run_import
from tests.imports.conftest import csv_bytes, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db

NOMINEES = IMPORT_KINDS["de-nghi-khen-thuong"]
HEADER = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Nơi công tác",
    "Danh hiệu/hình thức",
    "Loại khen thưởng",
    "Năm",
    "Đợt",
    "Tóm tắt thành tích",
]


def nominee(name, born="19/05/1975", award="Bằng khen của Chủ tịch UBND tỉnh", **cells):
    row = {
        "sex": "Nam",
        "position": "Giáo viên",
        "workplace": "Trường THPT Việt Bắc",
        "category": "Khen thưởng thường xuyên",
        "year": 2013,
        "batch": "",
        "achievements": "Hoàn thành xuất sắc nhiệm vụ năm học 2012-2013.",
    }
    row.update(cells)
    return [
        name,
        row["sex"],
        born,
        row["position"],
        row["workplace"],
        award,
        row["category"],
        row["year"],
        row["batch"],
        row["achievements"],
    ]


def good_file():
    nfd_name = unicodedata.normalize("NFD", "Hoàng Thị Lụa")
    return xlsx_bytes(
        [
            HEADER,
            nominee("  Nguyễn  Văn Bình ", born="02/09/1970"),
            nominee(nfd_name, born=datetime.datetime(1982, 3, 8), sex="Nữ"),
            nominee(
                "Lương Văn Cường",
                born="",
                award="Bằng khen của Thủ tướng Chính phủ",
                category="Thường xuyên",
                batch="Đợt 2",
            ),
        ],
        title_rows=[["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2013"], []],
    )


def drafts_of(unit):
    return Dossier.objects.filter(unit=unit).order_by("reference")


def test_a_good_file_creates_exactly_its_drafts_with_references(officer):
    before = set(Dossier.objects.values_list("pk", flat=True))
    preview = preview_import(NOMINEES, good_file(), "de-nghi.xlsx", officer, unit=officer.unit)
    assert preview.ok, preview.errors
    assert len(preview.created) == 3 and not preview.written
    assert set(Dossier.objects.values_list("pk", flat=True)) == before

    report = run_import(NOMINEES, good_file(), "de-nghi.xlsx", officer, unit=officer.unit)
    assert report.ok and report.written
    assert [row.row for row in report.created] == [4, 5, 6]  # file rows, under the title
    new = Dossier.objects.exclude(pk__in=before).order_by("reference")
    assert [d.full_name for d in new] == ["Nguyễn Văn Bình", "Hoàng Thị Lụa", "Lương Văn Cường"]
    lua = new.get(full_name="Hoàng Thị Lụa")
    assert unicodedata.is_normalized("NFC", lua.full_name)
    assert lua.date_of_birth == datetime.date(1982, 3, 8) and lua.sex == "female"
    assert new.get(full_name="Nguyễn Văn Bình").date_of_birth == datetime.date(1970, 9, 2)
    cuong = new.get(full_name="Lương Văn Cường")
    assert cuong.batch.number == 2 and cuong.award_type.code == "bang-khen-ttg"
    assert cuong.category.code == "thuong-xuyen" and cuong.date_of_birth is None
    for dossier in new:
        assert dossier.reference.startswith("HS-2013-")
        assert dossier.state == DossierState.DRAFT
        assert dossier.unit == officer.unit and dossier.created_by == officer
        history = DossierTransition.objects.get(dossier=dossier)
        assert (history.from_state, history.to_state, history.by) == ("", "draft", officer)
    assert len({d.reference for d in new}) == 3


def test_reimporting_the_same_file_changes_nothing(officer):
    run_import(NOMINEES, good_file(), "de-nghi.xlsx", officer, unit=officer.unit)
    references = list(drafts_of(officer.unit).values_list("reference", "full_name"))
    counter = DossierCounter.objects.get(year=2013).last
    again = run_import(NOMINEES, good_file(), "de-nghi.xlsx", officer, unit=officer.unit)
    assert again.ok
    assert len(again.skipped) == 3 and not again.created and not again.updated
    assert list(drafts_of(officer.unit).values_list("reference", "full_name")) == references
    assert DossierCounter.objects.get(year=2013).last == counter


def test_the_same_person_in_another_unit_or_year_is_a_new_draft(officer, officer2):
    run_import(NOMINEES, good_file(), "a.xlsx", officer, unit=officer.unit)
    other = run_import(NOMINEES, good_file(), "a.xlsx", officer2, unit=officer2.unit)
    assert len(other.created) == 3
    rows = [HEADER, nominee("Nguyễn Văn Bình", born="02/09/1970", year=2014)]
    assert len(run_import(NOMINEES, xlsx_bytes(rows), "b.xlsx", officer, unit=officer.unit).created)


def test_each_bad_row_is_reported_and_nothing_is_written(officer):
    count, counter = Dossier.objects.count(), DossierCounter.objects.filter(year=2013).first()
    rows = [
        HEADER,
        nominee("Nguyễn Văn Bình"),
        nominee("Trần Văn An", award="Bằng khen XYZ"),
        nominee("Lê Thị Hoa", born="31/02/1980"),
        nominee("", born="01/01/1980"),
        nominee("Phạm Văn Dũng", award="Cờ thi đua của UBND tỉnh"),
        nominee("Vi Văn Em", category="Khen loại lạ"),
        nominee("Hà Văn Giang", batch="Đợt 9"),
        nominee("Nguyễn Văn Bình"),
    ]
    report = run_import(NOMINEES, csv_bytes(rows), "de-nghi.csv", officer, unit=officer.unit)
    assert not report.ok and not report.written
    found = {(error.row, error.column): error.message for error in report.errors}
    assert "Không có “Bằng khen XYZ”" in found[(3, "Danh hiệu/hình thức")]
    assert "“31/02/1980” không phải là ngày" in found[(4, "Ngày sinh")]
    assert found[(5, "Họ và tên")] == "Ô này không được để trống."
    assert "không xét tặng cho cá nhân" in found[(6, "Danh hiệu/hình thức")]
    assert "Không có “Khen loại lạ”" in found[(7, "Loại khen thưởng")]
    assert "Không có đợt “Đợt 9” của năm 2013" in found[(8, "Đợt")]
    assert "bị trùng với dòng 2" in found[(9, "Năm")]
    assert Dossier.objects.count() == count
    after = DossierCounter.objects.filter(year=2013).first()
    assert (after.last if after else None) == (counter.last if counter else None)


def test_missing_columns_are_refused(officer):
    rows = [["Họ và tên", "Năm"], ["Nguyễn Văn Bình", 2013]]
    report = run_import(NOMINEES, xlsx_bytes(rows), "x.xlsx", officer, unit=officer.unit)
    assert not report.ok
    assert (
        "Thiếu cột" in report.errors[0].message
        and "Danh hiệu/hình thức" in report.errors[0].message
    )


def test_an_officer_cannot_import_for_another_unit(officer, officer2):
    count = Dossier.objects.count()
    report = run_import(NOMINEES, good_file(), "x.xlsx", officer, unit=officer2.unit)
    assert not report.ok
    assert "Chỉ cán bộ của đơn vị hoặc Ban TĐKT" in report.errors[0].message
    assert Dossier.objects.count() == count


# --- the page ------------------------------------------------------------------------------


def upload(client, data, name="de-nghi.xlsx", **fields):
    fields.setdefault("kind", "de-nghi-khen-thuong")
    return client.post(reverse("import-data"), {**fields, "file": SimpleUploadedFile(name, data)})


def test_an_officer_imports_for_their_own_unit_whatever_the_form_says(client, officer, officer2):
    client.force_login(officer)
    page = client.get(reverse("import-data"))
    assert page.status_code == 200
    assert [value for value, _label in page.context["form"].fields["kind"].choices] == [
        "de-nghi-khen-thuong"
    ]
    assert "unit" not in page.context["form"].fields
    response = upload(client, good_file(), unit=officer2.unit.pk)
    assert "Xem trước: chưa có gì được ghi." in response.content.decode()
    assert not drafts_of(officer.unit).exists()
    done = client.post(reverse("import-confirm"), {"token": response.context["token"]})
    assert "Đã nhập xong." in done.content.decode()
    assert drafts_of(officer.unit).count() == 3
    assert not drafts_of(officer2.unit).exists()


@pytest.mark.parametrize("kind", ["don-vi", "nhiem-vu", "don-vi-thuc-hien", "nguoi-dung"])
def test_an_officer_is_refused_every_other_kind(client, officer, kind):
    client.force_login(officer)
    assert upload(client, good_file(), kind=kind).status_code == 403
    assert client.get(reverse("export-data", args=[kind])).status_code == 403


def test_the_officer_downloads_the_empty_form_and_it_imports_back(client, officer):
    client.force_login(officer)
    response = client.get(reverse("export-data", args=["de-nghi-khen-thuong"]), {"format": "csv"})
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    # The form offers the optional "Năm học" too; files without it still import (above).
    assert header.split(",") == [*HEADER[:8], "Năm học", *HEADER[8:]]


def test_a_nominee_of_a_school_year_imports_with_it(officer):
    rows = [
        [*HEADER[:8], "Năm học", *HEADER[8:]],
        [*nominee("Nông Thị Thu")[:8], "2012-2013", *nominee("Nông Thị Thu")[8:]],
        [*nominee("Nông Văn Hạ")[:8], "", *nominee("Nông Văn Hạ")[8:]],
    ]
    report = run_import(NOMINEES, xlsx_bytes(rows), "de-nghi.xlsx", officer, unit=officer.unit)
    assert report.ok, report.errors
    assert dict(drafts_of(officer.unit).values_list("full_name", "school_year_start")) == {
        "Nông Thị Thu": 2012,
        "Nông Văn Hạ": None,
    }
    rows[1][8] = "2012/2013"
    report = run_import(NOMINEES, xlsx_bytes(rows), "de-nghi.xlsx", officer, unit=officer.unit)
    assert [(e.row, e.column) for e in report.errors] == [(2, "Năm học")]


@pytest.mark.parametrize("username", ["council", "leader"])
def test_other_roles_cannot_import_nominees(client, username, django_user_model, officer):
    client.force_login(django_user_model.objects.get(username=username))
    assert client.get(reverse("import-data")).status_code == 403
    assert upload(client, good_file(), unit=officer.unit.pk).status_code == 403
    assert not drafts_of(officer.unit).exists()


def test_office_staff_choose_the_unit(client, staff):
    cao_loc = Unit.objects.get(code="h-cao-loc")
    client.force_login(staff)
    missing = upload(client, good_file())
    assert "Chọn đơn vị của danh sách đề nghị khen thưởng." in missing.content.decode()
    response = upload(client, good_file(), unit=cao_loc.pk)
    assert cao_loc.name in response.content.decode()
    client.post(reverse("import-confirm"), {"token": response.context["token"]})
    drafts = drafts_of(cao_loc)
    assert drafts.count() == 3
    assert {d.created_by for d in drafts} == {staff}
    assert {d.state for d in drafts} == {DossierState.DRAFT}


def test_a_formula_as_a_name_is_imported_and_exported_as_text(client, officer):
    formula = '=HYPERLINK("http://x","y")'
    rows = [HEADER, nominee(formula)]
    report = run_import(NOMINEES, csv_bytes(rows), "x.csv", officer, unit=officer.unit)
    assert report.ok
    assert drafts_of(officer.unit).get().full_name == formula
    client.force_login(officer)
    response = client.get(reverse("awards:unit-dossiers"), {"xuat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == formula]
    assert len(cells) == 1 and cells[0].data_type == "s"

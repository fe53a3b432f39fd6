"""Award history and annual ratings imported from an office's spreadsheets: people matched or
added by name and date of birth, row errors, all or nothing, and the command that runs any
kind of the import page."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from awards import eligibility
from awards.models import AwardRecord, AwardType
from imports.registry import IMPORT_KINDS, preview_import, run_import
from people.models import AnnualRating, Person
from people.services import find_person, person_for

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

HISTORY = IMPORT_KINDS["lich-su-khen-thuong"]
RATINGS = IMPORT_KINDS["xep-loai"]
HEADER = [
    "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu/hình thức", "Số quyết định",
    "Ngày quyết định",
]  # fmt: skip
BORN = datetime.date(1975, 3, 2)


def history_rows(*years, name="Hoàng Văn Nhập", award="Chiến sĩ thi đua cơ sở"):
    return [
        [name, "02/03/1975", "Sở Giáo dục và Đào tạo", year, award, f"{year % 100}/QĐ-SGDĐT",
         f"20/12/{year}"]
        for year in years
    ]  # fmt: skip


def test_history_import_adds_people_and_records_eligibility_reads(staff):
    report = run_import(
        HISTORY, xlsx_bytes([HEADER, *history_rows(2010, 2011, 2012)]), "ls.xlsx", staff
    )
    assert report.ok and len(report.created) == 3
    person = find_person("Hoàng Văn Nhập", BORN)
    assert person.award_records.count() == 3
    assert person.unit_in(2011).code == "so-gd-dt"
    assert AwardRecord.objects.filter(person=person).first().history.latest().history_user == staff
    _rs, problems = eligibility.person_problems(
        "Hoàng Văn Nhập", BORN, AwardType.objects.get(code="cstd-tinh"), 2013
    )
    assert [p.article for p in problems] == ["Điều 22"]  # only the initiative is missing

    again = run_import(
        HISTORY, xlsx_bytes([HEADER, *history_rows(2010, 2011, 2012)]), "ls.xlsx", staff
    )
    assert again.ok and len(again.skipped) == 3 and not again.created
    assert Person.objects.filter(name_key=person.name_key).count() == 1


def test_a_history_file_with_one_bad_row_writes_nothing(staff):
    rows = history_rows(2010, 2011)
    rows.append(
        ["Hoàng Văn Nhập", "02/03/1975", "Sở Không Có", 2012, "Chiến sĩ thi đua cơ sở", "", ""]
    )
    rows.append(
        ["Hoàng Văn Nhập", "02/03/1975", "Sở Giáo dục và Đào tạo", 2013, "Huân chương Vàng", "", ""]
    )
    people_before, records_before = Person.objects.count(), AwardRecord.objects.count()
    report = run_import(HISTORY, xlsx_bytes([HEADER, *rows]), "ls.xlsx", staff)
    assert not report.ok
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert messages[(4, "Đơn vị")] == "Không tìm thấy đơn vị “Sở Không Có”."
    assert "Huân chương Vàng" in messages[(5, "Danh hiệu/hình thức")]
    assert (Person.objects.count(), AwardRecord.objects.count()) == (people_before, records_before)


def test_ratings_import_matches_the_person_and_updates_a_changed_rating(staff):
    person = person_for("Vi Văn Loại", datetime.date(1981, 6, 1))
    header = ["Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại"]
    rows = [
        ["Vi Văn Loại", "01/06/1981", "UBND huyện Cao Lộc", 2012, "Hoàn thành tốt nhiệm vụ"],
        ["VI VĂN LOẠI", "01/06/1981", "UBND huyện Cao Lộc", 2013, "Hoàn thành xuất sắc nhiệm vụ"],
        ["Vi Văn Loại", "01/06/1990", "UBND huyện Cao Lộc", 2013, "Hoàn thành nhiệm vụ"],
    ]
    preview = preview_import(RATINGS, xlsx_bytes([header, *rows]), "xl.xlsx", staff)
    assert preview.ok and len(preview.created) == 3 and not AnnualRating.objects.exists()
    assert run_import(RATINGS, xlsx_bytes([header, *rows]), "xl.xlsx", staff).ok
    assert dict(person.ratings.values_list("year", "rating")) == {2012: "good", 2013: "excellent"}
    assert find_person("Vi Văn Loại", datetime.date(1990, 6, 1)) is not None  # a namesake added

    rows[0][4] = "Không hoàn thành nhiệm vụ"
    report = run_import(
        RATINGS,
        xlsx_bytes([header, rows[0], ["Vi Văn Loại", "01/06/1981", "Sở Không Có", 2099, "Giỏi"]]),
        "xl.xlsx",
        staff,
    )
    assert {e.column for e in report.errors} == {"Đơn vị", "Năm", "Xếp loại"}
    assert person.ratings.get(year=2012).rating == "good"  # nothing written

    report = run_import(RATINGS, xlsx_bytes([header, rows[0]]), "xl.xlsx", staff)
    assert report.ok and len(report.updated) == 1
    assert person.ratings.get(year=2012).rating == "failed"


def test_import_data_command_runs_any_kind_and_fails_on_a_bad_file(tmp_path):
    good = tmp_path / "ls.xlsx"
    good.write_bytes(xlsx_bytes([HEADER, *history_rows(2009)]))
    out = io.StringIO()
    call_command("import_data", "award_history", str(good), "--dry-run", stdout=out)
    assert (
        "Sẽ thêm 1" in out.getvalue()
        and not AwardRecord.objects.filter(year=2009, name="Hoàng Văn Nhập").exists()
    )
    call_command("import_data", "lich-su-khen-thuong", str(good), stdout=out)
    assert AwardRecord.objects.filter(year=2009, name="Hoàng Văn Nhập").exists()

    bad = tmp_path / "xl.xlsx"
    header = ["Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại"]
    bad.write_bytes(xlsx_bytes([header, ["Lý Văn Sai", "01/01/1980", "Sở Y tế", 2013, "Tồi"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_data", "ratings", str(bad), stderr=err)
    assert "Dòng 2, cột “Xếp loại”" in err.getvalue()
    assert not Person.objects.filter(full_name="Lý Văn Sai").exists()


def test_the_import_page_previews_and_confirms_award_history(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(staff)
    assert "Lịch sử khen thưởng" in client.get(reverse("import-data")).content.decode()
    data = SimpleUploadedFile("ls.xlsx", xlsx_bytes([HEADER, *history_rows(2008)]))
    response = client.post(reverse("import-data"), {"kind": "lich-su-khen-thuong", "file": data})
    assert "Xem trước: chưa có gì được ghi." in response.content.decode()
    assert not AwardRecord.objects.filter(year=2008, name="Hoàng Văn Nhập").exists()
    client.post(reverse("import-confirm"), {"token": response.context["token"]})
    assert AwardRecord.objects.get(year=2008, name="Hoàng Văn Nhập").person is not None


def test_exported_history_and_ratings_import_back_unchanged(staff):
    from imports.registry import export_table

    run_import(HISTORY, xlsx_bytes([HEADER, *history_rows(2010, 2011)]), "ls.xlsx", staff)
    person_for("Vi Văn Xuất", datetime.date(1980, 1, 1)).ratings.create(year=2012, rating="good")
    for kind in (HISTORY, RATINGS):
        report = run_import(kind, export_table(kind, "xlsx"), "back.xlsx", staff)
        assert report.ok, report.errors
        assert not report.created and not report.updated

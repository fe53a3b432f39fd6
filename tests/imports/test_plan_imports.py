"""Tasks and their responsible units from spreadsheets."""

import datetime
import unicodedata

import pytest

from imports.registry import IMPORT_KINDS, export_table, run_import
from plan.models import ResponsibleUnit, Task
from tests.imports.conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TASKS = IMPORT_KINDS["nhiem-vu"]
RESPONSIBLE = IMPORT_KINDS["don-vi-thuc-hien"]
TASK_HEADER = ["Năm", "TT", "Quý", "Nội dung nhiệm vụ", "Hạn"]
RESPONSIBLE_HEADER = ["Năm", "TT nhiệm vụ", "Thứ tự", "Đơn vị thực hiện"]


def test_a_good_tasks_file_imports_exactly_its_rows(plan_2014):
    rows = [
        TASK_HEADER,
        [2014, 1, "QUÝ I", "Tổng kết công tác năm 2013", datetime.datetime(2014, 1, 20)],
        [2014, 2, "QUÝ II", "- Sơ kết 6 tháng;\n- Gửi báo cáo.", "15/07/2014"],
        ["2014", "3", 3, "Kiểm tra", ""],
        [2014, 4, "4", "Xét khen thưởng", "31/12/2014"],
    ]
    report = run_import(TASKS, xlsx_bytes(rows, title_rows=[["NHIỆM VỤ NĂM 2014"]]), "t.xlsx")
    assert report.ok, report.errors
    assert [r.action for r in report.rows] == ["new"] * 4
    tasks = list(plan_2014.tasks.order_by("number"))
    assert [(t.number, t.quarter, t.due_on) for t in tasks] == [
        (1, 1, datetime.date(2014, 1, 20)),
        (2, 2, datetime.date(2014, 7, 15)),
        (3, 3, None),
        (4, 4, None),  # the quarter's end is the default: not stored as a date of its own
    ]
    assert tasks[1].content == "- Sơ kết 6 tháng;\n- Gửi báo cáo."


def test_a_date_that_does_not_exist_is_refused(plan_2014):
    rows = [TASK_HEADER, [2014, 1, 1, "Một", "15/01/2014"], [2014, 2, 1, "Hai", "31/02/2014"]]
    report = run_import(TASKS, csv_bytes(rows), "t.csv")
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (
            3,
            "Hạn",
            "“31/02/2014” không phải là ngày (cần dạng ngày/tháng/năm, ví dụ 31/03/2013).",
        )
    ]
    assert not plan_2014.tasks.exists()


def test_bad_quarter_unknown_year_and_duplicate_number_are_each_reported(plan_2014):
    rows = [
        TASK_HEADER,
        [2014, 1, "QUÝ V", "Một", ""],
        [2099, 2, 1, "Hai", ""],
        [2014, 3, 1, "Ba", ""],
        [2014, 3, 2, "Ba lần nữa", ""],
    ]
    report = run_import(TASKS, xlsx_bytes(rows), "t.xlsx")
    assert [(e.row, e.column) for e in report.errors] == [(2, "Quý"), (3, "Năm"), (5, "TT")]
    assert report.errors[1].message == "Chưa có kế hoạch năm 2099."
    assert not plan_2014.tasks.exists()


def test_nfd_content_is_stored_nfc(plan_2014):
    content = unicodedata.normalize("NFD", "Phát động thi đua")
    report = run_import(TASKS, xlsx_bytes([TASK_HEADER, [2014, 1, 1, content, ""]]), "t.xlsx")
    assert report.ok, report.errors
    assert plan_2014.tasks.get().content == "Phát động thi đua"


def test_the_2013_tasks_reimport_unchanged(plan_2013):
    before = list(Task.objects.filter(plan=plan_2013).values())
    for fmt in ("xlsx", "csv"):
        report = run_import(TASKS, export_table(TASKS, fmt, plan=plan_2013), f"t.{fmt}")
        assert report.ok, report.errors
        assert len(report.skipped) == 34 and not report.created and not report.updated
    assert list(Task.objects.filter(plan=plan_2013).values()) == before


def _tasks_2014(plan_2014):
    for number in (1, 2):
        Task.objects.create(plan=plan_2014, number=number, quarter=1, content=f"Việc {number}")


def test_a_good_responsible_file_resolves_aliases_and_phrases(plan_2014):
    _tasks_2014(plan_2014)
    rows = [
        RESPONSIBLE_HEADER,
        [2014, 1, 1, "Ban TĐKT Sở Nội vụ"],
        [2014, 1, 2, "Các đơn vị"],
        [2014, 2, 1, unicodedata.normalize("NFD", "Sở NN & PTNT")],
    ]
    report = run_import(RESPONSIBLE, xlsx_bytes(rows), "r.xlsx")
    assert report.ok, report.errors
    got = [
        (r.task.number, r.position, r.unit.code if r.unit else r.collective, r.written_as)
        for r in ResponsibleUnit.objects.filter(task__plan=plan_2014).order_by(
            "task__number", "position"
        )
    ]
    assert got == [
        (1, 1, "ban-tdkt", "Ban TĐKT Sở Nội vụ"),
        (1, 2, "all_units", "Các đơn vị"),
        (2, 1, "so-nn-ptnt", "Sở NN & PTNT"),
    ]


def test_an_unknown_unit_on_row_14_is_reported_and_nothing_written(plan_2014):
    _tasks_2014(plan_2014)
    good = [[2014, 1, position, "UBND tỉnh"] for position in range(1, 12)]
    rows = [RESPONSIBLE_HEADER, *good, [2014, 2, 1, "Sở XYZ"]]
    report = run_import(RESPONSIBLE, xlsx_bytes(rows, title_rows=[["ĐƠN VỊ THỰC HIỆN"]]), "r.xlsx")
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (14, "Đơn vị thực hiện", "Không tìm thấy đơn vị “Sở XYZ”.")
    ]
    assert not ResponsibleUnit.objects.filter(task__plan=plan_2014).exists()


def test_an_unknown_task_is_reported(plan_2014):
    rows = [RESPONSIBLE_HEADER, [2014, 9, 1, "UBND tỉnh"]]
    report = run_import(RESPONSIBLE, xlsx_bytes(rows), "r.xlsx")
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "TT nhiệm vụ", "Không có nhiệm vụ số 9 trong kế hoạch năm 2014.")
    ]


def test_the_2013_responsible_units_reimport_unchanged(plan_2013):
    before = list(ResponsibleUnit.objects.values())
    report = run_import(RESPONSIBLE, export_table(RESPONSIBLE, "xlsx"), "r.xlsx")
    assert report.ok, report.errors
    assert not report.created and not report.updated
    assert list(ResponsibleUnit.objects.values()) == before


def test_a_due_date_moved_by_import_recounts_parts_done_late(plan_2013):
    """The plan page reads each task's tallies: an imported due date must move them too."""
    task = Task.objects.filter(plan=plan_2013, parts_done_on_time__gt=0).order_by("number").first()
    on_time = task.parts_done_on_time
    rows = [
        TASK_HEADER,
        [2013, task.number, task.quarter, task.content, datetime.date(2013, 1, 1)],
    ]
    report = run_import(TASKS, xlsx_bytes(rows), "t.xlsx")
    assert report.ok, report.errors
    task.refresh_from_db()
    assert task.due_on == datetime.date(2013, 1, 1)
    assert task.parts_done_on_time < on_time
    assert task.parts_done_late > 0

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plan.services import load_plan

pytestmark = pytest.mark.django_db


def expected_tasks(plan):
    """The 34 tasks as the database has them, in the export's terms."""
    return [
        {
            "number": task.number,
            "quarter": task.quarter,
            "content": task.content,
            "due_date": task.due_date,
            "responsible": [
                row.unit.name if row.unit else row.written_as
                for row in task.responsible.order_by("position")
            ],
        }
        for task in plan.tasks.order_by("number")
    ]


def test_json_to_stdout_round_trips(plan_2013):
    out = io.StringIO()
    call_command("export_plan", "--year", "2013", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["plan"]["number"] == "12/KH-UBND"
    assert data["plan"]["signer_name"] == "Vy Văn Thành"
    tasks = [
        {**task, "due_date": datetime.date.fromisoformat(task["due_date"])}
        for task in data["tasks"]
    ]
    assert tasks == expected_tasks(plan_2013)
    assert data["tasks"][0]["responsible"] == ["Ban Thi đua - Khen thưởng, Sở Nội vụ"]
    assert data["tasks"][9]["responsible"][-1] == "Các đơn vị liên quan"


def test_exported_json_loads_back_as_the_same_plan(plan_2013):
    out = io.StringIO()
    call_command("export_plan", "--year", "2013", stdout=out)
    data = json.loads(out.getvalue())
    data["plan"]["year"] = 2014
    copy, created = load_plan(data)
    assert created
    original = [{**t, "due_date": None} for t in expected_tasks(plan_2013)]
    copied = [{**t, "due_date": None} for t in expected_tasks(copy)]
    assert copied == original


def unguard(text):
    """A CSV cell's text without the quote that keeps = + - @ from running as a formula."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def test_csv_round_trips(plan_2013):
    out = io.StringIO()
    call_command("export_plan", "--year", "2013", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    # Task 4's content is a bullet line: guarded so no spreadsheet runs it as a formula.
    assert rows[3]["Nội dung nhiệm vụ"].startswith("'- ")
    exported = [
        {
            "number": int(row["TT"]),
            "quarter": int(row["Quý"]),
            "content": unguard(row["Nội dung nhiệm vụ"]),
            "due_date": datetime.datetime.strptime(row["Hạn"], "%d/%m/%Y").date(),
            "responsible": row["Đơn vị thực hiện"].split("\n"),
        }
        for row in rows
    ]
    assert exported == expected_tasks(plan_2013)


def test_xlsx_round_trips(plan_2013, tmp_path):
    path = tmp_path / "plan.xlsx"
    call_command("export_plan", "--year", "2013", "--format", "xlsx", "-o", str(path))
    sheet = openpyxl.load_workbook(path).active
    all_rows = list(sheet.iter_rows(values_only=True))
    # The header block of the plan document sits above the table: find the header row.
    header_index = next(i for i, row in enumerate(all_rows) if row[0] == "TT")
    header, *rows = all_rows[header_index:]
    assert header == ("TT", "Quý", "Nội dung nhiệm vụ", "Hạn", "Đơn vị thực hiện")
    top = [value for row in all_rows[:header_index] for value in row if value]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in top
    assert "Độc lập - Tự do - Hạnh phúc" in top
    assert "ỦY BAN NHÂN DÂN" in top and "TỈNH LẠNG SƠN" in top
    assert "Số: 12/KH-UBND" in top
    assert sheet.freeze_panes == f"A{header_index + 2}"
    assert sheet.print_title_rows == f"${header_index + 1}:${header_index + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    exported = [
        {
            "number": number,
            "quarter": quarter,
            "content": content,
            "due_date": due.date(),
            "responsible": responsible.split("\n"),
        }
        for number, quarter, content, due, responsible in rows
    ]
    assert exported == expected_tasks(plan_2013)
    # A bullet line stays text: no cell of user text may run as a formula.
    task_4 = sheet.cell(header_index + 5, 3)
    assert task_4.data_type == "s" and task_4.value.startswith("- ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "1999"], "Không có kế hoạch năm 1999."),
        (
            ["--year", "2013", "--format", "pdf"],
            "Định dạng “pdf” không hỗ trợ; dùng: json, csv, xlsx.",
        ),
        (["--year", "2013", "--format", "xlsx"], "Tệp XLSX cần tên tệp: thêm -o TỆP."),
    ],
)
def test_bad_year_or_format_is_a_one_line_error(args, message):
    with pytest.raises(CommandError) as error:
        call_command("export_plan", *args, stdout=io.StringIO())
    assert str(error.value) == message

"""The office's reports in Excel: the plan status report, and every list as it is shown."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.documents import date_line
from plan.enums import RequirementKind, Status
from plan.models import Requirement, TaskPart
from plan.status import task_rollups

pytestmark = pytest.mark.django_db


def sheet_of(data):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def rows_below_header(sheet, first_header):
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    return rows[start], rows[start + 1 :], start + 1


def test_plan_status_report_reads_back(plan_2013, tmp_path):
    path = tmp_path / "status.xlsx"
    call_command(
        "export_plan", "--year", "2013", "--format", "xlsx", "--as-of", "2013-06-30", "-o", path
    )
    sheet = openpyxl.load_workbook(path).active
    text = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    # The office's report: issued by Ban TĐKT under Sở Nội vụ (issue #14, point 7).
    assert "SỞ NỘI VỤ TỈNH LẠNG SƠN" in text and "BAN THI ĐUA - KHEN THƯỞNG" in text
    assert any("12/KH-UBND" in t for t in text)
    assert "Tính đến ngày 30/06/2013" in text
    header, body, header_row = rows_below_header(sheet, "TT")
    assert header[-2:] == ["Trạng thái", "Số đơn vị hoàn thành"]
    assert [r[0] for r in body if isinstance(r[0], str)] == ["QUÝ I", "QUÝ II", "QUÝ III", "QUÝ IV"]
    tasks = [r for r in body if isinstance(r[0], int)]
    assert [r[0] for r in tasks] == list(range(1, 35))
    rollups = task_rollups(plan_2013.tasks.all(), datetime.date(2013, 6, 30))
    task3 = plan_2013.tasks.get(number=3)
    row3 = tasks[2]
    assert row3[4] == Status(rollups[task3.pk].status).label
    assert row3[5] == f"{rollups[task3.pk].done}/{rollups[task3.pk].total}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.page_setup.orientation == "landscape"


def test_plan_status_report_ends_with_totals_and_the_signature_block(
    client, staff, plan_2013, settings
):
    settings.OFFICE_SIGNER_NAME = "Vi Văn Đức"
    client.force_login(staff)
    response = client.get(reverse("dashboard-export"), {"ngay": "30/06/2013"})
    sheet = sheet_of(response.getvalue())
    _header, body, header_row = rows_below_header(sheet, "TT")
    tasks = [r for r in body if isinstance(r[0], int)]
    at = next(i for i, r in enumerate(body) if str(r[1] or "").startswith("Tổng cộng"))
    totals = body[at]
    assert totals[1] == "Tổng cộng: 34 nhiệm vụ"
    # The sums of the rows above: parts done of all parts, and the tasks by status.
    done = sum(int(r[5].split("/")[0]) for r in tasks)
    total = sum(int(r[5].split("/")[1]) for r in tasks)
    assert totals[5] == f"{done}/{total}"
    by_status = dict(line.rsplit(": ", 1) for line in totals[4].split("\n"))
    assert sum(map(int, by_status.values())) == 34
    for label, count in by_status.items():
        assert sum(1 for r in tasks if r[4] == label) == int(count)
    totals_cell = sheet.cell(row=header_row + 1 + at, column=2)
    assert totals_cell.font.b and totals_cell.font.name == "Times New Roman"
    # Under the totals, on the right: the place and date line, the title, the name.
    below = [c for r in body[at + 1 :] for c in r if c]
    today = timezone.localdate()
    assert below == [date_line("Lạng Sơn", today), "TRƯỞNG BAN", "Vi Văn Đức"]
    assert below[0].startswith("Lạng Sơn, ngày ") and "/" not in below[0]


def test_dashboard_button_downloads_the_report(client, staff, officer):
    client.force_login(staff)
    response = client.get(reverse("dashboard-export"), {"ngay": "25/02/2013"})
    assert response["Content-Disposition"].startswith("attachment")
    sheet = sheet_of(response.getvalue())
    assert any(c.value == "Tính đến ngày 25/02/2013" for row in sheet.iter_rows() for c in row)
    client.force_login(officer)
    assert client.get(reverse("dashboard-export")).status_code == 403


def test_parts_list_export_has_exactly_the_filtered_rows(client, staff):
    client.force_login(staff)
    query = {"quy": "2", "trang_thai": "overdue", "ngay": "31/12/2013"}
    shown = client.get(reverse("part-list"), query).context["page"].paginator.count
    sheet = sheet_of(client.get(reverse("part-list"), {**query, "xuat": "xlsx"}).getvalue())
    _header, body, _ = rows_below_header(sheet, "Nhiệm vụ")
    assert len(body) == shown > 0
    assert {r[4] for r in body} == {"Quá hạn"}


def test_an_officers_export_holds_only_the_units_own_rows(client, officer):
    client.force_login(officer)
    sheet = sheet_of(client.get(reverse("part-list"), {"xuat": "xlsx"}).getvalue())
    _header, body, _ = rows_below_header(sheet, "Nhiệm vụ")
    assert body and {r[2] for r in body} == {officer.unit.name}
    assert len(body) == TaskPart.objects.filter(unit=officer.unit, task__plan__year=2013).count()


def test_submissions_report_lists_every_unit(client, staff):
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    client.force_login(staff)
    response = client.get(
        reverse("requirement-detail", args=[requirement.pk]), {"xuat": "xlsx", "ngay": "25/02/2013"}
    )
    _header, body, _ = rows_below_header(sheet_of(response.getvalue()), "Đơn vị")
    assert len(body) == requirement.units.count()
    assert {r[1] for r in body} <= {"Đã gửi đúng hạn", "Chưa gửi", "Bị trả lại, chưa gửi lại"}


def test_the_plan_spreadsheet_dates_its_header_by_the_official_rule(plan_2013, tmp_path):
    plan_2013.issued_on = datetime.date(2013, 3, 5)
    plan_2013.save()
    path = tmp_path / "plan.xlsx"
    call_command("export_plan", "--year", "2013", "--format", "xlsx", "-o", str(path))
    sheet = openpyxl.load_workbook(path).active
    cells = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert "Lạng Sơn, ngày 05 tháng 3 năm 2013" in cells

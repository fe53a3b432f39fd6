"""Comparing years (issue 17, point 4): the figures on a small built dataset over two
years, the chart's bars, the XLSX read back, who may open which page, the query counts."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.urls import reverse

from awards.comparison import units_by_year, year_comparison
from awards.models import AwardRecord, AwardType
from plan.enums import PartSource, PartState
from plan.models import Plan, Requirement, Task, TaskPart
from plan.services.progress import cancel_part, report_progress
from tests.conftest import sent_document
from units.models import Unit

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date


def _plan(year):
    return Plan.objects.create(
        year=year,
        number=f"1/KH-{year}",
        title=f"Kế hoạch {year}",
        issued_on=D(year, 1, 10),
        place="Lạng Sơn",
        issuer="UBND tỉnh",
        signer_name="A",
        signer_title="Chủ tịch",
        legal_bases="Luật Thi đua, Khen thưởng",
        unit_plans_due_on=D(year, 2, 25),
    )


def _task(plan, number, quarter):
    return Task.objects.create(plan=plan, number=number, quarter=quarter, content=f"Việc {number}")


def _part(task, unit):
    return TaskPart.objects.create(task=task, unit=unit, source=PartSource.NAMED)


def _done(part, staff, day):
    report_progress(part, staff, PartState.DONE, done_on=day, reported_on=day)


def _award(unit, year, code, n):
    award_type = AwardType.objects.get(code=code)
    AwardRecord.objects.bulk_create(
        AwardRecord(name=f"Người {year} {i}", unit=unit, year=year, award_type=award_type)
        for i in range(n)
    )


@pytest.fixture
def two_years(staff, officer, officer2):
    """2010 and 2011, units A (officer's) and B (officer2's):

    2010: A on time in Q1, late in Q2; B on time in Q1, its Q2 part cancelled; A sent its
    document on time, B late. 2011: A on time, B not done; A sent at 23:00 of the deadline
    (on time: the local day counts), B sent nothing. Awards: 2010 A 2 Giấy khen, B 1 Bằng
    khen; 2011 A 1 Giấy khen and 3 Bằng khen.
    """
    assert not AwardRecord.objects.filter(year__in=(2010, 2011)).exists()
    a, b = officer.unit, officer2.unit
    p2010, p2011 = _plan(2010), _plan(2011)
    q1, q2 = _task(p2010, 1, 1), _task(p2010, 2, 2)
    _done(_part(q1, a), staff, D(2010, 3, 15))
    _done(_part(q2, a), staff, D(2010, 7, 10))
    _done(_part(q1, b), staff, D(2010, 3, 20))
    cancel_part(_part(q2, b), staff, "Đơn vị không tham gia")
    q1 = _task(p2011, 1, 1)
    _done(_part(q1, a), staff, D(2011, 3, 1))
    _part(q1, b)
    r2010 = Requirement.objects.create(plan=p2010, kind="other", title="KH", due_on=D(2010, 2, 25))
    r2011 = Requirement.objects.create(plan=p2011, kind="other", title="KH", due_on=D(2011, 2, 25))
    r2010.units.set([a, b])
    r2011.units.set([a, b])
    sent_document(r2010, a, staff, datetime.datetime(2010, 2, 20, 9, tzinfo=HANOI))
    sent_document(r2010, a, staff, datetime.datetime(2010, 3, 20, 9, tzinfo=HANOI))  # again, later
    sent_document(r2010, b, staff, datetime.datetime(2010, 3, 1, 9, tzinfo=HANOI))
    sent_document(r2011, a, staff, datetime.datetime(2011, 2, 25, 23, tzinfo=HANOI))
    _award(a, 2010, "giay-khen", 2)
    _award(b, 2010, "bang-khen-tinh", 1)
    _award(a, 2011, "giay-khen", 1)
    _award(a, 2011, "bang-khen-tinh", 3)
    return a, b


def _by_year(comparison):
    return {year.year: year for year in comparison.years}


def test_the_province_shares_and_awards_by_year(two_years):
    comparison = year_comparison()
    years = _by_year(comparison)
    assert {2010, 2011, 2013} <= set(years)
    y2010, y2011 = years[2010], years[2011]
    assert (y2010.parts, y2010.parts_on_time, y2010.parts_share) == (3, 2, 66.7)
    assert (y2011.parts, y2011.parts_on_time, y2011.parts_share) == (2, 1, 50.0)
    assert (y2010.owed, y2010.sent_on_time, y2010.sent_share) == (2, 1, 50.0)
    assert (y2011.owed, y2011.sent_on_time, y2011.sent_share) == (2, 1, 50.0)
    order = [y.year for y in comparison.years]
    rows = {t.code: dict(zip(order, n, strict=True)) for t, n in comparison.award_rows()}
    assert (rows["giay-khen"][2010], rows["giay-khen"][2011]) == (2, 1)
    assert (rows["bang-khen-tinh"][2010], rows["bang-khen-tinh"][2011]) == (1, 3)
    assert (y2010.awards_total, y2011.awards_total) == (3, 4)


def test_a_units_shares_and_awards_by_year(two_years):
    a, b = two_years
    years = _by_year(year_comparison(a))
    assert (years[2010].parts_share, years[2011].parts_share) == (50.0, 100.0)
    assert (years[2010].sent_share, years[2011].sent_share) == (100.0, 100.0)
    assert years[2011].awards == {
        AwardType.objects.get(code="giay-khen").pk: 1,
        AwardType.objects.get(code="bang-khen-tinh").pk: 3,
    }
    years = _by_year(year_comparison(b))
    assert (years[2010].parts_share, years[2011].parts_share) == (100.0, 0.0)
    assert (years[2010].sent_share, years[2011].sent_share) == (0.0, 0.0)
    rows = {row.code: row for row in units_by_year([2010, 2011], Unit.objects.all())}
    assert rows[a.code].parts_shares == [50.0, 100.0]
    assert rows[b.code].sent_shares == [0.0, 0.0]


def test_the_page_draws_the_table_and_the_bars(client, leader, two_years):
    client.force_login(leader)
    response = client.get(reverse("year-comparison"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert '<title id="shares-chart-title">Tỷ lệ đúng hạn theo năm: toàn tỉnh</title>' in page
    chart = response.context["shares_chart"]
    group = {g.label: g for g in chart.groups}["2010"]
    parts_bar, sent_bar = group.bars
    assert (parts_bar.text, sent_bar.text) == ("66,7\u00a0%", "50,0\u00a0%")
    # Bars scale to 100 %: 2/3 of the room a full bar gets, and the 50 % bar half of it.
    room = chart.width - chart.label_width - 70
    assert parts_bar.width == round(room * 66.7 / 100)
    assert sent_bar.width == round(room * 50 / 100)
    assert f'width="{parts_bar.width}" height="16" fill="{parts_bar.colour}"' in page
    awards = {g.label: g for g in response.context["awards_chart"].groups}
    bang_khen = AwardType.objects.get(code="bang-khen-tinh").name
    by_year = {bar.series: bar.text for bar in awards[bang_khen].bars}
    assert by_year["2010"] == "2010: 1" and by_year["2011"] == "2011: 3"
    assert "66,7&nbsp;%" in page  # the table's share, kept on one line


def test_the_xlsx_report_reads_back(client, staff, two_years):
    a, _b = two_years
    client.force_login(staff)
    response = client.get(reverse("unit-year-comparison", args=[a.code]), {"xuat": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in rows if row[0] == "Chỉ tiêu")
    assert "BÁO CÁO SO SÁNH KẾT QUẢ CÁC NĂM" in [row[0] for row in rows]
    texts = [str(cell) for row in rows for cell in row if cell is not None]
    assert any(text.startswith("Lạng Sơn, ngày") for text in texts)  # the date line
    col = {year: header.index(str(year)) for year in (2010, 2011)}
    found = {row[0]: row for row in rows if row and row[0]}
    share = found["Tỷ lệ phần việc đúng hạn (%)"]
    assert (share[col[2010]], share[col[2011]]) == (50, 100)
    bang_khen = found[AwardType.objects.get(code="bang-khen-tinh").name]
    assert (bang_khen[col[2010]], bang_khen[col[2011]]) == (0, 3)
    assert "Khen thưởng theo danh hiệu, hình thức" in found


def test_who_may_open_which_comparison(client, officer, officer2, council, leader, staff):
    a = officer.unit
    for user, province, own in (
        (staff, 200, 200),
        (leader, 200, 200),
        (officer, 403, 200),
        (officer2, 403, 404),
        (council, 403, 403),
    ):
        client.force_login(user)
        assert client.get(reverse("year-comparison")).status_code == province, user
        assert client.get(reverse("unit-year-comparison", args=[a.code])).status_code == own, user


def test_the_query_count_stays_flat_as_years_and_units_grow(
    client, leader, officer, two_years, django_assert_max_num_queries
):
    client.force_login(leader)
    client.get(reverse("year-comparison"))
    with django_assert_max_num_queries(14) as before:
        client.get(reverse("year-comparison"))
    for year in (2005, 2006, 2007):
        _plan(year)
        _award(officer.unit, year, "giay-khen", 1)
    for n in range(5):
        unit = Unit.objects.create(code=f"moi-{n}", name=f"Đơn vị mới {n}")
        _part(_task(Plan.objects.get(year=2010), 10 + n, 3), unit)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(reverse("year-comparison"))
    assert [y.year for y in response.context["comparison"].years][:3] == [2005, 2006, 2007]
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("unit-year-comparison", args=[officer.unit.code]))

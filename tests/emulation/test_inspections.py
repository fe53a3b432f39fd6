"""Inspections kept in the browser: the office's for the province, each unit's for the
units under it, and their coverage against section II's 30 %."""

import datetime

import pytest

from emulation import selectors
from emulation.models import Inspection, InspectionPlan
from units.models import Unit

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(officer):
    return [
        Unit.objects.create(code=f"truong-{n}", name=f"Trường {n}", parent=officer.unit)
        for n in range(3)
    ]


def test_an_officer_plans_and_records_its_units_inspections(client, officer, schools):
    client.force_login(officer)
    client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Kiểm tra của ngành giáo dục"})
    plan = InspectionPlan.objects.get(year=YEAR, inspector=officer.unit)
    client.post(
        f"/thi-dua/kiem-tra/{plan.pk}/them/",
        {"unit": schools[0].pk, "planned_on": f"01/10/{YEAR}"},
    )
    visit = Inspection.objects.get(plan=plan, unit=schools[0])
    client.post(
        f"/thi-dua/kiem-tra/cuoc/{visit.pk}/",
        {"done_on": f"05/10/{YEAR}", "findings": "Đúng quy định"},
    )
    visit.refresh_from_db()
    assert (visit.done_on, visit.findings) == (datetime.date(YEAR, 10, 5), "Đúng quy định")
    [coverage] = selectors.inspection_coverage(YEAR, datetime.date(YEAR, 12, 31))
    assert (coverage.inspected, coverage.units_under) == (1, 3)
    assert coverage.meets_target  # 33.3 % ≥ 30 %


def test_a_unit_not_under_the_level_is_refused_at_the_field(client, officer, schools):
    client.force_login(officer)
    client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Kế hoạch"})
    plan = InspectionPlan.objects.get(year=YEAR, inspector=officer.unit)
    elsewhere = Unit.objects.get(code="so-y-te")
    response = client.post(
        f"/thi-dua/kiem-tra/{plan.pk}/them/",
        {"unit": elsewhere.pk, "planned_on": f"01/10/{YEAR}"},
        follow=True,
    )
    assert "không thuộc cấp được kiểm tra" in response.content.decode()
    assert not Inspection.objects.exists()


def test_a_result_dated_outside_the_year_is_refused(client, officer, schools):
    client.force_login(officer)
    client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Kế hoạch"})
    plan = InspectionPlan.objects.get(year=YEAR, inspector=officer.unit)
    client.post(
        f"/thi-dua/kiem-tra/{plan.pk}/them/", {"unit": schools[1].pk, "planned_on": f"01/10/{YEAR}"}
    )
    visit = Inspection.objects.get()
    response = client.post(
        f"/thi-dua/kiem-tra/cuoc/{visit.pk}/",
        {"done_on": f"05/01/{YEAR + 1}", "findings": "x"},
        follow=True,
    )
    assert f"phải trong năm {YEAR}" in response.content.decode()
    visit.refresh_from_db()
    assert visit.done_on is None


def test_another_units_plan_is_not_found(client, officer, officer2, schools):
    client.force_login(officer)
    client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Kế hoạch"})
    plan = InspectionPlan.objects.get(year=YEAR, inspector=officer.unit)
    client.force_login(officer2)
    response = client.post(
        f"/thi-dua/kiem-tra/{plan.pk}/them/", {"unit": schools[0].pk, "planned_on": f"01/10/{YEAR}"}
    )
    assert response.status_code == 404


def test_the_office_keeps_the_provinces_plan_once(client, staff):
    client.force_login(staff)
    client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Kiểm tra của tỉnh"})
    response = client.post(f"/thi-dua/{YEAR}/kiem-tra/lap/", {"title": "Lần hai"}, follow=True)
    assert "đã có kế hoạch kiểm tra" in response.content.decode()
    assert InspectionPlan.objects.get(year=YEAR).inspector is None

"""Landing pages by role and the chairman's overview (issue 13, point 16)."""

import pytest
from django.urls import reverse

from awards.models import AwardRecord, AwardType

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("officer", lambda user: reverse("unit-detail", args=[user.unit.code])),
        ("council", lambda user: reverse("awards:council")),
        ("leader", lambda user: reverse("overview")),
        ("staff", lambda user: reverse("home")),
    ],
)
def test_signing_in_lands_each_role_on_its_page(client, request, role, lands_on):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(reverse("landing"))
    assert response.status_code == 302
    assert response["Location"] == lands_on(user)


def test_the_login_form_leads_to_the_landing(client, officer, password):
    response = client.post(reverse("login"), {"username": "officer", "password": password})
    assert response["Location"] == reverse("landing")


def _award(unit, year, code="giay-khen", name="Người {}"):
    award = AwardType.objects.get(code=code)
    return AwardRecord(name=name.format(year), unit=unit, year=year, award_type=award)


def test_the_overview_compares_awards_this_year_with_last(
    client, leader, officer, officer2, django_assert_max_num_queries
):
    AwardRecord.objects.bulk_create(
        [_award(officer.unit, 2013) for _ in range(3)]
        + [_award(officer.unit, 2012)]
        + [_award(officer2.unit, 2012, code="bang-khen-tinh") for _ in range(2)]
        + [_award(officer2.unit, 2010)]  # older than last year: not counted
    )
    client.force_login(leader)
    client.get(reverse("overview"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("overview"))
    by_type = {name: (this, last) for name, this, last in response.context["awards_by_type"]}
    giay_khen = AwardType.objects.get(code="giay-khen").name
    bang_khen = AwardType.objects.get(code="bang-khen-tinh").name
    assert by_type[giay_khen] == (3, 1) and by_type[bang_khen] == (0, 2)
    by_unit = {name: (this, last) for name, _code, this, last in response.context["awards_by_unit"]}
    assert by_unit[officer.unit.name] == (3, 1)
    assert by_unit[officer2.unit.name] == (0, 2)
    page = response.content.decode()
    assert "Khen thưởng theo hình thức: năm 2013 so với năm 2012" in page
    assert "Tiến độ kế hoạch theo quý" in page


def test_the_overview_lists_the_units_most_late(client, leader):
    client.force_login(leader)
    response = client.get(reverse("overview"), {"ngay": "31/12/2013"})
    late = response.context["late_units"]
    assert late and late == sorted(late, key=lambda row: -row[2])
    assert sum(count for _n, _c, count in late) <= response.context["overdue_total"]


def test_the_overview_counts_awards_as_grouping_by_the_names_did():
    """awards_this_year_and_last counts by ids and joins the names after; it must give the
    rows and the order that grouping the records by type and unit name gave, ties at the
    15th unit broken by name, records without a unit left out of the units'."""
    from django.db.models import Count, Q

    from awards.selectors import awards_this_year_and_last
    from units.models import Unit

    units = list(Unit.objects.order_by("code")[:20])
    types = ["giay-khen", "bang-khen-tinh", "tap-the-ldxs"]
    records = [
        _award(unit, year, code=types[(n + year) % 3])
        for n, unit in enumerate(units)
        for year in (2012, 2013, 2011)
        for _ in range(n % 4 + (year == 2013))
    ]
    records += [_award(None, 2013), _award(None, 2012, code="bang-khen-tinh")]
    AwardRecord.objects.bulk_create(records)

    counted = AwardRecord.objects.filter(year__in=(2012, 2013))
    this, last = Count("pk", filter=Q(year=2013)), Count("pk", filter=Q(year=2012))
    by_type = (
        counted.values("award_type__name", "award_type__position")
        .annotate(this=this, last=last)
        .order_by("award_type__position", "award_type__name")
    )
    by_unit = (
        counted.filter(unit__isnull=False)
        .values("unit__name", "unit__code")
        .annotate(this=this, last=last)
        .order_by("-this", "-last", "unit__name")[:15]
    )
    assert awards_this_year_and_last(2013) == (
        [(row["award_type__name"], row["this"], row["last"]) for row in by_type],
        [(row["unit__name"], row["unit__code"], row["this"], row["last"]) for row in by_unit],
    )
    assert len(by_unit) == 15 and len(by_type) == 3

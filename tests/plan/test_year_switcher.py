"""The year switcher (issue 17, point 3): the chosen year follows the user from page to page
like the as-of date, with a way back to the current year; a past year's pages are
read-only for everyone but the office, and its writes are refused server-side."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from emulation.models import Registration
from plan.models import ProgressReport, Requirement, Submission, TaskPart
from plan.rules import can_submit_in_year
from plan.views.years import YEAR_KEY
from tests.conftest import publish_2014

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REFUSAL = "Năm 2013 đã qua: số liệu của năm này chỉ để xem; chỉ Ban TĐKT được thay đổi."


@pytest.fixture
def plan_2014(plan_2013, staff):
    return publish_2014(staff)


def switch(client, year, next_url):
    return client.get(reverse("switch-year"), {YEAR_KEY: year, "next": next_url})


def test_the_chosen_year_is_kept_from_page_to_page(client, plan_2014, staff):
    client.force_login(staff)
    assert client.get(reverse("home")).context["plan"] == plan_2014
    response = switch(client, 2013, reverse("home"))
    assert response.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.context["plan"].year == 2013
    html = home.content.decode()
    assert 'id="year-switch"' in html
    assert "Về năm hiện tại (2014)" in html
    # The menu's links carry no year: the session does.
    assert client.get(reverse("dashboard")).context["plan"].year == 2013
    assert client.get(reverse("part-list")).context["plan"].year == 2013
    unit_page = client.get(reverse("unit-detail", args=["so-gd-dt"]))
    assert unit_page.context["plan"].year == 2013
    # An address with a year in it keeps its year, and the switcher goes to the same task.
    response = switch(client, 2014, reverse("task-detail", args=[2013, 5]) + "?trang=2")
    assert response.url == reverse("task-detail", args=[2014, 5])
    assert client.get(reverse("home")).context["plan"].year == 2014
    # ?nam= works on a page too, and the way back (an empty year) is the current year.
    assert client.get(reverse("home"), {YEAR_KEY: "2013"}).context["plan"].year == 2013
    switch(client, "", reverse("dashboard"))
    assert client.get(reverse("dashboard")).context["plan"].year == 2014
    assert YEAR_KEY not in client.session


def test_the_switcher_finds_the_same_requirement_and_part_in_the_other_year(
    client, plan_2014, officer
):
    client.force_login(officer)
    requirement = Requirement.objects.filter(plan__year=2013, kind="unit_plan").first()
    response = switch(client, 2014, reverse("requirement-detail", args=[requirement.pk]))
    new = Requirement.objects.get(plan=plan_2014, kind="unit_plan")
    assert response.url == reverse("requirement-detail", args=[new.pk])
    part = TaskPart.objects.filter(task__plan__year=2013, unit=officer.unit).first()
    same = TaskPart.objects.get(
        task__plan=plan_2014, task__number=part.task.number, unit=officer.unit
    )
    response = switch(client, 2014, reverse("part-detail", args=[part.pk]))
    assert response.url == reverse("part-detail", args=[same.pk])


def test_a_bad_year_or_a_foreign_address_is_ignored(client, plan_2014, staff):
    client.force_login(staff)
    response = switch(client, "2999", "https://evil.example/")
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["plan"] == plan_2014


def test_the_switcher_is_only_on_pages_of_a_year(client, plan_2014, staff):
    client.force_login(staff)
    assert 'id="year-switch"' in client.get(reverse("home")).content.decode()
    assert 'id="year-switch"' not in client.get(reverse("unit-list")).content.decode()


def part_2013(unit):
    return TaskPart.objects.filter(task__plan__year=2013, unit=unit).first()


def test_an_officer_reads_a_past_year_and_cannot_change_it(client, plan_2014, officer, pdf_file):
    part = part_2013(officer.unit)
    client.force_login(officer)
    page = client.get(reverse("part-detail", args=[part.pk]))
    assert page.context["form"] is None
    assert "Chỉ để xem: không thay đổi được số liệu." in page.content.decode()
    before = part.reports.count()
    response = client.post(
        reverse("part-detail", args=[part.pk]), {"state": "in_progress"}, follow=True
    )
    assert REFUSAL in response.content.decode()
    assert part.reports.count() == before
    # Documents of 2013: no upload form, and a forged POST is refused with the reason.
    unit_page = client.get(reverse("unit-detail", args=[officer.unit.code]), {YEAR_KEY: "2013"})
    assert not unit_page.context["can_submit"]
    requirement = Requirement.objects.filter(plan__year=2013, units=officer.unit).first()
    before = Submission.objects.count()
    response = client.post(
        reverse("submission-create", args=[requirement.pk, officer.unit.code]),
        {"file": pdf_file("ke-hoach.pdf")},
        follow=True,
    )
    assert REFUSAL in response.content.decode()
    assert Submission.objects.count() == before
    # The current year stays open to them.
    part_now = TaskPart.objects.filter(task__plan=plan_2014, unit=officer.unit).first()
    client.post(reverse("part-detail", args=[part_now.pk]), {"state": "in_progress"})
    assert ProgressReport.objects.filter(part=part_now, created_by=officer).exists()


def test_a_past_registration_is_read_only_for_an_officer(client, plan_2014, officer):
    client.force_login(officer)
    page = client.get("/thi-dua/2013/dang-ky/")
    assert 'id="read-only-year"' in page.content.decode()
    data = {
        "collective_title": "tap-the-ldxs",
        "people_advanced": "40",
        "people_base_soldier": "5",
        "people_province_soldier": "1",
        "file": ContentFile(PDF, name="dang-ky.pdf"),
    }
    response = client.post("/thi-dua/2013/dang-ky/", data, follow=True)
    assert REFUSAL in response.content.decode()
    assert not Registration.objects.filter(unit=officer.unit, year=2013).exists()


def test_the_office_may_still_change_a_past_year(client, plan_2014, staff, officer):
    part = part_2013(officer.unit)
    client.force_login(staff)
    page = client.get(reverse("part-detail", args=[part.pk]))
    assert page.context["form"] is not None
    client.post(reverse("part-detail", args=[part.pk]), {"state": "in_progress"})
    assert ProgressReport.objects.filter(part=part, created_by=staff).exists()


@pytest.mark.parametrize("username", ["leader", "council", "officer2"])
def test_other_roles_cannot_write_to_a_past_year(client, plan_2014, officer, username):
    from units.models import User

    part = part_2013(officer.unit)
    client.force_login(User.objects.get(username=username))
    before = part.reports.count()
    response = client.post(reverse("part-detail", args=[part.pk]), {"state": "in_progress"})
    assert response.status_code in (403, 404)
    assert part.reports.count() == before


def test_the_only_year_is_open_to_officers(client, plan_2013, officer):
    part = part_2013(officer.unit)
    client.force_login(officer)
    assert client.get(reverse("part-detail", args=[part.pk])).context["form"] is not None


def test_a_past_years_emulation_records_are_refused_to_an_officer(plan_2014, officer, staff):
    from django.core.exceptions import ValidationError

    from emulation import services

    with pytest.raises(ValidationError, match="Năm 2013 đã qua"):
        services.record_exemplar(officer.unit, 2013, officer, name="Điển hình")
    with pytest.raises(ValidationError, match="Năm 2013 đã qua"):
        services.register(officer.unit, 2013, officer, targets={})


def test_a_past_years_exemplars_page_is_read_only_for_an_officer(client, plan_2014, officer):
    from emulation.models import Exemplar

    client.force_login(officer)
    assert client.get("/thi-dua/2013/dien-hinh/").context["form"] is None
    response = client.post(
        "/thi-dua/2013/dien-hinh/",
        {"name": "Điển hình", "kind": "individual", "field": "Giáo dục"},
        follow=True,
    )
    assert REFUSAL in response.content.decode()
    assert not Exemplar.objects.filter(unit=officer.unit, year=2013, name="Điển hình").exists()


@pytest.mark.parametrize(
    ("who", "own_unit", "now", "past"),
    [
        ("officer", True, True, False),
        ("officer2", False, False, False),
        ("staff", False, True, True),
        ("leader", False, False, False),
        ("council", False, False, False),
    ],
)
def test_who_may_send_a_units_documents_in_a_year(
    request, plan_2014, officer, who, own_unit, now, past
):
    """plan.rules.can_submit_in_year, role by role: the unit's own officer in the current
    year only, the office in any year, nobody else; the unit page's upload form follows it."""
    user = request.getfixturevalue(who)
    unit = officer.unit
    assert (user.unit_id == unit.pk) is own_unit
    assert can_submit_in_year(user, unit, 2014) is now
    assert can_submit_in_year(user, unit, 2013) is past


@pytest.mark.parametrize("page", ["part", "unit"])
def test_a_years_page_reads_the_published_years_once(
    client, plan_2014, officer, page, django_assert_max_num_queries
):
    """Whether the year is past (read-only) comes from the published plans the page has
    read for its switcher, not from asking for the latest year again."""
    part = part_2013(officer.unit)
    url = {
        "part": reverse("part-detail", args=[part.pk]),
        "unit": reverse("unit-detail", args=[officer.unit.code]) + f"?{YEAR_KEY}=2013",
    }[page]
    client.force_login(officer)
    with django_assert_max_num_queries(40) as queries:
        response = client.get(url)
    assert "Chỉ để xem: không thay đổi được số liệu." in response.content.decode()
    plan_reads = [q["sql"] for q in queries.captured_queries if 'FROM "plan_plan"' in q["sql"]]
    assert len(plan_reads) == 1, plan_reads

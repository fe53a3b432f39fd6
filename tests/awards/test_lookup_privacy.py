"""Officers' view of the award history: their own unit's people in full; a person of another
unit only by their exact name and date of birth (issue 13, point 20)."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardRecord, AwardType

pytestmark = pytest.mark.django_db

BORN = datetime.date(1980, 4, 2)


@pytest.fixture
def records(officer, officer2):
    award = AwardType.objects.get(code="cstd-co-so")
    mine = AwardRecord.objects.create(
        name="Trần Thị Mai", date_of_birth=BORN, unit=officer.unit, year=2011, award_type=award
    )
    theirs = AwardRecord.objects.create(
        name="Trần Thị Mơ", date_of_birth=BORN, unit=officer2.unit, year=2011, award_type=award
    )
    return mine, theirs


def _names(client, **params):
    response = client.get(reverse("awards:lookup"), params)
    assert response.status_code == 200
    return [record.name for record in response.context["page"] or []]


def test_an_officer_lists_only_their_own_units_people(client, officer, records):
    client.force_login(officer)
    assert _names(client, q="tran thi") == ["Trần Thị Mai"]


def test_an_officer_finds_a_person_elsewhere_by_exact_name_and_birth_date(client, officer, records):
    client.force_login(officer)
    # A part of the name, or the name without the date of birth, is not enough.
    assert _names(client, q="tran thi mo", date_of_birth="") == []
    assert _names(client, q="tran thi", date_of_birth="02/04/1980") == ["Trần Thị Mai"]
    assert _names(client, q="tran thi mo", date_of_birth="03/04/1980") == []
    # Name and date of birth both exact (accents and case ignored): the person is found.
    assert _names(client, q="TRAN THI MO", date_of_birth="02/04/1980") == ["Trần Thị Mơ"]


def test_the_office_still_lists_every_units_people(client, staff, records):
    client.force_login(staff)
    assert _names(client, q="tran thi") == ["Trần Thị Mai", "Trần Thị Mơ"]


def test_a_wrong_birth_date_is_told_at_the_field(client, officer, records):
    client.force_login(officer)
    page = client.get(reverse("awards:lookup"), {"q": "tran", "date_of_birth": "31/02/1980"})
    assert page.status_code == 200
    assert "Nhập một ngày hợp lệ" in page.content.decode() or page.context["form"].errors

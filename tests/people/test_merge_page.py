"""The office merges two records of one person from its own page (issue 15, point 3),
through the service admin's action calls."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardRecord, AwardType
from people.models import AnnualRating, Membership, Person

pytestmark = pytest.mark.django_db

BORN = datetime.date(1979, 8, 15)


@pytest.fixture
def twins(officer, officer2):
    keep = Person.objects.create(full_name="Nguyễn Thị Lan", date_of_birth=BORN)
    drop = Person.objects.create(full_name="Nguyễn Thi Lan", date_of_birth=BORN)
    Membership.objects.create(person=keep, unit=officer.unit, start_year=2010)
    Membership.objects.create(person=drop, unit=officer2.unit, start_year=2012)
    AnnualRating.objects.create(person=drop, year=2012, rating="excellent")
    AwardRecord.objects.create(
        person=drop,
        name=drop.full_name,
        date_of_birth=BORN,
        award_type=AwardType.objects.get(code="lao-dong-tien-tien"),
        year=2012,
    )
    return keep, drop


def test_the_office_sees_both_side_by_side_with_their_records(
    client, staff, twins, django_assert_max_num_queries
):
    keep, drop = twins
    client.force_login(staff)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("people:merge"), {"people": [keep.pk, drop.pk]})
    page = response.content.decode()
    assert "Nguyễn Thị Lan" in page and "Nguyễn Thi Lan" in page
    assert "Lao động tiên tiến 2012" in page  # the award record of the second
    assert "2012: Hoàn thành xuất sắc nhiệm vụ" in page
    assert page.count('name="drop"') == 2  # either may be the one kept


def test_confirming_moves_everything_to_the_kept_record_with_history(client, staff, twins):
    keep, drop = twins
    client.force_login(staff)
    response = client.post(reverse("people:merge"), {"keep": keep.pk, "drop": drop.pk}, follow=True)
    assert "Đã gộp" in response.content.decode()
    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert AwardRecord.objects.get(name="Nguyễn Thi Lan").person == keep
    assert AnnualRating.objects.get(year=2012).person == keep
    assert keep.memberships.count() == 2
    assert drop.history.latest().history_user == staff


def test_picking_one_person_twice_is_refused(client, staff, twins):
    keep, _drop = twins
    client.force_login(staff)
    response = client.post(reverse("people:merge"), {"keep": keep.pk, "drop": keep.pk}, follow=True)
    assert "Không thể gộp một người với chính người đó." in response.content.decode()


def test_picking_one_person_only_asks_for_two(client, staff, twins):
    client.force_login(staff)
    page = client.get(reverse("people:merge"), {"people": [twins[0].pk]}).content.decode()
    assert "Chọn đúng hai người để gộp." in page


def test_officers_do_not_merge(client, officer, twins):
    client.force_login(officer)
    keep, drop = twins
    assert (
        client.post(reverse("people:merge"), {"keep": keep.pk, "drop": drop.pk}).status_code == 403
    )
    drop.refresh_from_db()
    assert drop.merged_into is None

"""Reminders from the browser (issue 13, point 14): the office picks units, reads the
message, sends it; the unit's page shows what each reminder said."""

import pytest
from django.core import mail
from django.urls import reverse

from plan.models import Reminder

pytestmark = pytest.mark.django_db

DAY = {"ngay": "31/12/2013"}


@pytest.fixture
def addressed(officer, officer2):
    for unit in (officer.unit, officer2.unit):
        unit.email = f"{unit.code}@langson.gov.vn"
        unit.save()
    return officer.unit, officer2.unit


def test_the_page_shows_each_units_message(client, staff, addressed, django_assert_max_num_queries):
    client.force_login(staff)
    client.get(reverse("reminders"), DAY)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("reminders"), DAY)
    rows = {row["unit"]: row for row in response.context["rows"]}
    unit = addressed[0]
    assert rows[unit]["outcome"] == "dry_run"
    assert f"Kính gửi: {unit.name}" in rows[unit]["text"]
    assert "Tính đến ngày 31/12/2013" in response.content.decode()
    assert not mail.outbox and not Reminder.objects.exists()  # reading sends nothing


def test_the_office_sends_to_the_units_it_picks(client, staff, addressed):
    mine, _theirs = addressed  # addressed too, but not picked: it gets nothing
    client.force_login(staff)
    response = client.post(reverse("reminders") + "?ngay=31/12/2013", {"don_vi": [mine.pk]})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[mine.email]]
    reminder = Reminder.objects.get()
    assert reminder.unit == mine
    # The unit's page shows what the reminder said, item by item.
    page = client.get(reverse("unit-detail", args=[mine.code])).content.decode()
    assert reminder.items[0]["text"] in page
    assert mine.email in page


def test_all_who_are_late_at_once(client, staff, addressed):
    client.force_login(staff)
    client.post(reverse("reminders") + "?ngay=31/12/2013", {"tat_ca": "1"})
    units = set(Reminder.objects.values_list("unit", flat=True))
    assert {addressed[0].pk, addressed[1].pk} <= units


def test_nothing_picked_is_told(client, staff):
    client.force_login(staff)
    response = client.post(reverse("reminders"), {}, follow=True)
    assert "Hãy chọn ít nhất một đơn vị để đôn đốc." in response.content.decode()
    assert not Reminder.objects.exists()

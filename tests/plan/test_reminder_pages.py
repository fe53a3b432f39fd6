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


def test_the_page_shows_a_page_of_units_and_counts_all_of_them(client, staff, monkeypatch):
    """The units are paged in SQL: a page of rows, the button's count over every unit late,
    and "all who are late" reaches the units of the other pages too."""
    from plan.reminders import units_owing
    from plan.selectors import current_plan
    from plan.status import today
    from plan.views import reminders as view
    from units.models import Unit

    monkeypatch.setattr(view, "PAGE_SIZE", 2)
    Unit.objects.update(email="office@langson.gov.vn")
    late = list(units_owing(current_plan(), today()))
    assert len(late) > 4  # more than two pages
    client.force_login(staff)
    first = client.get(reverse("reminders"), {"ngay": ""})
    second = client.get(reverse("reminders"), {"trang": 2})
    assert [row["unit"] for row in first.context["rows"]] == late[:2]
    assert [row["unit"] for row in second.context["rows"]] == late[2:4]
    assert f"Gửi cho tất cả {len(late)} đơn vị chậm" in first.content.decode()
    client.post(reverse("reminders"), {"tat_ca": "1"})
    assert set(Reminder.objects.values_list("unit", flat=True)) == {unit.pk for unit in late}


def test_the_page_builds_only_its_own_units_messages(client, staff, monkeypatch):
    """Fails if the page went back to building every late unit's message in Python: the
    items are read for the units on the page only."""
    from plan import reminders as service
    from plan.views import reminders as view

    monkeypatch.setattr(view, "PAGE_SIZE", 2)
    asked = []
    items_of = service.reminder_items
    monkeypatch.setattr(
        service,
        "reminder_items",
        lambda plan, as_of, unit_ids=None: (
            asked.append(unit_ids) or items_of(plan, as_of, unit_ids)
        ),
    )
    client.force_login(staff)
    client.get(reverse("reminders"), {"ngay": ""})
    assert len(asked) == 1 and len(asked[0]) == 2


@pytest.mark.parametrize("day", ["26/02/2013", "30/06/2013", "31/12/2013"])
def test_the_units_counted_are_those_with_something_to_be_reminded_of(day, staff):
    """units_owing (SQL, for the count and the page) finds exactly the units that
    reminder_items gives a message to, a document sent back included."""
    import datetime

    from plan.models import Submission, SubmissionReview
    from plan.reminders import reminder_items, units_owing
    from plan.selectors import current_plan

    as_of = datetime.datetime.strptime(day, "%d/%m/%Y").date()
    sent = Submission.objects.filter(submitted_at__date__lte=as_of).first()
    assert sent is not None or day == "26/02/2013"
    if sent is not None:  # the office sends one copy back: its unit owes it again
        SubmissionReview.objects.create(
            submission=sent, decision="returned", reviewed_by=staff, reviewed_at=sent.submitted_at
        )
    plan = current_plan()
    assert set(units_owing(plan, as_of).values_list("pk", flat=True)) == set(
        reminder_items(plan, as_of)
    )

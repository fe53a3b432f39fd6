import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from plan.models import Reminder
from units.models import Unit

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_one_message_per_unit_with_its_items():
    run("--as-of", "26/02/2013")
    assert mail.outbox
    units = [Reminder.objects.get(recipients=", ".join(m.to)).unit for m in mail.outbox]
    assert len(units) == len(set(units))  # one message per unit
    reminder = Reminder.objects.select_related("unit").first()
    message = next(m for m in mail.outbox if reminder.unit.email in m.to)
    for item in reminder.items:
        assert item["text"] in message.body
    # On 26/02 the units that had not sent their plan are reminded of exactly that.
    assert any("Kế hoạch công tác thi đua" in item["text"] for item in reminder.items)


def test_the_unit_page_shows_its_reminders(client, staff):
    run("--as-of", "26/02/2013")
    unit = Reminder.objects.first().unit
    client.force_login(staff)
    page = client.get(f"/don-vi/{unit.code}/").content.decode()
    assert "Các lần đôn đốc" in page and "nội dung" in page


def test_dry_run_sends_and_records_nothing():
    output = run("--as-of", "26/02/2013", "--dry-run")
    assert "chạy thử" in output
    assert not mail.outbox
    assert not Reminder.objects.exists()


def test_a_second_run_the_same_day_sends_nothing_new():
    run("--as-of", "26/02/2013")
    first = len(mail.outbox)
    output = run("--as-of", "26/02/2013")
    assert len(mail.outbox) == first
    assert "đã đôn đốc hôm nay" in output


def test_units_without_an_address_are_reported_not_skipped_silently():
    Unit.objects.update(email="")
    output = run("--as-of", "26/02/2013")
    assert "không có địa chỉ thư" in output
    assert not mail.outbox


def test_nothing_is_due_far_before_the_deadlines():
    run("--as-of", "01/01/2013")
    assert not mail.outbox


def test_export_plan_as_of_adds_statuses():
    out = io.StringIO()
    call_command("export_plan", "--year", "2013", "--as-of", "2013-06-30", stdout=out)
    data = json.loads(out.getvalue())
    task3 = data["tasks"][2]
    statuses = {"not_due", "due_soon", "overdue", "done_on_time", "done_late", "cancelled"}
    assert task3["status"] in statuses
    assert len(task3["parts"]) == task3["units_total"]
    assert {p["status"] for p in task3["parts"]} <= statuses
    done = [p for p in task3["parts"] if p["status"].startswith("done")]
    assert len(done) == task3["units_done"]
    assert all(
        datetime.date.fromisoformat(p["done_on"]) <= datetime.date(2013, 6, 30) for p in done
    )

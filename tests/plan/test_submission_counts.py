"""The counts on top of a requirement's page, as of any day, against each unit's row."""

import datetime
import zoneinfo
from collections import Counter

import pytest
from django.core.files.base import ContentFile

from plan.enums import ReviewDecision
from plan.models import Requirement, Submission
from plan.services import review_submission
from plan.status import submission_counts, with_submission_status
from units.models import Unit

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=10, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HANOI)


def day(text):
    return datetime.date.fromisoformat(text)


def test_requirement_counts_agree_with_each_units_standing_on_every_day(plan_2013, staff):
    """submission_counts counts from the documents' side; every unit must still be counted
    where its own row on the requirement page puts it: sent twice, returned and re-sent,
    returned and not re-sent, late, a review or a sending after the day, nothing sent."""
    requirement = Requirement.objects.create(
        plan=plan_2013, kind="other", title="Báo cáo thử", due_on=day("2013-03-15")
    )
    units = {code: Unit.objects.get(code=code) for code in ("so-gd-dt", "h-cao-loc", "so-y-te")}
    requirement.units.set([*units.values(), Unit.objects.get(code="so-tai-chinh")])

    def send(code, when):
        return Submission.objects.create(
            requirement=requirement,
            unit=units[code],
            file=ContentFile(b"%PDF-1.4\n", name="a.pdf"),
            original_name="a.pdf",
            submitted_by=staff,
            submitted_at=when,
        )

    first = send("so-gd-dt", at(day("2013-03-01")))
    review_submission(first, staff, ReviewDecision.RETURNED, "Thiếu chữ ký", at(day("2013-03-05")))
    send("so-gd-dt", at(day("2013-03-20")))  # re-sent late
    returned = send("h-cao-loc", at(day("2013-03-10")))
    review_submission(returned, staff, ReviewDecision.RETURNED, "Sai mẫu", at(day("2013-04-02")))
    # Two sendings in the same instant: the later row decides, as on the page.
    send("so-y-te", at(day("2013-03-14")))
    send("so-y-te", at(day("2013-03-14")))

    for text in ("2013-02-28", "2013-03-01", "2013-03-05", "2013-03-15", "2013-03-20",
                 "2013-04-01", "2013-04-02", "2013-12-31"):  # fmt: skip
        as_of = day(text)
        standings = with_submission_status(requirement.units.all(), requirement, as_of)
        expected = Counter(unit.submission_status for unit in standings)
        assert submission_counts(requirement, as_of) == expected, text
    assert submission_counts(requirement, day("2013-04-02")) == Counter(
        {"late": 1, "returned": 1, "on_time": 1, "missing": 1}
    )

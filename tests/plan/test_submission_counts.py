"""The counts on top of a requirement's page, as of any day, against each unit's row."""

import datetime
import zoneinfo
from collections import Counter

import pytest

from plan.enums import ReviewDecision, SubmissionStatus
from plan.models import Requirement
from plan.services import review_submission
from plan.status import submission_counts, unit_standings, with_submission_status
from tests.conftest import sent_document
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
        return sent_document(requirement, units[code], staff, when)

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


def test_a_units_page_gives_each_requirement_the_standing_of_the_requirements_page(
    plan_2013, staff
):
    """The unit's page works its standings out in Python (unit_standings); the requirement's
    page in SQL (with_submission_status). Each unit, each requirement, each day: the same
    standing and the same details (which copy, which answer)."""
    due = day("2013-03-15")
    units = {code: Unit.objects.get(code=code) for code in ("so-gd-dt", "h-cao-loc", "so-y-te")}
    requirements = [
        Requirement.objects.create(plan=plan_2013, kind="other", title=f"Thử {n}", due_on=due)
        for n in range(2)
    ]
    for requirement in requirements:
        requirement.units.set(units.values())

    def send(requirement, code, when):
        return sent_document(requirement, units[code], staff, when)

    first, second = requirements
    # Accepted, then a newer copy returned; then a newer one still waiting.
    accepted = send(first, "so-gd-dt", at(day("2013-03-01")))
    review_submission(accepted, staff, ReviewDecision.ACCEPTED, "", at(day("2013-03-02")))
    newer = send(first, "so-gd-dt", at(day("2013-03-10")))
    review_submission(newer, staff, ReviewDecision.RETURNED, "Thiếu trang", at(day("2013-03-12")))
    send(first, "so-gd-dt", at(day("2013-03-20")))
    # Returned, then accepted on a second answer after the due date; a late copy.
    returned = send(first, "h-cao-loc", at(day("2013-03-10")))
    review_submission(returned, staff, ReviewDecision.RETURNED, "Sai mẫu", at(day("2013-03-11")))
    review_submission(returned, staff, ReviewDecision.ACCEPTED, "", at(day("2013-04-02")))
    send(second, "h-cao-loc", at(day("2013-03-16")))
    # Two sendings in one instant; the later row decides.
    send(second, "so-y-te", at(day("2013-03-14")))
    twin = send(second, "so-y-te", at(day("2013-03-14")))
    review_submission(twin, staff, ReviewDecision.RETURNED, "Mờ", at(day("2013-03-14"), 15))

    shown = [
        "submission_status", "last_submission_id", "last_submitted_at", "last_submitted_on",
        "accepted_submission_id", "accepted_submitted_at", "accepted_submitted_on",
        "last_decision", "last_review_reason", "last_reviewed_at",
    ]  # fmt: skip
    seen = set()
    for text in ("2013-02-28", "2013-03-01", "2013-03-02", "2013-03-11", "2013-03-12",
                 "2013-03-14", "2013-03-16", "2013-03-20", "2013-04-02"):  # fmt: skip
        as_of = day(text)
        for unit in units.values():
            on_unit_page = {
                r.pk: [getattr(r, name) for name in shown]
                for r in unit_standings(Requirement.objects.filter(units=unit), unit, as_of)
            }
            for requirement in requirements:
                row = with_submission_status(
                    requirement.units.filter(pk=unit.pk), requirement, as_of
                ).get()
                assert on_unit_page[requirement.pk] == [getattr(row, n) for n in shown], (
                    text,
                    unit.code,
                )
                seen.add(row.submission_status)
    assert seen == set(SubmissionStatus)


def test_counts_follow_each_documents_latest_answer_when_the_office_changes_its_mind(
    plan_2013, staff
):
    """submission_counts walks each document's answers newest first: an acceptance the
    office later took back (returned on a second answer) no longer makes it the standing
    copy, and a return later accepted does; the counts match each unit's row every day."""
    requirement = Requirement.objects.create(
        plan=plan_2013, kind="other", title="Báo cáo đổi ý", due_on=day("2013-03-15")
    )
    units = {code: Unit.objects.get(code=code) for code in ("so-gd-dt", "h-cao-loc", "so-y-te")}
    requirement.units.set(units.values())
    taken_back = sent_document(requirement, units["so-gd-dt"], staff, at(day("2013-03-01")))
    review_submission(taken_back, staff, ReviewDecision.ACCEPTED, "", at(day("2013-03-02")))
    review_submission(taken_back, staff, ReviewDecision.RETURNED, "Nhầm", at(day("2013-03-05")))
    accepted_late = sent_document(requirement, units["h-cao-loc"], staff, at(day("2013-03-20")))
    review_submission(accepted_late, staff, ReviewDecision.RETURNED, "Mờ", at(day("2013-03-21")))
    review_submission(accepted_late, staff, ReviewDecision.ACCEPTED, "", at(day("2013-03-25")))
    seen = set()
    for text in ("2013-03-01", "2013-03-02", "2013-03-05", "2013-03-21", "2013-03-25"):
        as_of = day(text)
        standings = with_submission_status(requirement.units.all(), requirement, as_of)
        expected = Counter(unit.submission_status for unit in standings)
        assert submission_counts(requirement, as_of) == expected, text
        seen |= set(expected)
    assert {"returned", "late", "on_time", "missing"} <= seen

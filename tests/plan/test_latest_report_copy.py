"""Each part keeps a copy of its latest report, so the status as of today reads no history.

The copy must always equal what the history says; these tests hold it to that."""

import datetime

import pytest
from django.db.models import OuterRef, Subquery

from plan.enums import PartState, Status
from plan.models import ProgressReport, TaskPart
from plan.services import cancel_part, report_progress
from plan.status import end_of_day, part_status, today, with_status

from .test_status import at, day

pytestmark = pytest.mark.django_db


def states_from_history_only(parts, as_of):
    """{part pk: (state, done_on)} as of the date, read from the reports alone."""
    latest = ProgressReport.objects.filter(
        part=OuterRef("pk"), reported_at__lt=end_of_day(as_of)
    ).order_by("-reported_at", "-pk")
    rows = parts.annotate(
        state=Subquery(latest.values("state")[:1]),
        done_on=Subquery(latest.values("done_on")[:1]),
    ).values_list("pk", "state", "done_on")
    return {pk: (state, done_on) for pk, state, done_on in rows}


def states_as_computed(parts, as_of):
    rows = with_status(parts, as_of).values_list("pk", "state_as_of", "done_on_as_of")
    return {pk: (state, done_on) for pk, state, done_on in rows}


def test_the_copy_is_the_latest_dated_report_not_the_latest_entered(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-03-10")))
    latest = report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-12")))
    # Paperwork that came by post, entered afterwards with an earlier date:
    report_progress(part, staff, PartState.NOT_STARTED, reported_at=at(day("2013-03-01")))
    part.refresh_from_db()
    assert part.latest_state == PartState.IN_PROGRESS
    assert part.latest_reported_at == latest.reported_at
    assert part.latest_done_on is None


def test_a_cancellation_is_copied_too(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-03-10")))
    cancel_part(part, staff, "Đơn vị sáp nhập", reported_at=at(day("2013-05-10")))
    part.refresh_from_db()
    assert (part.latest_state, part.latest_done_on) == (PartState.CANCELLED, None)
    assert part_status(part, today()) == Status.CANCELLED


def test_status_after_the_latest_report_is_read_from_the_copy(part, staff):
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-12")))
    # Make the copy disagree with the history on purpose: whichever is read shows.
    TaskPart.objects.filter(pk=part.pk).update(
        latest_state=PartState.DONE, latest_done_on=day("2013-03-12")
    )
    assert part_status(part, today()) == Status.DONE_ON_TIME  # the copy
    assert part_status(part, day("2013-03-11")) == Status.NOT_DUE  # before it: the history
    assert part_status(part, day("2013-03-12")) == Status.DONE_ON_TIME


@pytest.mark.parametrize("as_of", ["2013-02-25", "2013-06-30", "2013-09-30", "2013-12-31", None])
def test_every_demo_part_agrees_with_its_history(plan_2013, as_of):
    as_of = day(as_of) if as_of else today()
    parts = TaskPart.objects.filter(task__plan=plan_2013)
    computed = states_as_computed(parts, as_of)
    assert len(computed) > 400
    assert computed == states_from_history_only(parts, as_of)


def test_the_demo_copy_is_filled(plan_2013):
    """The demo loader writes reports in bulk; it must fill the copy the same way."""
    parts = TaskPart.objects.filter(task__plan=plan_2013, reports__isnull=False).distinct()
    assert parts.exists()
    assert not parts.filter(latest_reported_at__isnull=True).exists()
    newest = parts.order_by("-latest_reported_at").first()
    assert newest.latest_reported_at < end_of_day(datetime.date(2014, 1, 1))

"""Status as of a date, from the dated history, around every boundary."""

import datetime
import zoneinfo

import pytest

from plan.enums import PartState, Status
from plan.models import ProgressReport
from plan.services import ScheduleError, cancel_part, report_progress
from plan.status import Rollup, part_status, task_rollups

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime.date(2013, 3, 31)


def at(day, hour=10, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HANOI)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2013-03-16", Status.NOT_DUE),  # 15 days before: outside the 14-day window
        ("2013-03-17", Status.DUE_SOON),  # 14 days before
        ("2013-03-31", Status.DUE_SOON),  # the due date itself
        ("2013-04-01", Status.OVERDUE),  # the next day
    ],
)
def test_a_part_with_no_report_against_its_due_date(part, as_of, expected):
    assert part_status(part, day(as_of)) == expected


def test_due_soon_window_is_a_setting(part, settings):
    settings.DUE_SOON_DAYS = 3
    assert part_status(part, day("2013-03-27")) == Status.NOT_DUE
    assert part_status(part, day("2013-03-28")) == Status.DUE_SOON


def test_done_at_2359_local_on_the_due_date_is_on_time(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(DUE, 23, 59))
    assert ProgressReport.objects.get(part=part).done_on == DUE
    assert part_status(part, DUE) == Status.DONE_ON_TIME
    assert part_status(part, day("2013-12-31")) == Status.DONE_ON_TIME


def test_done_at_0001_local_the_next_day_is_late(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-04-01"), 0, 1))
    assert part_status(part, DUE) == Status.DUE_SOON  # not yet reported on the due date
    assert part_status(part, day("2013-04-01")) == Status.DONE_LATE


def test_in_progress_is_still_overdue_after_the_due_date(part, staff):
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-01")))
    assert part_status(part, day("2013-03-01")) == Status.NOT_DUE
    assert part_status(part, day("2013-04-02")) == Status.OVERDUE


def test_a_part_cancelled_after_its_due_date(part, staff):
    cancel_part(part, staff, "Đơn vị sáp nhập", reported_at=at(day("2013-05-10")))
    assert part_status(part, day("2013-05-09")) == Status.OVERDUE
    assert part_status(part, day("2013-05-10")) == Status.CANCELLED


def test_a_report_entered_later_with_an_earlier_date_changes_the_past(part, staff):
    assert part_status(part, day("2013-02-25")) == Status.NOT_DUE
    report_progress(
        part, staff, PartState.DONE, done_on=day("2013-02-20"), reported_at=at(day("2013-02-20"))
    )
    assert part_status(part, day("2013-02-25")) == Status.DONE_ON_TIME


def test_a_report_dated_after_the_date_does_not_change_it(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-03-05")))
    assert part_status(part, day("2013-02-25")) == Status.NOT_DUE
    assert part_status(part, day("2013-03-05")) == Status.DONE_ON_TIME


def test_history_is_kept_and_latest_dated_report_wins(part, staff):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-03-10")))
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-12")))
    assert part.reports.count() == 2
    assert part_status(part, day("2013-03-11")) == Status.DONE_ON_TIME
    assert part_status(part, day("2013-04-05")) == Status.OVERDUE


def test_a_task_rolls_up_from_its_parts(task, staff):
    first, second = task.parts.order_by("unit__code")
    rollups = task_rollups([task], day("2013-04-05"))
    assert (rollups[task.pk].status, rollups[task.pk].done, rollups[task.pk].total) == (
        Status.OVERDUE,
        0,
        2,
    )
    report_progress(first, staff, PartState.DONE, reported_at=at(day("2013-03-20")))
    rollup = task_rollups([task], day("2013-04-05"))[task.pk]
    assert (rollup.status, rollup.done, rollup.total) == (Status.OVERDUE, 1, 2)
    report_progress(second, staff, PartState.DONE, reported_at=at(day("2013-04-03")))
    rollup = task_rollups([task], day("2013-04-05"))[task.pk]
    assert (rollup.status, rollup.done, rollup.total) == (Status.DONE_LATE, 2, 2)
    # As of the due date the late one was simply due soon.
    rollup = task_rollups([task], DUE)[task.pk]
    assert (rollup.status, rollup.done) == (Status.DUE_SOON, 1)


def test_cancelled_parts_leave_the_count(task, staff):
    first, second = task.parts.order_by("unit__code")
    report_progress(first, staff, PartState.DONE, reported_at=at(day("2013-03-20")))
    cancel_part(second, staff, "Không còn tham gia", reported_at=at(day("2013-03-21")))
    rollup = task_rollups([task], day("2013-04-05"))[task.pk]
    assert (rollup.status, rollup.done, rollup.total) == (Status.DONE_ON_TIME, 1, 1)
    assert Rollup({Status.CANCELLED: 2}).status == Status.CANCELLED
    assert Rollup().status is None


def test_an_officer_cannot_report_for_another_unit_or_back_date(task, officer, officer2):
    own = task.parts.get(unit=officer.unit)
    other = task.parts.get(unit=officer2.unit)
    with pytest.raises(ScheduleError):
        report_progress(other, officer, PartState.DONE)
    with pytest.raises(ScheduleError):
        report_progress(own, officer, PartState.DONE, reported_at=at(day("2013-03-01")))
    with pytest.raises(ScheduleError):
        cancel_part(own, officer, "Lý do")
    assert not ProgressReport.objects.filter(part__task=task).exists()


def test_done_date_cannot_be_after_the_report(part, staff):
    with pytest.raises(ScheduleError):
        report_progress(
            part,
            staff,
            PartState.DONE,
            done_on=day("2013-03-02"),
            reported_at=at(day("2013-03-01")),
        )


def test_the_demo_year_has_every_status(plan_2013):
    statuses = set()
    for as_of in ("2013-02-25", "2013-06-30", "2013-12-31"):
        rollups = task_rollups(plan_2013.tasks.all(), day(as_of))
        statuses |= {status for r in rollups.values() for status in r.counts}
    assert statuses == set(Status)


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2013, 3, 31),
        datetime.date(2013, 6, 30),
        datetime.date(2013, 9, 30),
        datetime.date(2013, 12, 31),
        datetime.date(2014, 6, 1),
    ],
)
def test_the_overdue_parts_are_those_whose_status_is_overdue(plan_2013, staff, day):
    """The dashboard's overdue list and the overview's units most late (read from the open
    parts of tasks reported on before the day, the history only for the others) hold
    exactly the parts whose status as of the day is overdue; a part cancelled today, long
    after the day, still counts as overdue then (its task now goes through the history)."""
    from django.db.models import Count

    from plan.models import TaskPart
    from plan.selectors import overdue_parts, units_most_late
    from plan.status import with_status_in

    def overdue_by_status():
        parts = TaskPart.objects.filter(task__plan=plan_2013)
        return with_status_in(parts, day, [Status.OVERDUE])

    late = overdue_by_status().order_by("pk").first()
    if late is not None:
        cancel_part(late, staff, "Đơn vị đã giải thể")
        late.task.refresh_from_db()
        assert late.task.parts_reported_until.date() > day
    expected = set(overdue_by_status().values_list("pk", flat=True))
    assert set(overdue_parts(plan_2013, day).values_list("pk", flat=True)) == expected
    by_unit = [
        (row["unit__name"], row["unit__code"], row["count"])
        for row in overdue_by_status()
        .order_by()
        .values("unit__name", "unit__code")
        .annotate(count=Count("pk"))
        .order_by("-count", "unit__name")
    ]
    assert units_most_late(plan_2013, day, limit=len(by_unit) + 1) == by_unit
    if day >= datetime.date(2013, 6, 30):
        assert expected and late.pk in expected, "the comparison means something"

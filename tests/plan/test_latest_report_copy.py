"""Each part keeps a copy of its latest report, so the status as of today reads no history.

The copy must always equal what the history says; these tests hold it to that."""

import datetime

import pytest
from django.db.models import Count, Min, OuterRef, Subquery

from plan.enums import PartState, Status
from plan.models import ProgressReport, Task, TaskPart
from plan.services import cancel_part, name_units_for_task, report_progress, set_task_due_date
from plan.services.copies import refresh_stored_copies
from plan.status import (
    end_of_day,
    part_status,
    statuses_as_of,
    task_rollups,
    today,
    with_status,
    with_status_in,
)
from units.models import Unit

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
    first = report_progress(part, staff, PartState.NOT_STARTED, reported_at=at(day("2013-03-01")))
    part.refresh_from_db()
    assert part.latest_state == PartState.IN_PROGRESS
    assert part.latest_reported_at == latest.reported_at
    assert part.latest_done_on is None
    # ...while the first report is the earliest dated one.
    assert part.first_reported_at == first.reported_at


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


@pytest.mark.parametrize("as_of", ["2013-02-25", "2013-06-30", "2013-09-30", "2013-12-31", None])
def test_statuses_from_the_copies_agree_with_the_query(plan_2013, as_of):
    """The unit page and the part page read a status from the part's copy in Python (and
    from the history, for parts reported on after the date): the same as with_status."""
    as_of = day(as_of) if as_of else today()
    parts = TaskPart.objects.filter(task__plan=plan_2013)
    expected = dict(with_status(parts, as_of).values_list("pk", "status"))
    computed = {p.pk: p.status for p in statuses_as_of(parts.select_related("task"), as_of)}
    assert len(computed) > 400
    assert computed == expected


def test_a_status_in_python_reads_the_copy_after_the_latest_report_and_the_history_before(
    part, staff
):
    report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-04-10")))
    # Make the copy disagree with the history on purpose: whichever is read shows.
    TaskPart.objects.filter(pk=part.pk).update(latest_done_on=day("2013-03-01"))

    def status(as_of):
        return statuses_as_of(TaskPart.objects.filter(pk=part.pk).select_related("task"), as_of)[
            0
        ].status

    assert status(today()) == Status.DONE_ON_TIME  # the copy
    assert status(day("2013-04-10")) == Status.DONE_ON_TIME  # the copy: reported that day
    assert status(day("2013-04-09")) == Status.OVERDUE  # before it: the history
    TaskPart.objects.filter(pk=part.pk).update(latest_done_on=day("2013-04-10"))
    assert status(today()) == Status.DONE_LATE


def test_before_its_first_report_a_part_is_open_without_a_look_into_the_history(part, staff):
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-04-10")))
    # A report written into the history behind the copies' back, before the first one: the
    # status as of a date before the first report is read from the copy, so it does not show.
    ProgressReport.objects.create(
        part=part,
        state=PartState.DONE,
        done_on=day("2013-03-01"),
        reported_at=at(day("2013-03-01")),
        created_by=staff,
    )

    def in_python():
        loaded = TaskPart.objects.filter(pk=part.pk).select_related("task")
        return statuses_as_of(loaded, day("2013-03-05"))[0].status

    assert part_status(part, day("2013-03-05")) == Status.NOT_DUE
    assert in_python() == Status.NOT_DUE
    # Once the copies are brought up to date, the history decides again.
    refresh_stored_copies(parts=TaskPart.objects.filter(pk=part.pk))
    assert part_status(part, day("2013-03-05")) == Status.DONE_ON_TIME
    assert in_python() == Status.DONE_ON_TIME


def test_the_demo_copy_is_filled(plan_2013):
    """The demo loader writes reports in bulk; it must fill the copy the same way."""
    parts = TaskPart.objects.filter(task__plan=plan_2013, reports__isnull=False).distinct()
    assert parts.exists()
    assert not parts.filter(latest_reported_at__isnull=True).exists()
    firsts = dict(
        ProgressReport.objects.filter(part__task__plan=plan_2013)
        .values("part")
        .annotate(first=Min("reported_at"))
        .values_list("part", "first")
    )
    assert dict(parts.values_list("pk", "first_reported_at")) == firsts
    newest = parts.order_by("-latest_reported_at").first()
    assert newest.latest_reported_at < end_of_day(datetime.date(2014, 1, 1))


# --- Each task's tallies: the plan page reads them instead of counting every part ----------


def rollups_from_parts(tasks, as_of):
    """{task pk: counts} computed from the parts, as before tallies existed."""
    rows = (
        with_status(TaskPart.objects.filter(task__in=tasks), as_of)
        .values("task_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["task_id"], {})[Status(row["status"])] = row["n"]
    return counts


def assert_tallies_agree(tasks, *dates):
    tasks = list(Task.objects.filter(pk__in=[t.pk for t in tasks]))
    for as_of in dates:
        from_tallies = {pk: dict(r.counts) for pk, r in task_rollups(tasks, as_of).items()}
        from_parts = rollups_from_parts(tasks, as_of)
        assert {pk: c for pk, c in from_tallies.items() if c} == from_parts, as_of


@pytest.mark.parametrize("as_of", ["2013-02-25", "2013-06-30", "2013-09-30", "2013-12-31", None])
def test_demo_tallies_agree_with_the_parts(plan_2013, as_of):
    assert_tallies_agree(plan_2013.tasks.all(), day(as_of) if as_of else today())


def test_tallies_follow_every_change_to_a_task(task, staff, plan_2013):
    first, second = task.parts.order_by("unit__code")
    dates = [day("2013-03-20"), day("2013-04-15"), today()]
    assert_tallies_agree([task], *dates)
    report_progress(first, staff, PartState.DONE, reported_at=at(day("2013-04-10")))
    task.refresh_from_db()
    assert (task.parts_open, task.parts_done_late) == (1, 1)
    assert_tallies_agree([task], *dates)
    # Moving the due date turns the late part into an on-time one.
    set_task_due_date(task, day("2013-04-30"), staff)
    task.refresh_from_db()
    assert (task.parts_done_on_time, task.parts_done_late) == (1, 0)
    assert_tallies_agree([task], *dates)
    cancel_part(second, staff, "Đơn vị sáp nhập", reported_at=at(day("2013-04-12")))
    assert_tallies_agree([task], *dates)
    added = name_units_for_task(task, Unit.objects.filter(code="so-noi-vu"), by=staff)
    assert len(added) == 1
    task.refresh_from_db()
    assert (task.parts_open, task.parts_cancelled) == (1, 1)
    assert_tallies_agree([task], *dates)


def test_the_plan_page_shows_tallies_as_of_today_and_counts_parts_for_the_past(client, staff, task):
    first = task.parts.order_by("unit__code").first()
    report_progress(first, staff, PartState.DONE, reported_at=at(day("2013-03-10")))
    client.force_login(staff)
    today_page = client.get("/ke-hoach/2013/").context
    past_page = client.get("/ke-hoach/2013/?ngay=01/03/2013").context

    def rollup_of(context):
        tasks = [t for _q, _l, ts in context["quarters"] for t in ts]
        return next(t.rollup for t in tasks if t.pk == task.pk)

    assert (rollup_of(today_page).done, rollup_of(today_page).total) == (1, 2)
    assert (rollup_of(past_page).done, rollup_of(past_page).total) == (0, 2)


@pytest.mark.parametrize("as_of", ["2013-03-20", "2013-09-30", None])
@pytest.mark.parametrize("wanted", [[s] for s in Status] + [[Status.OVERDUE, Status.DUE_SOON]])
def test_filtering_by_status_keeps_exactly_the_parts_with_it(plan_2013, as_of, wanted):
    """The pre-filter on the copy must never drop a part that has the status asked for."""
    as_of = day(as_of) if as_of else today()
    parts = TaskPart.objects.filter(task__plan=plan_2013)
    expected = set(with_status(parts, as_of).filter(status__in=wanted).values_list("pk", flat=True))
    assert set(with_status_in(parts, as_of, wanted).values_list("pk", flat=True)) == expected


def test_the_admin_moving_a_due_date_recounts_the_task(admin_client, task, staff):
    first = task.parts.order_by("unit__code").first()
    report_progress(first, staff, PartState.DONE, reported_at=at(day("2013-04-10")))
    task.refresh_from_db()
    assert (task.parts_done_on_time, task.parts_done_late) == (0, 1)
    response = admin_client.post(
        f"/admin/plan/task/{task.pk}/change/",
        {
            "plan": task.plan_id,
            "number": task.number,
            "quarter": task.quarter,
            "content": task.content,
            "due_on": "2013-04-30",
            "responsible-TOTAL_FORMS": "0",
            "responsible-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_on == day("2013-04-30")
    assert (task.parts_done_on_time, task.parts_done_late) == (1, 0)

"""Reads the plan pages and exports need, with their related rows fetched up front."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum

from core.history import history_of
from core.visibility import EVERYTHING
from units.rules import visible_units_of

from .enums import (
    STATUS_ORDER,
    Collective,
    PartSource,
    PartState,
    Quarter,
    Status,
    SubmissionStatus,
)
from .models import (
    Plan,
    ProgressReport,
    Requirement,
    ResponsibleUnit,
    Submission,
    Task,
    TaskPart,
)
from .rules import part_visibility, report_visibility, submission_visibility
from .status import (
    end_of_day,
    quarter_counts,
    statuses_as_of,
    submission_counts,
    task_rollups,
    unit_standings,
    with_status,
    with_status_in,
    with_submission_status,
)


def responsible_prefetch():
    return Prefetch(
        "responsible",
        queryset=ResponsibleUnit.objects.select_related("unit").order_by("position"),
    )


def current_plan():
    """The latest year's published plan, or None before any plan is loaded. A draft for
    next year never becomes the current plan: it is the office's until published."""
    return Plan.objects.published().order_by("-year").first()


def tasks_of(plan):
    """The plan's tasks in order, each with its responsible units (three queries in all)."""
    return (
        Task.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(responsible_prefetch())
        .order_by("number")
    )


def tasks_by_quarter(plan):
    """[(quarter, label, [task, ...]), ...] for QUÝ I–IV, empty quarters left out."""
    groups = {quarter: [] for quarter in Quarter}
    for task in tasks_of(plan):
        groups[Quarter(task.quarter)].append(task)
    return [(quarter, quarter.label, tasks) for quarter, tasks in groups.items() if tasks]


def plan_by_quarter(plan, as_of):
    """tasks_by_quarter, each task with its `rollup` as of the date (the plan page)."""
    quarters = tasks_by_quarter(plan)
    rollups = task_rollups([task for _q, _l, tasks in quarters for task in tasks], as_of)
    for _quarter, _label, tasks in quarters:
        for task in tasks:
            task.rollup = rollups[task.pk]
    return quarters


def visible_parts(user):
    """The parts a user may see: every unit's for the office, leaders and council; an
    officer only their own unit's (rules.part_visibility)."""
    return part_visibility.filter(user, TaskPart.objects.all())


def visible_submissions(user):
    """The documents sent that a user may see: those of the units they may see."""
    return submission_visibility.filter(user, Submission.objects.all())


def visible_reports(user):
    """The progress reports (and evidence files) a user may see: those of their parts."""
    return report_visibility.filter(user, ProgressReport.objects.all())


def part_history(part):
    """Every report on a part, oldest first, with who made it and who confirmed it."""
    return part.reports.select_related("created_by", "confirmation__confirmed_by").order_by(
        "reported_at", "pk"
    )


def tasks_needing_units(plan):
    """Tasks given to "Các đơn vị liên quan" / "Các ngành liên quan" with no unit named yet."""
    return (
        Task.objects.filter(
            plan=plan,
            responsible__collective__in=[Collective.RELATED_UNITS, Collective.RELATED_SECTORS],
        )
        .exclude(parts__source=PartSource.PICKED)
        .distinct()
        .order_by("number")
    )


# --- What the schedule pages list ------------------------------------------------------------

PART_SORTS = {
    "nhiem-vu": ["task__number", "unit__sort_key"],
    "-nhiem-vu": ["-task__number", "unit__sort_key"],
    "don-vi": ["unit__sort_key", "task__number"],
    "-don-vi": ["-unit__sort_key", "task__number"],
    "han": ["task__due_date", "task__number", "unit__sort_key"],
    "-han": ["-task__due_date", "task__number", "unit__sort_key"],
    "trang-thai": ["status", "task__number", "unit__sort_key"],
    "-trang-thai": ["-status", "task__number", "unit__sort_key"],
}
DEFAULT_PART_SORT = "nhiem-vu"


def every_part_count(user, plan):
    """How many parts the plan has, from its tasks' stored tallies (34 rows, not thousands
    of parts), when `user` sees every unit's; None for an officer, whose list is counted."""
    if part_visibility.q(user) != EVERYTHING:
        return None
    every = F("parts_open") + F("parts_done_on_time") + F("parts_done_late")
    totals = Task.objects.filter(plan=plan).aggregate(n=Sum(every + F("parts_cancelled")))
    return totals["n"] or 0


def status_needs_sql(status, sort):
    """Whether a list of parts must have its status in its query: to filter or sort by it.
    Otherwise a page of it gets its status in Python (status.statuses_as_of)."""
    return bool(status) or sort.lstrip("-") == "trang-thai"


def filtered_parts(
    user,
    plan,
    as_of,
    *,
    status=None,
    quarter=None,
    unit=None,
    kind=None,
    school_year=None,
    sort="",
    status_in_sql=True,
):
    """The plan's parts the user may see with their status as of the date, filtered by
    status, quarter, unit, unit kind and their task's school year (each optional) and
    sorted by one of PART_SORTS. `status_in_sql=False` (neither filtered nor sorted by
    status) leaves the status out of the query, for the caller to give a page of parts
    theirs with status.statuses_as_of."""
    parts = visible_parts(user).filter(task__plan=plan)
    if status:
        parts = with_status_in(parts, as_of, [status])
    elif status_in_sql or status_needs_sql(status, sort):
        parts = with_status(parts, as_of)
    if quarter:
        parts = parts.filter(task__quarter=quarter)
    if unit:
        parts = parts.filter(unit=unit)
    if kind:
        parts = parts.filter(unit__kind=kind)
    if school_year is not None:
        parts = parts.filter(task__school_year_start=school_year)
    order = PART_SORTS.get(sort, PART_SORTS[DEFAULT_PART_SORT])
    return parts.select_related("unit", "task").order_by(*order)


def overdue_parts(plan, as_of):
    """Every overdue part of the plan as of the date, by unit then task (page it).

    A task none of whose parts was reported on after the date (its tally's
    parts_reported_until) has as overdue, when its due date has passed, exactly its parts
    whose copy of the latest report is still open: those are read through the index of
    open parts, task by task, with no status to work out. Only the parts of tasks reported
    on later go through with_status_in (their history)."""
    cutoff = end_of_day(as_of)
    overdue_tasks = plan.tasks.filter(due_date__lt=as_of).values_list("pk", "parts_reported_until")
    settled, reported_later = [], []
    for pk, reported_until in overdue_tasks:
        (reported_later if reported_until and reported_until >= cutoff else settled).append(pk)
    overdue = Q(task__in=settled) & ~Q(latest_state__in=[PartState.DONE, PartState.CANCELLED])
    if reported_later:
        later = TaskPart.objects.filter(task__in=reported_later)
        overdue |= Q(pk__in=with_status_in(later, as_of, [Status.OVERDUE]).values("pk"))
    parts = TaskPart.objects.filter(overdue)
    return parts.select_related("unit", "task").order_by("unit__sort_key", "task__number", "pk")


def dashboard_quarters(plan, as_of):
    """Per quarter: its parts' total and a bar segment (status, count, percent) per status,
    and the number overdue in all, from the tasks' tallies."""
    counts = quarter_counts(plan, as_of)
    quarters = []
    for quarter in Quarter.values:
        total = sum(counts[quarter].values())
        segments = [
            (status, counts[quarter][status], round(100 * counts[quarter][status] / total, 1))
            for status in STATUS_ORDER
            if total and counts[quarter][status]
        ]
        quarters.append({"quarter": quarter, "total": total, "segments": segments})
    overdue = sum(counts[quarter][Status.OVERDUE] for quarter in Quarter.values)
    return quarters, overdue


def tasks_for_page():
    """Tasks with their responsible units and whether staff named units for them (the
    page's warnings: Task.collectives_needing_units), asked with EXISTS rather than by
    reading every part of a task given to thousands of units."""
    picked = TaskPart.objects.filter(task=OuterRef("pk"), source=PartSource.PICKED)
    return (
        Task.objects.select_related("plan")
        .prefetch_related(responsible_prefetch())
        .annotate(has_picked_parts=Exists(picked))
    )


def task_parts(user, task, as_of):
    """The task's parts the user may see with their status as of the date, by unit name."""
    parts = with_status(visible_parts(user).filter(task=task), as_of).select_related("unit")
    return parts.order_by("unit__sort_key", "pk")


def unit_parts(unit, plan, as_of):
    """A unit's parts of the plan with their status as of the date, by task number (a list:
    the status comes from each part's copy of its latest report, statuses_as_of)."""
    parts = TaskPart.objects.filter(task__plan=plan, unit=unit)
    return statuses_as_of(parts.select_related("task", "unit").order_by("task__number"), as_of)


def unit_requirements(unit, plan, as_of):
    """What the unit must send for the plan, with its standing on each as of the date (a
    list, unit_standings)."""
    requirements = Requirement.objects.filter(plan=plan, units=unit).select_related("task")
    return unit_standings(requirements.order_by("due_on"), unit, as_of)


def requirement_units(user, requirement, as_of, status=None):
    """The units owing a requirement that the user may see, with their standing as of the
    date, by name; only those with `status` when given."""
    units = requirement.units.filter(visible_units_of(user))
    units = with_submission_status(units, requirement, as_of).order_by("sort_key")
    if status in SubmissionStatus.values:
        units = units.filter(submission_status=status)
    return units


def attach_last_submissions(units):
    """Give each unit of a page its `last_submission` (one query for the page)."""
    latest = Submission.objects.in_bulk(
        [u.last_submission_id for u in units if u.last_submission_id]
    )
    for unit in units:
        unit.last_submission = latest.get(unit.last_submission_id)
    return units


def submission_status_counts(requirement, as_of):
    """[(status, count)] of the units owing a requirement, every status in order."""
    counts = submission_counts(requirement, as_of)
    return [(status, counts[status]) for status in SubmissionStatus]


def attach_late_reports(parts, as_of):
    """Give each part of a page its `late_report`: the report its state as of the date comes
    from, when that report was made long after the work was done (with its confirmation, if
    the office gave one), else None.

    Most pages hold no report made late at all: one plain query says so. Only when some
    exist does a second one keep those that decide their part's state as of the date (its
    latest report before the day's end)."""
    parts = list(parts)
    cutoff = end_of_day(as_of)
    late = ProgressReport.objects.filter(
        part__in=[part.pk for part in parts], reported_late=True, reported_at__lt=cutoff
    )
    candidates = list(late.values_list("pk", flat=True))
    by_part = {}
    if candidates:
        deciding = ProgressReport.objects.filter(
            part=OuterRef("part"), reported_at__lt=cutoff
        ).order_by("-reported_at", "-pk")
        decided = ProgressReport.objects.filter(pk__in=candidates).filter(
            pk=Subquery(deciding.values("pk")[:1])
        )
        by_part = {report.part_id: report for report in decided.select_related("confirmation")}
    for part in parts:
        part.late_report = by_part.get(part.pk)
    return parts


def task_change_history(task, limit=30):
    """The task's audit trail (core.history.history_of) with, in their place by date, the
    units staff named for it: each naming is one entry, "Giao thêm cho: A, B" (the parts it
    created share one moment and one user)."""
    entries = history_of(task, limit=limit)
    named = (
        TaskPart.history.filter(task_id=task.pk, source=PartSource.PICKED, history_type="+")
        .select_related("history_user", "unit")
        .order_by("-history_date", "unit__sort_key")
    )
    groups = {}
    for row in named:
        key = (row.history_date, row.history_user_id)
        entry = groups.get(key)
        if entry is None:
            if len(groups) == limit:
                break
            entry = groups[key] = {
                "at": row.history_date,
                "user": row.history_user,
                "kind": "named",
                "reason": "",
                "changes": [],
                "units": [],
            }
        entry["units"].append(row.unit.name if row.unit else "—")
    merged = sorted([*entries, *groups.values()], key=lambda entry: entry["at"], reverse=True)
    return merged[:limit]


def awaiting_review(plan):
    """The office's queue: documents units sent for the plan's requirements that nobody has
    reviewed yet and that no later document of the same unit for the same requirement has
    replaced (Submission.awaiting_review, a stored copy of that rule); oldest first, so
    what waited longest is seen first."""
    return (
        Submission.objects.filter(requirement__plan=plan, awaiting_review=True)
        .select_related("requirement", "unit", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def awaiting_review_counts(plan):
    """[(requirement pk, title, count)] of the queue, by requirement: one query."""
    rows = (
        awaiting_review(plan)
        .order_by()
        .values("requirement_id", "requirement__title", "requirement__due_on")
        .annotate(count=Count("pk"))
        .order_by("requirement__due_on", "requirement_id")
    )
    return [(row["requirement_id"], row["requirement__title"], row["count"]) for row in rows]


def units_most_late(plan, as_of, limit=10):
    """[(unit name, unit code, overdue parts)] of the units with most parts overdue as of the
    date, most first (the overview's list): overdue_parts counted by unit, in one query."""
    rows = (
        overdue_parts(plan, as_of)
        .order_by()
        .values("unit__name", "unit__code")
        .annotate(count=Count("pk"))
        .order_by("-count", "unit__name")[:limit]
    )
    return [(row["unit__name"], row["unit__code"], row["count"]) for row in rows]

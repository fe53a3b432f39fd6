"""Status against the schedule, as of any date, computed in SQL from the dated history.

A part's state as of day D is its latest progress report dated on or before D (local
calendar days, Asia/Ho_Chi_Minh); the part keeps a copy of its latest report, used
whenever no report came after D. Against the task's due date it is then:
cancelled; done on time (done on or before the due date); done late; overdue (past due
and not done); due soon (due within settings.DUE_SOON_DAYS); or not yet due.
"""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.utils import timezone

from .enums import DONE_STATUSES, PartState, ReviewDecision, Status, SubmissionStatus
from .models import (
    TALLY_FIELDS,
    ProgressReport,
    Requirement,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)


def end_of_day(day):
    """The first instant after local day `day`: everything dated that day is before it."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def today():
    return timezone.localdate()


def _finished(state, done_on, due_date):
    """Cancelled, done on time or done late, from a report's state and done date; NULL for
    a part still open (its status then comes from the due date alone). finished_status says
    the same in Python."""
    return Case(
        When(**{state: PartState.CANCELLED}, then=Value(Status.CANCELLED)),
        When(
            **{state: PartState.DONE, f"{done_on}__lte": due_date},
            then=Value(Status.DONE_ON_TIME),
        ),
        When(**{state: PartState.DONE}, then=Value(Status.DONE_LATE)),
        default=Value(None),
        output_field=CharField(),
    )


def _open_status(as_of):
    due_soon_until = as_of + datetime.timedelta(days=settings.DUE_SOON_DAYS)
    return Case(
        When(task__due_date__lt=as_of, then=Value(Status.OVERDUE)),
        When(task__due_date__lte=due_soon_until, then=Value(Status.DUE_SOON)),
        default=Value(Status.NOT_DUE),
        output_field=CharField(),
    )


def with_status(parts, as_of):
    """Annotate parts with `state_as_of`, `done_on_as_of` and `status` as of the date.

    A part whose latest report (copied onto it) is dated before the end of that day is
    read from the copy, and a part whose first report came after it had none then (it is
    open); only a part reported on both before and after the date looks into its history,
    so the status as of today costs one pass over the parts and no subquery, and as of a
    past date one lookup per part reported on across it. The status looks
    into the history once per part (its latest report's finished status, or none), not
    once for each state it compares: counting a plan's parts as of a past date reads each
    part's history once.
    """
    cutoff = end_of_day(as_of)
    latest = ProgressReport.objects.filter(part=OuterRef("pk"), reported_at__lt=cutoff).order_by(
        "-reported_at", "-pk"
    )
    copy_holds = Q(latest_reported_at__isnull=True) | Q(latest_reported_at__lt=cutoff)
    nothing_then = Q(first_reported_at__gte=cutoff)
    finished_then = latest.annotate(
        finished=_finished("state", "done_on", OuterRef("task__due_date"))
    )
    return parts.annotate(
        state_as_of=Case(
            When(copy_holds, then=NullIf(F("latest_state"), Value(""))),
            When(nothing_then, then=Value(None)),
            default=Subquery(latest.values("state")[:1]),
            output_field=CharField(),
        ),
        done_on_as_of=Case(
            When(copy_holds, then=F("latest_done_on")),
            When(nothing_then, then=Value(None)),
            default=Subquery(latest.values("done_on")[:1]),
            output_field=DateField(),
        ),
        status=Coalesce(
            Case(
                When(
                    copy_holds,
                    then=_finished("latest_state", "latest_done_on", F("task__due_date")),
                ),
                When(nothing_then, then=Value(None)),
                default=Subquery(finished_then.values("finished")[:1]),
                output_field=CharField(),
            ),
            _open_status(as_of),
        ),
    )


def _open_statuses_filter(as_of, statuses):
    """The parts whose task's due date allows one of the open `statuses` as of the date."""
    due_soon_until = as_of + datetime.timedelta(days=settings.DUE_SOON_DAYS)
    allowed = {
        Status.OVERDUE: Q(task__due_date__lt=as_of),
        Status.DUE_SOON: Q(task__due_date__gte=as_of, task__due_date__lte=due_soon_until),
        Status.NOT_DUE: Q(task__due_date__gt=due_soon_until),
    }
    found = Q()
    for status in statuses:
        found |= allowed[status]
    return found


def with_status_in(parts, as_of, statuses):
    """with_status, keeping the parts with one of `statuses` as of the date.

    Asked only for parts not done (overdue, due soon, not due), parts whose latest report
    is done or cancelled and dated before the day's end are left out on plain columns
    first, and so are those whose task's due date rules the statuses out, so the status is
    computed for the open few, not for every part of the plan.
    """
    statuses = {Status(status) for status in statuses}
    if not statuses & {*DONE_STATUSES, Status.CANCELLED}:
        finished = [PartState.DONE, PartState.CANCELLED]
        parts = parts.filter(
            ~Q(latest_state__in=finished) | Q(latest_reported_at__gte=end_of_day(as_of))
        ).filter(_open_statuses_filter(as_of, statuses))
    return with_status(parts, as_of).filter(status__in=statuses)


def part_status(part, as_of=None):
    """The status of one part as of a date (today by default)."""
    as_of = as_of or today()
    return Status(with_status(TaskPart.objects.filter(pk=part.pk), as_of).get().status)


class Rollup:
    """A task's parts counted by status, and the task's own status rolled up from them."""

    def __init__(self, counts=None):
        self.counts = Counter({Status(k): v for k, v in (counts or {}).items() if v})

    @property
    def total(self):
        """Parts that still count: cancelled ones are left out of "n of m"."""
        return sum(n for status, n in self.counts.items() if status != Status.CANCELLED)

    @property
    def done(self):
        return sum(self.counts[status] for status in DONE_STATUSES)

    @property
    def status(self):
        """Cancelled if every part is; done (late if any part was) when all are done;
        otherwise the most urgent status among the parts not yet done. None without parts."""
        if not self.counts:
            return None
        if self.total == 0:
            return Status.CANCELLED
        if self.done == self.total:
            return Status.DONE_LATE if self.counts[Status.DONE_LATE] else Status.DONE_ON_TIME
        for status in (Status.OVERDUE, Status.DUE_SOON):
            if self.counts[status]:
                return status
        return Status.NOT_DUE


def statuses_as_of(parts, as_of):
    """Give each part (loaded with its task) its `status` as of the date, as with_status
    would, and return them as a list.

    A part whose copy of its latest report is dated before the day's end (nearly always,
    for today's pages) gets its status from that copy in Python: the same rule as the SQL
    (finished_status, then open_part_status), without building and compiling with_status's
    query for a few dozen rows. A part first reported on after the date was open then; parts
    reported on both before and after it are asked in one query. The parts must have been
    read in this request: the copy is what they were loaded with.
    """
    parts = list(parts)
    cutoff = end_of_day(as_of)
    later = [
        p.pk
        for p in parts
        if p.latest_reported_at and p.latest_reported_at >= cutoff > p.first_reported_at
    ]
    from_history = {}
    if later:
        asked = with_status(TaskPart.objects.filter(pk__in=later), as_of)
        from_history = dict(asked.values_list("pk", "status"))
    for part in parts:
        if part.pk in from_history:
            part.status = from_history[part.pk]
        elif part.first_reported_at and part.first_reported_at >= cutoff:
            part.status = open_part_status(part.task.due_date, as_of)
        else:
            due_date = part.task.due_date
            part.status = finished_status(
                part.latest_state, part.latest_done_on, due_date
            ) or open_part_status(due_date, as_of)
    return parts


def finished_status(state, done_on, due_date):
    """Cancelled, done on time or done late, from a report's state and done date; None for
    a part still open: _finished's rule, for a part already in hand."""
    if state == PartState.CANCELLED:
        return Status.CANCELLED
    if state == PartState.DONE:
        on_time = done_on is not None and done_on <= due_date
        return Status.DONE_ON_TIME if on_time else Status.DONE_LATE
    return None


def open_part_status(due_date, as_of):
    """The status of a part not done nor cancelled, as of the date (as with_status says)."""
    if due_date < as_of:
        return Status.OVERDUE
    if due_date <= as_of + datetime.timedelta(days=settings.DUE_SOON_DAYS):
        return Status.DUE_SOON
    return Status.NOT_DUE


def _tallied_rollup(task, as_of):
    """A task's roll-up from its stored tallies: right for any date after its latest report
    (_rollups corrects it for the parts reported on after the date)."""
    return Rollup(
        {
            open_part_status(task["due_date"], as_of): task["parts_open"],
            Status.DONE_ON_TIME: task["parts_done_on_time"],
            Status.DONE_LATE: task["parts_done_late"],
            Status.CANCELLED: task["parts_cancelled"],
        }
    )


def task_rollups(tasks, as_of, part_filter=None):
    """{task_id: Rollup} for the tasks, however many parts they have.

    The tasks' tallies are read in one query (fresh, whatever the Task objects passed hold).
    A task whose parts were all last reported on before the end of the day is rolled up from
    its tallies alone; for the rest, one more query reads the parts reported on after the
    day, which move from their latest status to the one they had then. A filter on the
    parts (a Q: an officer's own unit, plan.rules.part_visibility) always counts from the parts.
    """
    return _rollups([task.pk for task in tasks], as_of, part_filter or Q())


def _rollups(task_ids, as_of, part_filter):
    rollups = defaultdict(Rollup)
    if part_filter:
        parts = TaskPart.objects.filter(part_filter, task__in=task_ids)
        rows = with_status(parts, as_of).values("task_id", "status").annotate(n=Count("pk"))
        counts = defaultdict(dict)
        for row in rows.order_by():
            counts[row["task_id"]][row["status"]] = row["n"]
        for task_id, task_counts in counts.items():
            rollups[task_id] = Rollup(task_counts)
        return rollups
    cutoff = end_of_day(as_of)
    tallies = Task.objects.filter(pk__in=task_ids).values(
        "pk", "due_date", "parts_reported_until", *TALLY_FIELDS
    )
    due_dates = {}
    for task in tallies:
        rollups[task["pk"]] = _tallied_rollup(task, as_of)
        until = task["parts_reported_until"]
        if until is not None and until >= cutoff:
            due_dates[task["pk"]] = task["due_date"]
    if due_dates:
        # The tallies count each part by its latest report. A part reported on after the
        # date moves from that count to its status as of the date: only those parts are
        # read, grouped by the two statuses, however many parts their tasks have.
        later = TaskPart.objects.filter(task__in=due_dates, latest_reported_at__gte=cutoff)
        rows = (
            with_status(later, as_of)
            .annotate(now=_finished("latest_state", "latest_done_on", F("task__due_date")))
            .values("task_id", "now", "status")
            .annotate(n=Count("pk"))
        )
        for row in rows.order_by():
            task_id = row["task_id"]
            now = row["now"] or open_part_status(due_dates[task_id], as_of)
            counts = rollups[task_id].counts
            counts[Status(now)] -= row["n"]
            counts[Status(row["status"])] += row["n"]
        for task_id in due_dates:
            rollups[task_id] = Rollup(rollups[task_id].counts)
    return rollups


def quarter_counts(plan, as_of, part_filter=None):
    """{quarter: Counter(status -> parts)} for the plan's parts: its tasks' roll-ups added up."""
    quarters = dict(plan.tasks.values_list("pk", "quarter"))
    rollups = _rollups(list(quarters), as_of, part_filter or Q())
    counts = defaultdict(Counter)
    for task_id, quarter in quarters.items():
        counts[quarter].update(rollups[task_id].counts)
    return counts


def latest_review(submission, cutoff):
    """The office's latest answer (before the cutoff) to `submission`, newest first."""
    return SubmissionReview.objects.filter(submission=submission, reviewed_at__lt=cutoff).order_by(
        "-reviewed_at", "-pk"
    )


def accepted_copies(sent, cutoff):
    """Of the documents `sent`, those whose latest answer before the cutoff is an
    acceptance, newest first: the first is the unit's standing copy."""
    decision = Subquery(latest_review(OuterRef("pk"), cutoff).values("decision")[:1])
    return (
        sent.annotate(answer=decision)
        .filter(answer=ReviewDecision.ACCEPTED)
        .order_by("-submitted_at", "-pk")
    )


def _standing_case(due_on):
    """The standing from the annotations of _with_standing / submission_counts (standing
    says the same in Python).

    An accepted copy stays the standing until the office accepts a newer one (issue 13,
    point 4): a later copy pending or returned does not undo it. Without one, the latest
    copy decides: returned -> returned, not yet re-sent; else on time or late by its day.
    """
    return Case(
        When(last_submission_id__isnull=True, then=Value(SubmissionStatus.MISSING)),
        When(accepted_submitted_on__lte=due_on, then=Value(SubmissionStatus.ON_TIME)),
        When(accepted_submitted_on__isnull=False, then=Value(SubmissionStatus.LATE)),
        When(last_decision="returned", then=Value(SubmissionStatus.RETURNED)),
        When(last_submitted_on__lte=due_on, then=Value(SubmissionStatus.ON_TIME)),
        default=Value(SubmissionStatus.LATE),
        output_field=CharField(),
    )


def _with_standing(queryset, *, requirement, unit, due_on, as_of):
    """Annotate rows with a unit's standing on a requirement as of the date.

    Documents sent and answers given on or before the date count: none sent -> not sent;
    else the standing of _standing_case. `accepted_submission_id` is the copy the office
    accepted (if any); when a newer copy came after it, `last_decision` says whether that
    one waits (None) or was returned.
    """
    cutoff = end_of_day(as_of)
    sent = Submission.objects.filter(requirement=requirement, unit=unit, submitted_at__lt=cutoff)
    latest = sent.order_by("-submitted_at", "-pk")
    accepted = accepted_copies(sent, cutoff)
    review = latest_review(OuterRef("last_submission_id"), cutoff)
    return (
        queryset.annotate(
            last_submission_id=Subquery(latest.values("pk")[:1]),
            last_submitted_at=Subquery(latest.values("submitted_at")[:1]),
            last_submitted_on=Subquery(
                latest.annotate(day=TruncDate("submitted_at")).values("day")[:1]
            ),
            accepted_submission_id=Subquery(accepted.values("pk")[:1]),
            accepted_submitted_at=Subquery(accepted.values("submitted_at")[:1]),
            accepted_submitted_on=Subquery(
                accepted.annotate(day=TruncDate("submitted_at")).values("day")[:1]
            ),
        )
        .annotate(
            last_decision=Subquery(review.values("decision")[:1]),
            last_review_reason=Subquery(review.values("reason")[:1]),
            last_reviewed_at=Subquery(review.values("reviewed_at")[:1]),
        )
        .annotate(submission_status=_standing_case(due_on))
    )


def unit_standings(requirements, unit, as_of):
    """A unit's standing on each of the few requirements of its page, with the attributes
    of _with_standing (as the requirement's page has them, with_submission_status): read in
    one plain query (the unit's documents for them, with their answers) and worked out in
    Python by the same rule (standing), instead of building and compiling a query of two
    dozen subqueries for a handful of rows. Returns a list."""
    requirements = list(requirements)
    cutoff = end_of_day(as_of)
    # The unit's documents for them, newest first, each with every answer given before the
    # cutoff (one row per answer; a document without one comes once, with none).
    rows = (
        Submission.objects.filter(
            requirement__in=[r.pk for r in requirements], unit=unit, submitted_at__lt=cutoff
        )
        .annotate(answer=FilteredRelation("reviews", condition=Q(reviews__reviewed_at__lt=cutoff)))
        .order_by("-submitted_at", "-pk", "-answer__reviewed_at", "-answer__pk")
        .values(
            "pk",
            "requirement_id",
            "submitted_at",
            "answer__decision",
            "answer__reason",
            "answer__reviewed_at",
        )
    )
    sent, answers = {}, {}  # submission pk -> the document / its latest answer
    for row in rows:
        sent.setdefault(row["pk"], row)
        if row["answer__decision"] is not None:
            answers.setdefault(
                row["pk"],
                {
                    "decision": row["answer__decision"],
                    "reason": row["answer__reason"],
                    "reviewed_at": row["answer__reviewed_at"],
                },
            )
    latest, accepted = {}, {}  # requirement pk -> its newest document / newest accepted one
    for document in sent.values():
        latest.setdefault(document["requirement_id"], document)
        answer = answers.get(document["pk"])
        if answer and answer["decision"] == ReviewDecision.ACCEPTED:
            accepted.setdefault(document["requirement_id"], document)
    for requirement in requirements:
        last = latest.get(requirement.pk) or {}
        copy = accepted.get(requirement.pk) or {}
        answer = answers.get(last.get("pk")) or {}
        requirement.last_submission_id = last.get("pk")
        requirement.last_submitted_at = last.get("submitted_at")
        requirement.last_submitted_on = _local_day(last.get("submitted_at"))
        requirement.accepted_submission_id = copy.get("pk")
        requirement.accepted_submitted_at = copy.get("submitted_at")
        requirement.accepted_submitted_on = _local_day(copy.get("submitted_at"))
        requirement.last_decision = answer.get("decision")
        requirement.last_review_reason = answer.get("reason")
        requirement.last_reviewed_at = answer.get("reviewed_at")
        requirement.submission_status = standing(
            requirement.last_submission_id,
            requirement.accepted_submitted_on,
            requirement.last_decision,
            requirement.last_submitted_on,
            requirement.due_on,
        )
    return requirements


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


def standing(last_submission_id, accepted_submitted_on, last_decision, last_submitted_on, due_on):
    """_standing_case's rule, for a row in hand."""
    if last_submission_id is None:
        return SubmissionStatus.MISSING
    if accepted_submitted_on is not None:
        return (
            SubmissionStatus.ON_TIME if accepted_submitted_on <= due_on else SubmissionStatus.LATE
        )
    if last_decision == ReviewDecision.RETURNED:
        return SubmissionStatus.RETURNED
    if last_submitted_on <= due_on:
        return SubmissionStatus.ON_TIME
    return SubmissionStatus.LATE


def with_submission_status(units, requirement, as_of):
    """Annotate the units owing a requirement with their standing on it as of the date."""
    return _with_standing(
        units,
        requirement=requirement,
        unit=OuterRef("pk"),
        due_on=requirement.due_on,
        as_of=as_of,
    )


OWING = "owing"


def submission_counts(requirement, as_of):
    """Counter(SubmissionStatus -> units) for a requirement as of the date, in two queries.

    The standing of _with_standing, counted from the documents' side: each unit's latest
    sending before the date is the one no later sending of that unit beats (one pass over
    what was sent, rather than three lookups for each of the thousands of units owing it);
    the units owing it that sent nothing are the rest (their number comes in the same
    query, as one more row).
    """
    cutoff = end_of_day(as_of)
    sent = Submission.objects.filter(requirement=requirement, submitted_at__lt=cutoff)
    later = sent.filter(unit=OuterRef("unit")).filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
    )
    review = latest_review(OuterRef("pk"), cutoff)
    accepted = accepted_copies(sent.filter(unit=OuterRef("unit")), cutoff)
    latest = (
        sent.filter(unit__in=requirement.units.values("pk"))
        .exclude(Exists(later))
        .annotate(
            last_submission_id=F("pk"),
            last_decision=Subquery(review.values("decision")[:1]),
            last_submitted_on=TruncDate("submitted_at"),
            accepted_submitted_on=Subquery(
                accepted.annotate(day=TruncDate("submitted_at")).values("day")[:1]
            ),
        )
        .annotate(submission_status=_standing_case(requirement.due_on))
    )
    owing = (
        Requirement.units.through.objects.filter(requirement=requirement)
        .annotate(submission_status=Value(OWING))
        .values("submission_status")
        .annotate(n=Count("pk"))
    )
    rows = latest.values("submission_status").annotate(n=Count("pk")).order_by()
    found = {r["submission_status"]: r["n"] for r in rows.union(owing.order_by(), all=True)}
    counts = Counter({SubmissionStatus(s): n for s, n in found.items() if s != OWING})
    counts[SubmissionStatus.MISSING] = found.get(OWING, 0) - counts.total()
    return +counts

"""Generated data at the size of a ministry or the whole country, for `manage.py seed_scale`,
the benchmark (bench/) and the query-count guard (tests/scale/).

Everything is written with bulk_create in batches (no per-row save(), no signals), from one
random seed, so the same arguments give the same data. What save() would have computed
(Task.due_date, Dossier.nominee_key, AwardRecord.name_key) is computed here instead.
The 2013 plan (`manage.py load_plan`) is the model: each generated year copies its 34 tasks
and their responsible units, shifted to that year.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from demo.plan import done_day
from demo.scale_base import (
    BATCH,
    at,
    bulk,
    create_clusters,
    create_units,
    dates_as_given,
    same_day_in,
    scale_units,
    shared_pdf,
)
from demo.scale_emulation import seed_groupings
from plan.enums import Collective, PartSource, PartState, RequirementKind, ReviewDecision
from plan.models import (
    Plan,
    Requirement,
    ResponsibleUnit,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)
from plan.services import add_parts, add_reports, build_progress_report
from units.enums import Role
from units.models import Cluster, Unit, User

MODEL_YEAR = 2013


def copy_plan(model, year):
    """The model plan, its tasks and responsible units, copied to `year` (dates shifted)."""
    shift = year - model.year
    plan = Plan.objects.create(
        year=year,
        number=model.number,
        title=model.title.replace(str(model.year), str(year)),
        issued_on=same_day_in(model.issued_on, model.issued_on.year + shift),
        place=model.place,
        issuer=model.issuer,
        signer_name=model.signer_name,
        signer_title=model.signer_title,
        legal_bases=model.legal_bases,
        preamble=model.preamble,
        unit_plans_due_on=same_day_in(
            model.unit_plans_due_on, model.unit_plans_due_on.year + shift
        ),
        solutions_text=model.solutions_text,
        organisation_text=model.organisation_text,
    )
    tasks = []
    for task in model.tasks.order_by("number"):
        due_on = same_day_in(task.due_on, task.due_on.year + shift) if task.due_on else None
        copy = Task(
            plan=plan, number=task.number, quarter=task.quarter, content=task.content, due_on=due_on
        )
        copy.fill_due_date()
        tasks.append(copy)
    bulk(Task, tasks)
    by_number = dict(plan.tasks.values_list("number", "pk"))
    rows = ResponsibleUnit.objects.filter(task__plan=model).values(
        "task__number", "position", "unit_id", "collective", "written_as"
    )
    bulk(
        ResponsibleUnit,
        (
            ResponsibleUnit(
                task_id=by_number[row.pop("task__number")],
                **row,
            )
            for row in rows
        ),
    )
    return plan


def create_parts(plan, participating, generated, rng):
    """Each task's parts: its named units, every participating unit for "Các đơn vị", and a
    few units staff picked for "Các đơn vị liên quan" / "Các ngành liên quan"."""
    wanted = {}
    for row in ResponsibleUnit.objects.filter(task__plan=plan).values(
        "task_id", "unit_id", "collective"
    ):
        parts = wanted.setdefault(row["task_id"], {})
        if row["unit_id"]:
            parts.setdefault(row["unit_id"], PartSource.NAMED)
        elif row["collective"] == Collective.ALL_UNITS:
            for unit_id in participating:
                parts.setdefault(unit_id, PartSource.ALL_UNITS)
        else:
            for unit_id in rng.sample(generated, min(len(generated), 2 + len(generated) // 40)):
                parts.setdefault(unit_id, PartSource.PICKED)
    created = datetime.datetime.combine(plan.issued_on, datetime.time(9))
    with dates_as_given(TaskPart._meta.get_field("created_at")):
        return add_parts(
            (
                TaskPart(
                    task_id=task_id,
                    unit_id=unit_id,
                    source=source,
                    created_at=timezone.make_aware(created),
                )
                for task_id, parts in sorted(wanted.items())
                for unit_id, source in sorted(parts.items())
            ),
            history=False,
            batch_size=BATCH,
        )


def progress_reports(plan, reporters, staff_id, rng):
    """Reports through the year, as the demo year has them: most parts done on time, some
    late, some still open, a few cancelled."""
    year_end = datetime.date(plan.year, 12, 31)
    parts = (
        TaskPart.objects.filter(task__plan=plan)
        .order_by("pk")
        .values_list("pk", "unit_id", "task__due_date")
    )
    for part_id, unit_id, due in parts.iterator(chunk_size=BATCH):
        by = reporters.get(unit_id, staff_id)
        started = due - datetime.timedelta(days=60 - rng.randint(0, 30))
        yield build_progress_report(
            part_id,
            PartState.IN_PROGRESS,
            by_id=by,
            reported_at=at(started, rng),
            note="Đang triển khai.",
        )
        luck = rng.random()
        if luck < 0.005:
            yield build_progress_report(
                part_id,
                PartState.CANCELLED,
                by_id=staff_id,
                reported_at=at(started + datetime.timedelta(days=5), rng),
                note="Đơn vị không còn tham gia nhiệm vụ này.",
            )
            continue
        done = done_day(due, luck, rng)
        if done is None:
            continue
        done = min(max(done, started), year_end)
        yield build_progress_report(
            part_id,
            PartState.DONE,
            by_id=by,
            reported_at=at(done, rng),
            done_on=done,
            note="Đã hoàn thành.",
        )


R = RequirementKind
REQUIREMENTS = [
    (R.UNIT_PLAN, "Kế hoạch công tác thi đua, khen thưởng năm {y} của đơn vị", None, 3),
    (R.CLUSTER_PLAN, "Kế hoạch thi đua năm {y} của cụm, khối thi đua", None, 3),
    (R.SIX_MONTH_REVIEW, "Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm {y}", (6, 20), 20),
    (R.YEAR_END_REVIEW, "Báo cáo tổng kết công tác TĐKT năm {y}", (11, 30), 32),
]  # fmt: skip


def create_requirements(plan, participating, leaders):
    """The year's four requirements and the units owing each."""
    tasks = dict(plan.tasks.values_list("number", "pk"))
    through = Requirement.units.through
    made = []
    for kind, title, due, task_number in REQUIREMENTS:
        due_on = datetime.date(plan.year, *due) if due else plan.unit_plans_due_on
        requirement = Requirement.objects.create(
            plan=plan,
            kind=kind,
            title=title.format(y=plan.year),
            due_on=due_on,
            task_id=tasks.get(task_number),
        )
        owing = leaders if kind == RequirementKind.CLUSTER_PLAN else participating
        bulk(through, (through(requirement_id=requirement.pk, unit_id=u) for u in owing))
        made.append((requirement, owing))
    return made


# In the year the pages show, one unit in this many has its last document still waiting
# for the office: the review queue then shows a page of rows at every size, as at demo size.
WAITING_EVERY = 4


def submissions(requirements, reporters, staff_id, rng, pdf, *, waiting=False):
    """Most units send before the deadline, some after, a few never; one in ten is sent
    back, and half of those are sent again. With `waiting` (the latest year), one unit in
    WAITING_EVERY has its last document not yet reviewed. Yields (submission, [reviews])
    pairs."""
    for requirement, owing in requirements:
        for unit_id in owing:
            luck = rng.random()
            if luck < 0.12:
                continue
            late = luck > 0.72
            day = requirement.due_on + datetime.timedelta(
                days=rng.randint(1, 20) if late else -rng.randint(0, 20)
            )
            by = reporters.get(unit_id, staff_id)
            first = Submission(
                requirement_id=requirement.pk,
                unit_id=unit_id,
                file=pdf,
                original_name=f"{requirement.get_kind_display()}.pdf",
                submitted_by_id=by,
                submitted_at=at(day, rng),
            )
            if rng.random() < 0.1:
                back = day + datetime.timedelta(days=2)
                returned = SubmissionReview(
                    decision=ReviewDecision.RETURNED,
                    reason="Thiếu chữ ký, đóng dấu của thủ trưởng đơn vị; đề nghị gửi lại.",
                    reviewed_by_id=staff_id,
                    reviewed_at=at(back, rng),
                )
                yield first, [returned]
                if rng.random() < 0.5:
                    continue
                first = Submission(
                    requirement_id=requirement.pk,
                    unit_id=unit_id,
                    file=pdf,
                    original_name=first.original_name,
                    note="Gửi lại bản có chữ ký, đóng dấu.",
                    submitted_by_id=by,
                    submitted_at=at(back + datetime.timedelta(days=3), rng),
                )
            if waiting and unit_id % WAITING_EVERY == 0:
                # Chosen by the unit, not by the generator, so every other row stays the same.
                # bulk_create skips Submission.save(): the stored copy is set here.
                first.awaiting_review = True
                yield first, []
                continue
            accepted = SubmissionReview(
                decision=ReviewDecision.ACCEPTED,
                reviewed_by_id=staff_id,
                reviewed_at=first.submitted_at + datetime.timedelta(days=1),
            )
            yield first, [accepted]


def save_submissions(pairs):
    """bulk_create submissions, then their reviews (the pks come back from the insert on
    PostgreSQL and SQLite alike)."""
    count, chunk = 0, []

    def flush():
        Submission.objects.bulk_create([s for s, _ in chunk])
        reviews = []
        for submission, its_reviews in chunk:
            for review in its_reviews:
                review.submission_id = submission.pk
                reviews.append(review)
        SubmissionReview.objects.bulk_create(reviews)

    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= BATCH:
            flush()
            count += len(chunk)
            chunk = []
    if chunk:
        flush()
        count += len(chunk)
    return count


def seed_year(year, model, rng, stats, *, latest=False):
    """One generated year: clusters, the plan, parts, progress, requirements, sending, and
    the groupings' pacts and scores."""
    generated = list(scale_units().order_by("code").values_list("pk", flat=True))
    participating = list(
        Unit.objects.filter(is_participating=True).order_by("pk").values_list("pk", flat=True)
    )
    reporters = dict(
        User.objects.filter(groups__name=Role.UNIT_OFFICER, unit__isnull=False)
        .order_by("pk")
        .values_list("unit_id", "pk")
    )
    staff_id = User.objects.filter(groups__name=Role.OFFICE_STAFF).order_by("pk").first().pk
    stats["clusters"] += create_clusters(year, generated, rng)
    plan = copy_plan(model, year)
    stats["plans"] += 1
    stats["tasks"] += plan.tasks.count()
    stats["parts"] += create_parts(plan, participating, generated, rng)
    stats["progress reports"] += add_reports(
        progress_reports(plan, reporters, staff_id, rng),
        parts=TaskPart.objects.filter(task__plan=plan),
        batch_size=BATCH,
    )
    leaders = list(Cluster.objects.filter(year=year).values_list("leader_id", flat=True))
    requirements = create_requirements(plan, participating, leaders)
    stats["requirements"] += len(requirements)
    stats["submissions"] += save_submissions(
        submissions(requirements, reporters, staff_id, rng, shared_pdf(), waiting=latest)
    )
    stats.update(seed_groupings(year, reporters, staff_id, rng))


def years_to_seed(count):
    """The `count` years after the model year that have no plan yet."""
    existing = set(Plan.objects.values_list("year", flat=True))
    return [y for y in range(MODEL_YEAR + 1, MODEL_YEAR + 1 + count) if y not in existing]


@transaction.atomic
def seed_plans(units, years, seed, stats):
    """Units, officers and `years` generated plan years, reproducibly from `seed`."""
    rng = random.Random(seed)
    model = Plan.objects.get(year=MODEL_YEAR)
    stats["units"] += create_units(units, rng)
    stats["users"] = scale_units().filter(users__isnull=False).count()
    seeded = years_to_seed(years)
    for year in seeded:
        latest = year == max(seeded)
        seed_year(year, model, random.Random(f"{seed}-{year}"), stats, latest=latest)
    return seeded

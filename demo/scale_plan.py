"""Generated data at the size of a ministry or the whole country, for `manage.py seed_scale`,
the benchmark (bench/) and the query-count guard (tests/scale/).

Everything is written with bulk_create in batches (no per-row save(), no signals), from one
random seed, so the same arguments give the same data. What save() would have computed
(Task.due_date, Dossier.nominee_key, AwardRecord.name_key) is computed here instead.
The 2013 plan (`manage.py load_plan`) is the model: each generated year copies its 34 tasks
and their responsible units, shifted to that year.
"""

import contextlib
import datetime
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from plan.enums import (
    Collective,
    PartSource,
    PartState,
    RequirementKind,
    ReviewDecision,
    quarter_end,
)
from plan.models import (
    Plan,
    ProgressReport,
    Requirement,
    ResponsibleUnit,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)
from plan.services import refresh_latest_reports
from units.enums import Role, UnitKind
from units.models import Cluster, Unit, UnitAlias, User

BATCH = 5000
CODE_PREFIX = "dv-"
MODEL_YEAR = 2013
SHARED_PDF = b"%PDF-1.4\n% Tai lieu thu nghiem quy mo lon\n%%EOF\n"
SHARED_PDF_NAME = "scale/van-ban-mau.pdf"

# How generated units are spread over the kinds (weights).
UNIT_KINDS = [
    (UnitKind.DEPARTMENT, 30),
    (UnitKind.DISTRICT, 15),
    (UnitKind.AGENCY, 35),
    (UnitKind.ENTERPRISE, 15),
    (UnitKind.MASS_ORGANISATION, 5),
]
KIND_NAMES = {
    UnitKind.DEPARTMENT: "Sở, ngành",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.AGENCY: "Cơ quan",
    UnitKind.ENTERPRISE: "Doanh nghiệp",
    UnitKind.MASS_ORGANISATION: "Hội",
}
CLUSTER_SIZE = 25


def bulk(model, rows, batch_size=BATCH):
    """bulk_create an iterable in batches without holding it all; returns the row count."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch_size:
            model.objects.bulk_create(chunk, batch_size=batch_size)
            count += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_create(chunk, batch_size=batch_size)
        count += len(chunk)
    return count


@contextlib.contextmanager
def dates_as_given(*fields):
    """Let bulk_create keep the dates we set on auto_now_add fields (history written as of
    its own day, not as of the seeding); restored afterwards."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _ in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def at(day, rng):
    """A moment during office hours on a local day."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def same_day_in(day, year):
    """The day shifted to another year (29 February becomes the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def shared_pdf():
    """The one stored PDF every generated submission and document points to."""
    if not default_storage.exists(SHARED_PDF_NAME):
        default_storage.save(SHARED_PDF_NAME, ContentFile(SHARED_PDF))
    return SHARED_PDF_NAME


def scale_units():
    return Unit.objects.filter(code__startswith=CODE_PREFIX)


def create_units(n, rng):
    """n generated units (codes dv-00001...), one alias each, and one officer per unit."""
    start = scale_units().count()
    kinds, weights = zip(*UNIT_KINDS, strict=True)
    new = []
    for i in range(start + 1, n + 1):
        kind = rng.choices(kinds, weights)[0]
        new.append(
            Unit(
                code=f"{CODE_PREFIX}{i:05d}",
                name=f"{KIND_NAMES[kind]} thử nghiệm số {i:05d}",
                short_name=f"ĐV {i:05d}",
                kind=kind,
                is_participating=True,
            )
        )
    bulk(Unit, new)
    units = list(scale_units().filter(code__in=[u.code for u in new]).order_by("code"))
    bulk(UnitAlias, (UnitAlias(unit=u, name=f"Đơn vị số {u.code[3:]}") for u in units))
    password = make_password(None)  # unusable: the accounts exist to own the history
    bulk(
        User,
        (
            User(
                username=f"cb-{u.code}",
                first_name="Cán bộ",
                last_name=f"ĐV {u.code[3:]}",
                unit=u,
                password=password,
            )
            for u in units
        ),
    )
    group = Group.objects.get_or_create(name=Role.UNIT_OFFICER.value)[0]
    users = User.objects.filter(username__startswith=f"cb-{CODE_PREFIX}", groups=None)
    bulk(
        User.groups.through,
        (
            User.groups.through(user_id=pk, group_id=group.pk)
            for pk in users.values_list("pk", flat=True)
        ),
    )
    return len(new)


def create_clusters(year, units, rng):
    """The year's clusters and blocks of CLUSTER_SIZE generated units, each led by one."""
    shuffled = units[:]
    rng.shuffle(shuffled)
    clusters = []
    for k, start in enumerate(range(0, len(shuffled), CLUSTER_SIZE), start=1):
        members = shuffled[start : start + CLUSTER_SIZE]
        kind = Cluster.Kind.CLUSTER if k % 2 else Cluster.Kind.BLOCK
        label = "Cụm thi đua" if kind == Cluster.Kind.CLUSTER else "Khối thi đua"
        clusters.append(
            (Cluster(year=year, name=f"{label} số {k}", kind=kind, leader_id=members[0]), members)
        )
    bulk(Cluster, (c for c, _ in clusters))
    ids = dict(Cluster.objects.filter(year=year).values_list("name", "pk"))
    through = Cluster.members.through
    bulk(
        through,
        (
            through(cluster_id=ids[c.name], unit_id=unit_id)
            for c, members in clusters
            for unit_id in members
        ),
    )
    return len(clusters)


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
        tasks.append(
            Task(
                plan=plan,
                number=task.number,
                quarter=task.quarter,
                content=task.content,
                due_on=due_on,
                due_date=due_on or quarter_end(year, task.quarter),
            )
        )
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
        return bulk(
            TaskPart,
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
        yield ProgressReport(
            part_id=part_id,
            state=PartState.IN_PROGRESS,
            reported_at=at(started, rng),
            note="Đang triển khai.",
            created_by_id=by,
        )
        luck = rng.random()
        if luck < 0.005:
            yield ProgressReport(
                part_id=part_id,
                state=PartState.CANCELLED,
                reported_at=at(started + datetime.timedelta(days=5), rng),
                note="Đơn vị không còn tham gia nhiệm vụ này.",
                created_by_id=staff_id,
            )
            continue
        if luck < 0.72:
            done = due - datetime.timedelta(days=rng.randint(0, 25))
        elif luck < 0.87:
            done = due + datetime.timedelta(days=rng.randint(1, 40))
        else:
            continue  # still open: overdue once its due date has passed
        done = min(max(done, started), year_end)
        yield ProgressReport(
            part_id=part_id,
            state=PartState.DONE,
            done_on=done,
            reported_at=at(done, rng),
            note="Đã hoàn thành.",
            created_by_id=by,
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


def submissions(requirements, reporters, staff_id, rng, pdf):
    """Most units send before the deadline, some after, a few never; one in ten is sent
    back, and half of those are sent again. Yields (submission, [reviews]) pairs."""
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


def seed_year(year, model, rng, stats):
    """One generated year: clusters, the plan, parts, progress, requirements, sending."""
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
    stats["progress reports"] += bulk(
        ProgressReport, progress_reports(plan, reporters, staff_id, rng)
    )
    refresh_latest_reports(TaskPart.objects.filter(task__plan=plan))
    leaders = list(Cluster.objects.filter(year=year).values_list("leader_id", flat=True))
    requirements = create_requirements(plan, participating, leaders)
    stats["requirements"] += len(requirements)
    stats["submissions"] += save_submissions(
        submissions(requirements, reporters, staff_id, rng, shared_pdf())
    )


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
        seed_year(year, model, random.Random(f"{seed}-{year}"), stats)
    return seeded

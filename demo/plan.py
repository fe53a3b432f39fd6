"""A believable 2013 for the demo and the tests: clusters, parts, progress, requirements, sending.

Generated from a fixed seed, so every run gives the same year. History rows are written as
if entered on their dates (the services refuse back-dated entries from officers, rightly).
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from plan.enums import PartSource, PartState, RequirementKind, ReviewDecision
from plan.models import ProgressReport, Requirement, Submission, SubmissionReview, TaskPart
from plan.services import (
    add_reports,
    build_progress_report,
    cancel_part,
    name_units_for_task,
    sync_plan_parts,
)
from units.models import Cluster, Unit, User

# Units staff named for the tasks given to "Các đơn vị liên quan" / "Các ngành liên quan".
# Task 31 is left without: the dashboard then shows a task that still needs units named.
PICKED_UNITS = {
    10: ["so-gd-dt", "so-kh-cn"],
    14: ["so-tu-phap"],
    24: ["thanh-tra-tinh", "so-noi-vu"],
    27: ["so-gd-dt"],
    29: ["so-y-te", "so-gd-dt", "so-cong-thuong"],
}

CLUSTERS_2013 = [
    ("Cụm thi đua các huyện, thành phố", "cluster", "tp-lang-son", {"kind": "district"}),
    ("Khối các cơ quan tổng hợp", "block", "so-kh-dt",
     {"code__in": ["vp-ubnd", "so-noi-vu", "so-kh-dt", "so-tai-chinh", "so-tu-phap",
                   "thanh-tra-tinh", "ban-dan-toc", "so-ngoai-vu"]}),
    ("Khối kinh tế", "block", "so-cong-thuong",
     {"code__in": ["so-cong-thuong", "so-nn-ptnt", "so-gtvt", "so-xay-dung", "so-tn-mt",
                   "bql-kkt", "kho-bac", "cuc-thue", "cuc-hai-quan", "nhnn-lang-son"]}),
    ("Khối văn hóa - xã hội", "block", "so-gd-dt",
     {"code__in": ["so-gd-dt", "so-y-te", "so-vh-tt-dl", "so-ld-tbxh", "so-tt-tt", "so-kh-cn",
                   "dai-ptth", "bao-lang-son", "truong-cdsp", "bhxh-tinh"]}),
    ("Khối nội chính", "block", "cong-an-tinh",
     {"code__in": ["cong-an-tinh", "bchqs-tinh", "bdbp-tinh"]}),
    ("Khối đoàn thể", "block", "ubmttq-tinh", {"kind": "mass_organisation"}),
]  # fmt: skip

# One unit that left a task's work: its part is cancelled, with the reason on record.
CANCELLED_PART = (30, "bao-lang-son")

PDF = b"%PDF-1.4\n% demo\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _at(day, rng):
    """A moment during office hours on a local day."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _clusters(year):
    for name, kind, leader, members in CLUSTERS_2013:
        cluster, created = Cluster.objects.get_or_create(
            year=year, name=name, defaults={"kind": kind, "leader": Unit.objects.get(code=leader)}
        )
        if created:
            cluster.members.set(Unit.objects.filter(**members))


def _reporter(unit, officers, staff):
    return officers.get(unit.pk, staff)


def done_day(due, luck, rng):
    """The day a part is done, drawn as the demo year has it (the scale generator too): most
    on time, some late; None (about one in eight) for a part still open, overdue once its
    due date has passed. `luck` is a draw of rng.random()."""
    if luck < 0.72:
        return due - datetime.timedelta(days=rng.randint(0, 25))
    if luck < 0.87:
        return due + datetime.timedelta(days=rng.randint(1, 40))
    return None


def _progress(plan, rng, officers, staff):
    """Reports for every part due in 2013: most on time, some late, some still open."""
    reports = []
    year_end = datetime.date(plan.year, 12, 31)
    parts = TaskPart.objects.filter(task__plan=plan).select_related("task", "unit")
    for part in parts.order_by("task__number", "unit__code"):
        if (part.task.number, part.unit.code) == CANCELLED_PART:
            continue
        due = part.task.due_date
        by = _reporter(part.unit, officers, staff)
        start = due - datetime.timedelta(days=60)
        started = start + datetime.timedelta(days=rng.randint(0, 30))
        if started <= year_end:
            reports.append(
                build_progress_report(
                    part.pk,
                    PartState.IN_PROGRESS,
                    by_id=by.pk,
                    reported_at=_at(started, rng),
                    note="Đang triển khai.",
                )
            )
        done = done_day(due, rng.random(), rng)
        if done is None or done > year_end:
            continue
        done = max(done, started)
        reports.append(
            build_progress_report(
                part.pk,
                PartState.DONE,
                by_id=by.pk,
                reported_at=_at(done, rng),
                done_on=done,
                note="Đã hoàn thành.",
            )
        )
    add_reports(reports, parts=parts)
    cancelled = parts.filter(task__number=CANCELLED_PART[0], unit__code=CANCELLED_PART[1]).first()
    if cancelled:
        cancel_part(
            cancelled,
            staff,
            "Đơn vị đã có lớp tập huấn riêng theo ngành, không tham gia đợt này.",
            reported_at=_at(datetime.date(plan.year, 8, 5), rng),
        )


def _requirements(plan):
    task = {t.number: t for t in plan.tasks.filter(number__in=[3, 20, 32])}
    participating = Unit.objects.filter(is_participating=True)
    leaders = Unit.objects.filter(pk__in=Cluster.objects.filter(year=plan.year).values("leader"))
    specs = [
        (RequirementKind.UNIT_PLAN, "Kế hoạch công tác thi đua, khen thưởng năm 2013 của đơn vị",
         plan.unit_plans_due_on, task[3], participating),
        (RequirementKind.CLUSTER_PLAN, "Kế hoạch thi đua năm 2013 của cụm, khối thi đua",
         plan.unit_plans_due_on, task[3], leaders),
        (RequirementKind.SIX_MONTH_REVIEW, "Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm 2013",
         datetime.date(plan.year, 6, 20), task[20], participating),
        (RequirementKind.YEAR_END_REVIEW, "Báo cáo tổng kết công tác TĐKT năm 2013",
         datetime.date(plan.year, 11, 30), task[32], participating),
    ]  # fmt: skip
    requirements = []
    for kind, title, due_on, serves, units in specs:
        requirement, created = Requirement.objects.get_or_create(
            plan=plan, kind=kind, defaults={"title": title, "due_on": due_on, "task": serves}
        )
        if created:
            requirement.units.set(units)
        requirements.append(requirement)
    return requirements


def _sending(requirements, rng, officers, staff):
    """Most units send before the deadline, some after, a few never; some are sent back."""
    for requirement in requirements:
        for unit in requirement.units.order_by("code"):
            luck = rng.random()
            if luck < 0.12:
                continue  # never sent
            late = luck > 0.72
            day = requirement.due_on + datetime.timedelta(
                days=rng.randint(1, 20) if late else -rng.randint(0, 20)
            )
            by = _reporter(unit, officers, staff)
            submission = Submission(
                requirement=requirement,
                unit=unit,
                original_name=f"{requirement.get_kind_display()} – {unit.short_name}.pdf",
                submitted_by=by,
                submitted_at=_at(day, rng),
            )
            submission.file.save(f"{unit.code}.pdf", ContentFile(PDF), save=False)
            submission.save()
            if rng.random() < 0.1:
                back = day + datetime.timedelta(days=2)
                SubmissionReview.objects.create(
                    submission=submission,
                    decision=ReviewDecision.RETURNED,
                    reason="Thiếu chữ ký, đóng dấu của thủ trưởng đơn vị; đề nghị gửi lại.",
                    reviewed_by=staff,
                    reviewed_at=_at(back, rng),
                )
                if rng.random() < 0.5:
                    again = Submission(
                        requirement=requirement,
                        unit=unit,
                        original_name=submission.original_name,
                        note="Gửi lại bản có chữ ký, đóng dấu.",
                        submitted_by=by,
                        submitted_at=_at(back + datetime.timedelta(days=3), rng),
                    )
                    again.file.save(f"{unit.code}.pdf", ContentFile(PDF), save=False)
                    again.save()
                    submission = again
                else:
                    continue
            SubmissionReview.objects.create(
                submission=submission,
                decision=ReviewDecision.ACCEPTED,
                reviewed_by=staff,
                reviewed_at=submission.submitted_at + datetime.timedelta(days=1),
            )


@transaction.atomic
def create_demo_year(plan):
    """Fill the plan's year with demo activity, once: a second call changes nothing."""
    _clusters(plan.year)
    sync_plan_parts(plan)
    staff = User.objects.get(username="staff")
    for number, codes in PICKED_UNITS.items():
        task = plan.tasks.get(number=number)
        if not task.parts.filter(source=PartSource.PICKED).exists():
            name_units_for_task(task, Unit.objects.filter(code__in=codes), by=staff)
    if ProgressReport.objects.filter(part__task__plan=plan).exists():
        return False
    rng = random.Random(plan.year)
    officers = {u.unit_id: u for u in User.objects.filter(groups__name="unit_officer")}
    _progress(plan, rng, officers, staff)
    _sending(_requirements(plan), rng, officers, staff)
    return True

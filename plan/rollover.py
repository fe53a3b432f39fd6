"""Next year's plan: a year's plan turned into a draft for another year, edited, published.

The roll-over copies the plan's header (number and issue date left for the office), its
tasks with their quarters and responsible units, its requirements and the year's clusters
and blocks, with the years in the text moved on (plan.yearshift) and every date a year on.
A published plan is never overwritten; rolling over again to a year with a draft changes
nothing unless the office asks to start the draft again. Parts are made at publishing.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from core.history import recorded_as
from units.lifecycle import unit_for_year
from units.models import Cluster
from units.rules import is_office

from .enums import PlanStatus
from .models import Plan, Requirement, ResponsibleUnit, Task
from .services import sync_plan_parts
from .yearshift import NOTES, move_years, review_legal_bases, shift_date

# The header's texts whose years move on, with the names the review shows them by.
MOVED_FIELDS = {
    "title": gettext_lazy("Trích yếu"),
    "preamble": gettext_lazy("Lời dẫn"),
    "solutions_text": gettext_lazy("II. Giải pháp chủ yếu"),
    "organisation_text": gettext_lazy("III. Tổ chức thực hiện"),
    "legal_bases": gettext_lazy("Căn cứ ban hành"),
}
COPIED_FIELDS = ["place", "issuer", "signer_name", "signer_title", "legal_bases"]


class RollOverError(Exception):
    """The roll-over or the publishing was refused; the message says why, in Vietnamese."""


@dataclass
class RollOver:
    """What a roll-over made, or would make (dry run), or found already there."""

    from_year: int
    to_year: int
    plan: Plan | None = None
    tasks: list = field(default_factory=list)
    requirements: list = field(default_factory=list)
    clusters: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    # "created", "restarted", "unchanged" (a draft was there), "dry_run"
    outcome: str = ""

    @property
    def moved(self):
        return [c for c in self.changes if c["found"] != c["replaced"]]

    @property
    def kept(self):
        return [c for c in self.changes if c["found"] == c["replaced"]]


def review_of(plan):
    """The draft's stored review as rows for its page: (where, found, replaced, context,
    note), each place and note in the reader's language; moved fragments first."""
    rows = []
    for change in (plan.rollover_review or {}).get("changes", []):
        where = change["where"]
        if "task" in where:
            label = _("Nhiệm vụ %(n)s") % {"n": where["task"]}
        elif "requirement" in where:
            label = _("Yêu cầu nộp “%(t)s”") % {"t": where["requirement"]}
        else:
            label = MOVED_FIELDS.get(where.get("field"), where.get("field"))
        note = NOTES.get(change["note"], "")
        rows.append((label, change["found"], change["replaced"], change["context"], note))
    return sorted(rows, key=lambda row: bool(row[4]))


def _check(by):
    if by is not None and not is_office(by):
        raise RollOverError(_("Chỉ Ban TĐKT được chuyển và ban hành kế hoạch."))


def _draft_plan(source, to_year, result):
    """The draft Plan (unsaved) and the review of its text."""
    shift = to_year - source.year
    plan = Plan(
        year=to_year,
        status=PlanStatus.DRAFT,
        number="",
        issued_on=None,
        unit_plans_due_on=shift_date(source.unit_plans_due_on, shift),
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    for name in MOVED_FIELDS:
        if name == "legal_bases":
            changes = review_legal_bases(source.legal_bases_list(), source.year, to_year)
        else:
            text, changes = move_years(getattr(source, name), source.year, to_year)
            setattr(plan, name, text)
        result.changes += [c.as_dict({"field": name}) for c in changes]
    return plan


def moved_school_year(start, shift):
    """Work that ran by school year runs by the school year as many years on as the plan."""
    return None if start is None else start + shift


def _draft_tasks(source, plan, result):
    """[(Task, [ResponsibleUnit, ...])], unsaved, in the source's order."""
    shift = plan.year - source.year
    rows = []
    tasks = source.tasks.prefetch_related("responsible").order_by("number")
    for task in tasks:
        content, changes = move_years(task.content, source.year, plan.year)
        result.changes += [c.as_dict({"task": task.number}) for c in changes]
        new = Task(
            plan=plan,
            number=task.number,
            quarter=task.quarter,
            content=content,
            due_on=shift_date(task.due_on, shift) if task.due_on else None,
            school_year_start=moved_school_year(task.school_year_start, shift),
        )
        new.fill_due_date()
        responsible = [
            ResponsibleUnit(
                position=row.position,
                unit_id=row.unit_id,
                collective=row.collective,
                written_as=row.written_as,
            )
            for row in task.responsible.all()
        ]
        rows.append((new, responsible))
    return rows


def _draft_requirements(source, to_year, result):
    """[(Requirement (unsaved, task by number), task number, [unit id, ...])]."""
    shift = to_year - source.year
    rows = []
    for requirement in source.requirements.select_related("task").prefetch_related("units"):
        title, changes = move_years(requirement.title, source.year, to_year)
        description, more = move_years(requirement.description, source.year, to_year)
        where = {"requirement": requirement.title}
        result.changes += [c.as_dict(where) for c in changes + more]
        new = Requirement(
            kind=requirement.kind,
            title=title,
            description=description,
            due_on=shift_date(requirement.due_on, shift),
            school_year_start=moved_school_year(requirement.school_year_start, shift),
        )
        number = requirement.task.number if requirement.task_id else None
        rows.append((new, number, [unit.pk for unit in requirement.units.all()]))
    return rows


def _draft_clusters(from_year, to_year):
    """The source year's clusters and blocks not yet set up for the new year (by name). A
    unit merged or dissolved by then is replaced by its successor (units.lifecycle), or left
    out; a leading unit without one stays for the office to change."""
    taken = set(Cluster.objects.filter(year=to_year).values_list("name", flat=True))
    clusters = Cluster.objects.filter(year=from_year).exclude(name__in=taken)
    drafts = []
    for c in clusters.select_related("leader").prefetch_related("members__successor"):
        leader = unit_for_year(c.leader, to_year) or c.leader
        members = {unit_for_year(member, to_year) for member in c.members.all()} - {None}
        c.members_in_year = sorted(members, key=lambda unit: unit.sort_key)
        drafts.append((Cluster(year=to_year, name=c.name, kind=c.kind, leader=leader), c))
    return sorted(drafts, key=lambda pair: pair[0].name)


def _clear_draft(plan):
    """Take the draft's tasks and requirements away before it is made again. A draft has no
    parts and no submissions (nobody but the office sees it), so nothing recorded is lost;
    the history keeps the removed rows."""
    Requirement.objects.filter(plan=plan).delete()
    ResponsibleUnit.objects.filter(task__plan=plan).delete()
    Task.objects.filter(plan=plan).delete()


def _write(result, existing, by, reason):
    plan = result.plan
    if existing is not None:
        plan.pk = existing.pk
        _clear_draft(existing)
    plan._history_user = by
    plan.save()
    tasks = [task for task, _rows in result.tasks]
    bulk_create_with_history(tasks, Task, default_user=by, default_change_reason=reason)
    by_number = {task.number: task for task in Task.objects.filter(plan=plan)}
    responsible = []
    for task, rows in result.tasks:
        for row in rows:
            row.task = by_number[task.number]
            responsible.append(row)
    bulk_create_with_history(
        responsible, ResponsibleUnit, default_user=by, default_change_reason=reason
    )
    for requirement, number, unit_ids in result.requirements:
        requirement.plan = plan
        requirement.task = by_number.get(number)
        requirement._history_user = by
        requirement.save()
        requirement.units.set(unit_ids)
    for cluster, source in result.clusters:
        cluster._history_user = by
        cluster.save()
        cluster.members.set(source.members_in_year)


@transaction.atomic
def roll_over_plan(from_year, to_year, by, dry_run=False, restart=False):
    """Make the draft of `to_year`'s plan from `from_year`'s published plan.

    `by` is the office user (None: a command run on the server). With `dry_run` nothing is
    written: the result says what would be made. A published plan of `to_year` is refused;
    a draft is left as it is unless `restart`, which makes it again from the source.
    Returns a RollOver.
    """
    _check(by)
    result = RollOver(from_year, to_year)
    if to_year <= from_year:
        raise RollOverError(_("Năm mới phải sau năm %(y)s.") % {"y": from_year})
    source = Plan.objects.published().filter(year=from_year).first()
    if source is None:
        raise RollOverError(_("Không có kế hoạch đã ban hành năm %(y)s.") % {"y": from_year})
    existing = Plan.objects.select_for_update().filter(year=to_year).first()
    if existing is not None and not existing.is_draft:
        raise RollOverError(_("Kế hoạch năm %(y)s đã ban hành; không thể ghi đè.") % {"y": to_year})
    if existing is not None and not restart:
        result.plan, result.outcome = existing, "unchanged"
        return result
    result.plan = _draft_plan(source, to_year, result)
    result.tasks = _draft_tasks(source, result.plan, result)
    result.requirements = _draft_requirements(source, to_year, result)
    result.clusters = _draft_clusters(from_year, to_year)
    result.plan.rollover_review = {"from_year": from_year, "changes": result.changes}
    if dry_run:
        result.outcome = "dry_run"
        return result
    reason = f"Chuyển kế hoạch năm {from_year} sang năm {to_year}"
    try:
        with recorded_as(by, reason), transaction.atomic():
            _write(result, existing, by, reason)
    except ProtectedError as error:
        # Rows recorded against the draft (parts or documents entered past the pages, in
        # the admin) are never deleted: the draft is kept as it is. (A ProtectedError is an
        # IntegrityError too, so it is caught first.)
        raise RollOverError(
            _("Dự thảo năm %(y)s đã có phần việc hoặc văn bản gửi; không thể làm lại.")
            % {"y": to_year}
        ) from error
    except IntegrityError as error:
        # Two roll-overs to a year with no plan yet: the first one's plan wins the year.
        raise RollOverError(
            _("Kế hoạch năm %(y)s vừa được tạo cùng lúc; hãy mở lại trang.") % {"y": to_year}
        ) from error
    result.outcome = "restarted" if existing is not None else "created"
    return result


def _draft_for_update(plan):
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_draft:
        raise RollOverError(_("Kế hoạch năm %(y)s đã ban hành.") % {"y": plan.year})
    return locked


@transaction.atomic
def update_draft_header(plan, by, *, number, issued_on, unit_plans_due_on):
    """The office fills in the draft's number, issue date and deadline for units' plans.

    A new deadline also moves the requirements that were due on the old one (the units'
    and clusters' plans) and the date as written in section III.
    """
    _check(by)
    plan = _draft_for_update(plan)
    old_deadline = plan.unit_plans_due_on
    plan.number = number.strip()
    plan.issued_on = issued_on
    plan.unit_plans_due_on = unit_plans_due_on
    if old_deadline != unit_plans_due_on:
        plan.organisation_text = plan.organisation_text.replace(
            old_deadline.strftime("%d/%m/%Y"), unit_plans_due_on.strftime("%d/%m/%Y")
        )
        for requirement in plan.requirements.filter(due_on=old_deadline):
            requirement.due_on = unit_plans_due_on
            requirement._history_user = by
            requirement.save(update_fields=["due_on"])
    plan._history_user = by
    plan.save()
    return plan


@transaction.atomic
def update_draft_task(task, by, *, content, quarter, due_on):
    """The office edits one task of a draft: its text, quarter and own due date."""
    _check(by)
    _draft_for_update(task.plan)
    task.content = content.strip()
    task.quarter = quarter
    task.due_on = due_on
    task._history_user = by
    task.save()
    return task


@transaction.atomic
def publish_plan(plan, by):
    """Publish a draft: everyone sees it from now on, and every unit taking part gets its
    parts. Refused while the number or a date of the header is missing."""
    _check(by)
    plan = _draft_for_update(plan)
    missing = [
        label
        for label, value in (
            (_("số, ký hiệu"), plan.number),
            (_("ngày ban hành"), plan.issued_on),
            (_("hạn gửi kế hoạch của các đơn vị"), plan.unit_plans_due_on),
        )
        if not value
    ]
    if missing:
        raise RollOverError(_("Chưa thể ban hành: còn thiếu %(f)s.") % {"f": ", ".join(missing)})
    if not plan.tasks.exists():
        raise RollOverError(_("Chưa thể ban hành: kế hoạch chưa có nhiệm vụ nào."))
    plan.status = PlanStatus.PUBLISHED
    plan._history_user = by
    plan._change_reason = "Ban hành"
    plan.save()
    with recorded_as(by, f"Ban hành kế hoạch năm {plan.year}"):
        sync_plan_parts(plan)
    return plan

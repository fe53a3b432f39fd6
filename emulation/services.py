"""Writes of the year's emulation work: one function per operation, atomic, each leaving a
history row with who did it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plan.enums import PlanStatus, RequirementKind
from plan.models import Requirement
from plan.rules import can_change_year, past_year_refusal
from plan.services import submit_document
from units.models import Cluster, Unit
from units.services import check_grouping_members

from . import rules
from .copies import refresh_cross_checked
from .models import (
    Criterion,
    Exemplar,
    Inspection,
    InspectionPlan,
    Movement,
    PactSignature,
    Registration,
    Score,
    ScoreSheet,
)
from .selectors import units_under


def _saved(instance, by):
    instance.full_clean()
    instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def announce_grouping(*, year, kind, name, leader, members, by):
    """The office announces a cluster or block of the year with its members (task 6)."""
    if not rules.can_manage_emulation(by):
        raise PermissionDenied
    members = list(members)
    if leader not in members:
        members.append(leader)
    check_grouping_members(year, kind, members)
    cluster = _saved(Cluster(year=year, kind=kind, name=name, leader=leader), by)
    cluster.members.set(members)
    return cluster


def _check_year_open(by, year):
    """A past year's emulation records are read-only but for the office (issue 17)."""
    if not can_change_year(by, year):
        raise ValidationError(past_year_refusal(year))


def registration_requirement(year):
    """The year's "Đăng ký thi đua" requirement, if the office has set one."""
    return (
        Requirement.objects.filter(
            plan__year=year, plan__status=PlanStatus.PUBLISHED, kind=RequirementKind.REGISTRATION
        )
        .order_by("due_on")
        .first()
    )


@transaction.atomic
def register(unit, year, by, *, targets, file=None, registered_at=None):
    """A unit registers its targets for the year; the signed form, when given, is sent as a
    submission of the year's registration requirement. Registering again updates the
    targets (the history keeps every earlier version)."""
    if not rules.can_act_for(by, unit):
        raise PermissionDenied
    _check_year_open(by, year)
    submission = None
    requirement = registration_requirement(year)
    if file is not None and requirement is not None:
        # Registering again with a new signed form is the point of the form: no warning.
        submission = submit_document(
            requirement, unit, by, file, submitted_at=registered_at, resend_confirmed=True
        )
    registration = Registration.objects.select_for_update().filter(unit=unit, year=year).first()
    registration = registration or Registration(unit=unit, year=year)
    for name, value in targets.items():
        setattr(registration, name, value)
    registration.submission = submission or registration.submission
    registration.registered_at = registered_at or timezone.now()
    registration.registered_by = by
    return _saved(registration, by)


@transaction.atomic
def sign_pact(cluster, unit, by, *, signed_on, file=None):
    """A member signs its grouping's pact (giao ước thi đua); signing twice is refused."""
    if not rules.can_act_for(by, unit):
        raise PermissionDenied
    _check_year_open(by, cluster.year)
    if not cluster.members.filter(pk=unit.pk).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của cụm, khối này."))
    if PactSignature.objects.filter(cluster=cluster, unit=unit).exists():
        raise ValidationError(_("Đơn vị đã ký giao ước thi đua của cụm, khối này."))
    if signed_on.year != cluster.year:
        raise ValidationError(
            {"signed_on": _("Ngày ký phải trong năm %(year)s.") % {"year": cluster.year}}
        )
    signature = PactSignature(cluster=cluster, unit=unit, signed_on=signed_on, recorded_by=by)
    if file is not None:
        signature.file = file
    return _saved(signature, by)


@transaction.atomic
def copy_score_sheet(cluster, template, by):
    """Give a grouping its year's score sheet, copied from the office's template; a sheet
    once given is kept (scores point at its criteria)."""
    if not rules.can_manage_emulation(by):
        raise PermissionDenied
    sheet, created = ScoreSheet.objects.get_or_create(
        cluster=cluster, defaults={"template": template}
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                sheet=sheet,
                group=c.group,
                position=c.position,
                text=c.text,
                max_points=c.max_points,
                evidence=c.evidence,
            )
            for c in template.criteria.order_by("position")
        )
    return sheet


def _check_points(value, criterion, field):
    if value < 0 or value > criterion.max_points:
        raise ValidationError(
            {field: _("Điểm phải từ 0 đến %(max)s.") % {"max": criterion.max_points}}
        )


@transaction.atomic
def score_criterion(criterion, unit, by, *, points, evidence=None):
    """A member scores itself on one criterion, until the leading unit has checked it."""
    if not rules.can_self_score(by, unit):
        raise PermissionDenied
    _check_year_open(by, criterion.sheet.cluster.year)
    if not criterion.sheet.cluster.members.filter(pk=unit.pk).exists():
        raise ValidationError(_("Đơn vị không phải thành viên của cụm, khối này."))
    _check_points(points, criterion, "self_score")
    score = Score.objects.select_for_update().filter(criterion=criterion, unit=unit).first()
    if score is not None and score.checked_at is not None:
        raise ValidationError(_("Tiêu chí này đã được cụm trưởng thẩm định, không sửa được."))
    score = score or Score(criterion=criterion, unit=unit)
    score.self_score = points
    score.scored_by = by
    if evidence is not None:
        score.evidence = evidence
    return _saved(score, by)


@transaction.atomic
def cross_check(score, by, *, points, comment="", checked_at=None):
    """The leading unit checks a member's self-score on one criterion (task 7). Pages check
    now; `checked_at` is for records brought in afterwards (the demo year)."""
    score = (
        Score.objects.select_for_update()
        .select_related("criterion__sheet__cluster")
        .get(pk=score.pk)
    )
    if not rules.can_cross_check(by, score.criterion.sheet.cluster):
        raise PermissionDenied
    _check_year_open(by, score.criterion.sheet.cluster.year)
    _check_points(points, score.criterion, "checked_score")
    score.checked_score = points
    score.check_comment = comment.strip()
    score.checked_by = by
    score.checked_at = checked_at or timezone.now()
    _saved(score, by)
    refresh_cross_checked([score.criterion.sheet.cluster_id], [score.unit_id])
    return score


@transaction.atomic
def record_exemplar(unit, year, by, **fields):
    if not rules.can_act_for(by, unit):
        raise PermissionDenied
    _check_year_open(by, year)
    return _saved(Exemplar(unit=unit, year=year, recorded_by=by, **fields), by)


@transaction.atomic
def plan_inspections(year, by, *, title):
    """The office's (province) or a unit's inspection plan for the year; one per level."""
    level = rules.inspection_level(by)
    if level is False:
        raise PermissionDenied
    if InspectionPlan.objects.filter(year=year, inspector=level).exists():
        raise ValidationError(_("Cấp này đã có kế hoạch kiểm tra năm %(year)s.") % {"year": year})
    return _saved(InspectionPlan(year=year, inspector=level, title=title), by)


@transaction.atomic
def add_inspection(plan, unit, by, *, planned_on):
    """Name a unit to inspect: one under the plan's level (selectors.units_under)."""
    if not rules.can_keep_inspections(by, plan):
        raise PermissionDenied
    if not units_under(plan).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Đơn vị này không thuộc cấp được kiểm tra.")})
    if Inspection.objects.filter(plan=plan, unit=unit).exists():
        raise ValidationError({"unit": _("Đơn vị này đã có trong kế hoạch kiểm tra.")})
    return _saved(Inspection(plan=plan, unit=unit, planned_on=planned_on), by)


@transaction.atomic
def record_inspection(inspection, by, *, done_on, findings, report=None):
    """The inspection took place: its date, findings and report."""
    inspection = Inspection.objects.select_for_update().select_related("plan").get(pk=inspection.pk)
    if not rules.can_keep_inspections(by, inspection.plan):
        raise PermissionDenied
    if done_on.year != inspection.plan.year:
        raise ValidationError(
            {
                "done_on": _("Ngày kiểm tra phải trong năm %(year)s.")
                % {"year": inspection.plan.year}
            }
        )
    inspection.done_on = done_on
    inspection.findings = findings.strip()
    if report is not None:
        inspection.report = report
    return _saved(inspection, by)


@transaction.atomic
def launch_movement(year, by, *, name, starts_on, ends_on, task=None, units=None):
    """The office launches a movement of the year (tasks 5, 15, 16, 29): every unit taking
    part in the plan unless some are named."""
    if not rules.can_manage_emulation(by):
        raise PermissionDenied
    movement = _saved(
        Movement(year=year, name=name.strip(), starts_on=starts_on, ends_on=ends_on, task=task),
        by,
    )
    movement.units.set(units if units else Unit.objects.filter(is_participating=True))
    return movement

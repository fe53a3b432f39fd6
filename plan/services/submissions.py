"""Documents units send for the plan's requirements, and the office's review of them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.names import normalise_text_block

from .. import notices, rules
from ..enums import ReviewDecision
from ..models import Submission, SubmissionReview
from .schedule import ScheduleError


@transaction.atomic
def submit_document(requirement, unit, by, file, note="", submitted_at=None):
    """A unit sends its document for a requirement; sending again adds a new row."""
    if not rules.can_submit_for(by, unit):
        raise ScheduleError(_("Bạn chỉ được gửi văn bản của đơn vị mình."))
    if not rules.can_change_year(by, requirement.plan.year):
        raise ScheduleError(rules.past_year_refusal(requirement.plan.year))
    if not requirement.units.filter(pk=unit.pk).exists():
        raise ScheduleError(_("Đơn vị này không thuộc diện phải gửi văn bản này."))
    if submitted_at is not None and not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được nhập văn bản với ngày trước đây."))
    submission = Submission(
        requirement=requirement,
        unit=unit,
        file=file,
        original_name=file.name,
        note=normalise_text_block(note),
        submitted_by=by,
        submitted_at=submitted_at or timezone.now(),
    )
    submission.full_clean()
    submission._history_user = by
    submission.save()
    return submission


@transaction.atomic
def review_submission(submission, by, decision, reason="", reviewed_at=None):
    """The office accepts a submission, or returns it with a reason for the unit to send again."""
    if not rules.can_manage_schedule(by):
        raise ScheduleError(_("Chỉ Ban TĐKT được xem xét văn bản."))
    reason = normalise_text_block(reason)
    if decision == ReviewDecision.RETURNED and not reason:
        raise ScheduleError(_("Cần ghi lý do trả lại để đơn vị biết mà sửa."))
    review = SubmissionReview(
        submission=submission,
        decision=decision,
        reason=reason,
        reviewed_by=by,
        reviewed_at=reviewed_at or timezone.now(),
    )
    review._history_user = by
    review.save()
    if decision == ReviewDecision.RETURNED:
        notices.document_returned(submission, reason)
    return review

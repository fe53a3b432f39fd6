"""Documents units send for the plan's requirements, and the office's review of them."""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core.names import normalise_text_block

from .. import notices, rules
from ..enums import ReviewDecision
from ..models import Submission, SubmissionReview
from .schedule import ScheduleError


class ResendNotConfirmed(ScheduleError):
    """A copy was already accepted and the sender has not confirmed sending a new one."""


def accepted_copy(requirement, unit):
    """The unit's copy the office accepted last (its latest answer to it is an acceptance),
    or None."""
    latest_answer = SubmissionReview.objects.filter(submission=OuterRef("pk")).order_by(
        "-reviewed_at", "-pk"
    )
    return (
        Submission.objects.filter(requirement=requirement, unit=unit)
        .annotate(answer=Subquery(latest_answer.values("decision")[:1]))
        .filter(answer=ReviewDecision.ACCEPTED)
        .order_by("-submitted_at", "-pk")
        .first()
    )


@transaction.atomic
def submit_document(
    requirement, unit, by, file, note="", submitted_at=None, *, resend_confirmed=False
):
    """A unit sends its document for a requirement; sending again adds a new row.

    Once the office has accepted a copy, a new one is sent only when the sender confirms it
    (`resend_confirmed`): the accepted copy stays the unit's standing until the office
    accepts the new one, but the office must review again (issue 13, point 4).
    """
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
    submission.full_clean()  # a bad file is refused before anything else is asked
    if not resend_confirmed and accepted_copy(requirement, unit) is not None:
        raise ResendNotConfirmed(
            _(
                "Ban TĐKT đã chấp nhận văn bản đơn vị gửi trước đây. Hãy xác nhận nếu vẫn "
                "muốn gửi bản mới (bản đã chấp nhận vẫn giữ nguyên cho đến khi bản mới "
                "được chấp nhận)."
            )
        )
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

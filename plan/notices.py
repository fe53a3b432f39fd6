"""Notices to a unit by e-mail (issue 13, point 15): sent once the change is committed, to
the unit's own address and its officers' (reminders.recipients_of), through Django's mail
backend. A unit with no address simply gets none; the change itself is never undone.
Each is also written as a notice the unit reads in the product (core.notices)."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from core.models import NoticeKind
from core.notices import notify

from .reminders import recipients_of

SIGNATURE = "Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn"


def mail_unit(unit, subject, lines):
    """E-mail `unit` once the current transaction commits (nothing if it rolls back)."""
    recipients = recipients_of(unit)
    if not recipients:
        return
    body = "\n".join([f"Kính gửi: {unit.name}", "", *lines, "", SIGNATURE])
    message = EmailMessage(subject=subject, body=body, to=recipients)
    transaction.on_commit(message.send)


def document_returned(submission, reason):
    notify(
        submission.unit_id,
        NoticeKind.DOCUMENT_RETURNED,
        f"Văn bản bị trả lại: {submission.requirement.title}",
        f"Văn bản “{submission.original_name}”. Lý do: {reason}",
        reverse("unit-detail", args=[submission.unit.code]),
    )
    mail_unit(
        submission.unit,
        f"Văn bản bị trả lại: {submission.requirement.title}",
        [
            f"Ban TĐKT trả lại văn bản “{submission.original_name}” gửi cho yêu cầu "
            f"“{submission.requirement.title}”.",
            f"Lý do: {reason}",
            "Đề nghị đơn vị bổ sung, sửa và gửi lại.",
        ],
    )

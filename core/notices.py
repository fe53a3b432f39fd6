"""Notices to a unit in the product (issue 13, point 15): the senders of the e-mails
(plan.notices, awards.notices, plan.reminders) call notify alongside each one, so the unit
reads on its landing page what it was told by mail, whether or not it has an address."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from .models import Notice


def notify(unit_id, kind, title, body="", link=""):
    """Record a notice for the unit; in the caller's transaction (undone with it)."""
    return Notice.objects.create(
        unit_id=unit_id, kind=kind, title=title[:300], body=body, link=link[:300]
    )


def notices_of(unit_id):
    """The unit's notices, unread first, newest first within each."""
    is_read = ExpressionWrapper(Q(read_at__isnull=False), output_field=BooleanField())
    return (
        Notice.objects.filter(unit_id=unit_id)
        .alias(is_read=is_read)
        .order_by("is_read", "-created_at", "-pk")
    )


def unread_of(unit_id):
    return Notice.objects.filter(unit_id=unit_id, read_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def mark_read(notices):
    """Mark the notices of a queryset read now (those already read keep their time)."""
    return notices.filter(read_at__isnull=True).update(read_at=timezone.now())

"""Urging (đôn đốc, tasks 1, 20 and 32): one message per unit listing what is late or due soon."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Window
from django.urls import reverse
from django.utils import timezone

from core.models import NoticeKind
from core.notices import notify
from core.params import whole_number
from units.models import Unit, User

from .enums import ReviewDecision, Status, SubmissionStatus
from .models import Reminder, Requirement, Submission, TaskPart
from .status import (
    accepted_copies,
    end_of_day,
    latest_review,
    with_status_in,
    with_submission_status,
)

OWED = [Status.OVERDUE, Status.DUE_SOON]
OWED_DOCUMENTS = [SubmissionStatus.MISSING, SubmissionStatus.RETURNED]


def _late_parts(plan, as_of):
    return with_status_in(TaskPart.objects.filter(task__plan=plan), as_of, OWED)


def _requirements_due(plan, as_of):
    horizon = as_of + datetime.timedelta(days=settings.DUE_SOON_DAYS)
    return list(Requirement.objects.filter(plan=plan, due_on__lte=horizon))


def _owing(requirement, as_of):
    """The units owing the requirement's document as of the date (not sent, or sent back)."""
    return with_submission_status(requirement.units.all(), requirement, as_of).filter(
        submission_status__in=OWED_DOCUMENTS
    )


def _owing_ids(requirement, as_of):
    """Who owes the requirement's document as of the date (the units _owing finds), read
    from the documents' side as status.submission_counts reads them: the units that sent
    nothing, and those whose latest copy was sent back with none accepted. An anti-join and
    a pass over the few copies sent back, not four lookups for each unit."""
    cutoff = end_of_day(as_of)
    sent = Submission.objects.filter(requirement=requirement, submitted_at__lt=cutoff)
    owed_by = Requirement.units.through.objects.filter(requirement=requirement)
    missing = owed_by.exclude(Exists(sent.filter(unit=OuterRef("unit")))).values("unit_id")
    later = sent.filter(unit=OuterRef("unit")).filter(
        Q(submitted_at__gt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__gt=OuterRef("pk"))
    )
    answer = Subquery(latest_review(OuterRef("pk"), cutoff).values("decision")[:1])
    returned = (
        sent.filter(unit__in=owed_by.values("unit_id"))
        .exclude(Exists(later))
        .annotate(answer=answer)
        .filter(answer=ReviewDecision.RETURNED)
        .exclude(Exists(accepted_copies(sent.filter(unit=OuterRef("unit")), cutoff)))
    )
    return Q(pk__in=missing) | Q(pk__in=returned.values("unit_id"))


def units_owing(plan, as_of):
    """The units that owe something as of the date (a part due soon or overdue, a document
    not sent or sent back), by name: one query in SQL, so the office's page shows a page of
    them and counts all of them without building every unit's message."""
    owing = Q(pk__in=_late_parts(plan, as_of).values("unit_id"))
    for requirement in _requirements_due(plan, as_of):
        owing |= _owing_ids(requirement, as_of)
    return Unit.objects.filter(owing).order_by("sort_key")


def page_of_units_owing(plan, as_of, number, per_page):
    """Page `number` of units_owing, with the count over all of them read beside the page's
    rows (a window count): the query, a tree of subqueries, is built and run once rather
    than once for the count and again for the page. Past the last page: the last page."""
    units = units_owing(plan, as_of).annotate(owing_total=Window(Count("pk")))
    paginator = Paginator(units, per_page)
    # A page number a database's OFFSET can hold (one wider than 64 bits was a 500).
    number = whole_number(number, 1, 1_000_000) or 1
    start = (number - 1) * per_page
    rows = list(units[start : start + per_page])
    if not rows and number > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].owing_total if rows else 0
    return Page(rows, number, paginator)


def reminder_items(plan, as_of, unit_ids=None):
    """{unit_id: [item, ...]}: parts due soon or overdue, documents not sent or sent back;
    only the units of `unit_ids` when given (read in SQL, not filtered afterwards)."""
    items = {}
    parts = _late_parts(plan, as_of).select_related("task").order_by("task__number")
    if unit_ids is not None:
        parts = parts.filter(unit_id__in=unit_ids)
    for part in parts:
        items.setdefault(part.unit_id, []).append(
            {
                "kind": "part",
                "text": f"Nhiệm vụ {part.task.number}: {part.task.short_content}",
                "due": part.task.due_date.strftime("%d/%m/%Y"),
                "status": str(Status(part.status).label),
            }
        )
    for requirement in _requirements_due(plan, as_of):
        owing = _owing(requirement, as_of)
        if unit_ids is not None:
            owing = owing.filter(pk__in=unit_ids)
        for unit in owing.only("pk"):
            items.setdefault(unit.pk, []).append(
                {
                    "kind": "requirement",
                    "text": requirement.title,
                    "due": requirement.due_on.strftime("%d/%m/%Y"),
                    "status": str(SubmissionStatus(unit.submission_status).label),
                }
            )
    return items


def recipients_of(unit):
    """The unit's own address and its active officers' addresses."""
    return _addresses(unit, unit.users.filter(is_active=True).exclude(email=""))


def _addresses(unit, users):
    addresses = [unit.email] if unit.email else []
    addresses += [user.email for user in users]
    return list(dict.fromkeys(addresses))


def _units_with_officers(unit_ids):
    """The units, by name, each with its active officers who have an address: two queries
    whatever the number of units (the office's page lists every unit that owes something)."""
    officers = User.objects.filter(is_active=True).exclude(email="")
    return (
        Unit.objects.filter(pk__in=unit_ids)
        .prefetch_related(Prefetch("users", queryset=officers, to_attr="addressed"))
        .order_by("sort_key")
    )


def message_text(unit, items, as_of):
    lines = [
        f"Kính gửi: {unit.name}",
        "",
        f"Tính đến ngày {as_of:%d/%m/%Y}, Ban Thi đua - Khen thưởng đề nghị đơn vị "
        "khẩn trương thực hiện và báo cáo các nội dung sau:",
        "",
    ]
    lines += [f"- {item['text']} (hạn {item['due']}): {item['status']}" for item in items]
    lines += ["", "Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn"]
    return "\n".join(lines)


def send_reminders(plan, as_of, *, dry_run=False, unit_ids=None):
    """Send each unit one message for what it owes as of the date, at most once a day;
    only to the units of `unit_ids` when given (the office's choice on its page).

    Returns [(unit, items, outcome)] with outcome "sent", "already_sent_today",
    "no_address" or "dry_run". A reminder sent is recorded, so urging is itself on record.
    """
    sent_on = timezone.localdate()
    chosen = None if unit_ids is None else [int(pk) for pk in unit_ids]
    items = reminder_items(plan, as_of, chosen)
    already = set(
        Reminder.objects.filter(sent_on=sent_on, unit_id__in=items).values_list(
            "unit_id", flat=True
        )
    )
    results = []
    for unit in _units_with_officers(items):
        unit_items = items[unit.pk]
        recipients = _addresses(unit, unit.addressed)
        if unit.pk in already:
            outcome = "already_sent_today"
        elif not recipients:
            outcome = "no_address"
        elif dry_run:
            outcome = "dry_run"
        else:
            _send(unit, unit_items, recipients, as_of, sent_on)
            outcome = "sent"
        results.append((unit, unit_items, outcome))
    return results


@transaction.atomic
def _send(unit, items, recipients, as_of, sent_on):
    # Recorded first, in the same transaction: if the mail fails, nothing is recorded.
    Reminder.objects.create(
        unit=unit, sent_on=sent_on, as_of=as_of, recipients=", ".join(recipients), items=items
    )
    subject = f"Đôn đốc thực hiện kế hoạch thi đua, khen thưởng (tính đến {as_of:%d/%m/%Y})"
    body = message_text(unit, items, as_of)
    notify(unit.pk, NoticeKind.REMINDER, subject, body, reverse("unit-detail", args=[unit.code]))
    EmailMessage(subject=subject, body=body, to=recipients).send()

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from plan.enums import STATUS_COLOURS, Status, SubmissionStatus

register = template.Library()

SUBMISSION_COLOURS = {
    SubmissionStatus.ON_TIME: "success",
    SubmissionStatus.LATE: "info",
    SubmissionStatus.RETURNED: "warning",
    SubmissionStatus.MISSING: "danger",
}


@register.filter
def status_badge(value):
    """A coloured badge that always carries its text: colour is never the only signal."""
    if not value:
        return ""
    if value in Status.values:
        status = Status(value)
        colour = STATUS_COLOURS[status]
    else:
        status = SubmissionStatus(value)
        colour = SUBMISSION_COLOURS[status]
    text_class = " text-dark" if colour in ("warning", "info") else ""
    return format_html(
        '<span class="badge text-bg-{}{} status-{}">{}</span>',
        colour,
        text_class,
        value,
        status.label,
    )


@register.filter
def late_badge(report):
    """Beside a status that comes from a report made long after the work was done: says so,
    and whether the office has confirmed it. Empty for any other report."""
    if not report or not report.reported_late:
        return ""
    if getattr(report, "confirmation", None):
        return format_html(
            '<span class="badge text-bg-secondary late-report">{}</span>',
            _("Báo cáo muộn, đã xác nhận"),
        )
    return format_html(
        '<span class="badge text-bg-warning text-dark late-report">{}</span>',
        _("Báo cáo muộn, chờ xác nhận"),
    )

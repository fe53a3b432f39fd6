from django import template
from django.utils.html import format_html

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

"""What units send the plan, for the office's list of arrivals (core.arrivals): documents
for the requirements, and progress reports on their parts."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import arrivals

from .models import ProgressReport, Submission


def documents_since(since):
    return (
        Submission.objects.filter(submitted_at__gte=since)
        .annotate(
            kind=Value("document"),
            arrived=F("submitted_at"),
            unit_name=F("unit__name"),
            title=F("requirement__title"),
            target=F("requirement_id"),
        )
        .order_by()  # a union takes no ordering of its parts
        .values_list(*arrivals.COLUMNS)
    )


def reports_since(since):
    return (
        ProgressReport.objects.filter(reported_at__gte=since)
        .annotate(
            kind=Value("report"),
            arrived=F("reported_at"),
            unit_name=F("part__unit__name"),
            title=Concat(
                Value(_("Báo cáo tiến độ nhiệm vụ") + " "),
                Cast("part__task__number", CharField()),
                output_field=CharField(),
            ),
            target=F("part_id"),
        )
        .order_by()  # a union takes no ordering of its parts
        .values_list(*arrivals.COLUMNS)
    )


def register():
    arrivals.register("document", gettext_lazy("Văn bản"), documents_since, "requirement-detail")
    arrivals.register("report", gettext_lazy("Báo cáo tiến độ"), reports_since, "part-detail")

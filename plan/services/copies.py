"""The stored copies, kept right in one place.

Two things are stored only for speed: each part's copy of its latest report
(TaskPart.latest_*, and when its first report came, first_reported_at) and each task's
tallies of its parts (Task.parts_*). Every service that writes reports or parts, or moves a
due date, one row or a million, ends by calling refresh_stored_copies; nothing else writes
those columns.
"""

from itertools import islice

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import ProgressReport, Task


def refresh_stored_copies(*, parts=None, tasks=None):
    """Bring the stored copies up to date after a write.

    `parts`: a queryset of parts that got reports; each takes its latest report (by
    `reported_at`, then entry order: a back-dated report changes nothing unless it is the
    latest), then their tasks are counted again. `tasks`: a queryset of tasks whose parts
    or due date changed; they are counted again. Runs in the caller's transaction.
    """
    if parts is not None:
        latest = ProgressReport.objects.filter(part=OuterRef("pk")).order_by("-reported_at", "-pk")
        parts.update(
            latest_state=Coalesce(Subquery(latest.values("state")[:1]), Value("")),
            latest_done_on=Subquery(latest.values("done_on")[:1]),
            latest_reported_at=Subquery(latest.values("reported_at")[:1]),
            first_reported_at=Subquery(
                ProgressReport.objects.filter(part=OuterRef("pk"))
                .order_by("reported_at")
                .values("reported_at")[:1]
            ),
        )
        Task.objects.filter(pk__in=parts.values("task_id")).refresh_tallies()
    if tasks is not None:
        tasks.refresh_tallies()


def batches(rows, size):
    """Lists of at most `size` rows from any iterable, without holding it all."""
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk

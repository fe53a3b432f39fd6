"""List exports: written in the request when small, as a background job when large.

A list page's ?xuat=xlsx calls `export_response` with the writer and the rows (a queryset)
it would hand to `xlsx_response`. Up to settings.EXPORT_BACKGROUND_ROWS rows, nothing
changes: the file is written and sent at once. Past that, an ExportJob row records who asked
for which page with which filters, a django-tasks task is queued (the database backend:
`manage.py db_worker` runs it) and the user is sent to the job's page, which polls its
status and offers the file when it is there.

The worker rebuilds the export by calling the same view with the same URL and filters as
that user, so the rows, their order and the user's right to see them come from one place:
the page's own code. Inside the job `export_response` writes the file into storage instead
of answering, and `counted` (which the writers' row loops go through) records how far the
file has come (core.progress).
"""

import tempfile

from django.conf import settings
from django.core.files import File
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone, translation
from django_tasks import task

from .models import ExportJob, ExportJobStatus
from .progress import current_job
from .spreadsheets import xlsx_response


def _rows_of(args):
    return next((arg for arg in args if isinstance(arg, QuerySet)), None)


def _is_large(rows):
    limit = settings.EXPORT_BACKGROUND_ROWS
    if rows is None or limit is None:
        return False
    # Counted no further than the limit: the question is only "more than this?".
    return rows.order_by()[: limit + 1].count() > limit


def export_response(request, filename, write, *args):
    """The page's ?xuat=xlsx answer: the file now, or a background job when it is large."""
    job = current_job.get()
    if job is not None:
        return _write_job_file(job, filename, write, args)
    if not _is_large(_rows_of(args)):
        return xlsx_response(filename, write, *args)
    return redirect(start_export_job(request, filename))


def start_export_job(request, filename):
    """Record the request as an ExportJob and queue its task; the job, to redirect to."""
    job = ExportJob.objects.create(
        requested_by=request.user,
        kind=request.resolver_match.view_name,
        path=request.path,
        parameters=request.GET.urlencode(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        filename=filename,
    )
    # With ATOMIC_REQUESTS the task's row commits with the job's: a worker never sees one
    # without the other.
    result = run_export_job.enqueue(job.pk)
    ExportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def _write_job_file(job, filename, write, args):
    rows = _rows_of(args)
    total = rows.count() if rows is not None else None
    ExportJob.objects.filter(pk=job.pk).update(rows_total=total)
    # Written to a temporary file, then copied into storage a block at a time: the workbook
    # never sits in memory, whatever its size.
    with tempfile.TemporaryFile() as stream:
        write(*args, stream)
        stream.seek(0)
        job.file.save(filename, File(stream, name=filename), save=False)
    ExportJob.objects.filter(pk=job.pk).update(file=job.file.name)
    return HttpResponse(status=204)


def _replayed_request(job):
    """The GET the user sent, as that user: the view checks their right to it again."""
    request = RequestFactory().get(job.path, QueryDict(job.parameters))
    request.user = job.requested_by
    # A page may read what the user's session keeps (the "as of" date): the replay has no
    # session of its own, and the date it is drawn for travels in the job's parameters.
    request.session = {}
    return request


@task()
def run_export_job(job_id):
    """Write a queued export's file (run by the worker, `manage.py db_worker`)."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.RUNNING)
    token = current_job.set(job)
    status = ExportJobStatus.FAILED
    try:
        match = resolve(job.path)
        with translation.override(job.language):
            response = match.func(_replayed_request(job), *match.args, **match.kwargs)
        if response.status_code == 204:
            status = ExportJobStatus.DONE
    finally:
        current_job.reset(token)
        ExportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now())
    return status

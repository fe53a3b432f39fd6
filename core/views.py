"""The pages of a background export: its progress (polled) and its file, for the user who
asked for it only; anyone else, whatever their role, finds nothing (404)."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .files import document_response
from .models import ExportJob, ExportJobStatus


def _own_job(request, pk):
    return get_object_or_404(ExportJob, pk=pk, requested_by=request.user)


def _download_url(job):
    return reverse("export-job-file", args=[job.pk]) if job.status == ExportJobStatus.DONE else ""


def export_job(request, pk):
    """A large export being written: its progress, then the link to its file."""
    job = _own_job(request, pk)
    return render(request, "core/export_job.html", {"job": job, "download": _download_url(job)})


def export_job_status(request, pk):
    """What the job page polls: status, rows written of how many, the file's link when done."""
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": str(job.get_status_display()),
            "done": job.rows_done,
            "total": job.rows_total,
            "percent": job.percent,
            "download": _download_url(job),
        }
    )


def export_file(request, pk):
    """The finished file, to the user who asked for it."""
    job = _own_job(request, pk)
    if job.status != ExportJobStatus.DONE or not job.file:
        raise Http404
    return document_response(job.file, job.filename)

"""Large exports run as background jobs: the page waits for nothing, the job's page shows its
progress, and the file goes only to the user who asked for it. Tests run the job at once
(the immediate backend of config.test_settings), as the worker would."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core.models import ExportJob, ExportJobStatus
from plan.models import TaskPart

pytestmark = pytest.mark.django_db

PARTS_EXPORT = "/phan-viec/?xuat=xlsx&ngay=30/06/2013"


def _units_listed(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Nhiệm vụ") + 1
    return [row[2] for row in rows[start:]]


def _content(response):
    return b"".join(response.streaming_content)


def test_a_small_export_is_still_sent_at_once(client, staff, settings):
    settings.EXPORT_BACKGROUND_ROWS = 100_000
    client.force_login(staff)
    response = client.get(PARTS_EXPORT)
    assert response.status_code == 200
    assert len(_units_listed(_content(response))) == TaskPart.objects.count()
    assert not ExportJob.objects.exists()


def test_a_large_export_becomes_a_job_whose_file_only_its_requester_gets(
    client, staff, leader, settings
):
    settings.EXPORT_BACKGROUND_ROWS = 10
    client.force_login(staff)
    response = client.get(PARTS_EXPORT)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export-job", args=[job.pk])
    assert (job.requested_by, job.status, job.kind) == (staff, ExportJobStatus.DONE, "part-list")
    parts = TaskPart.objects.count()
    assert job.rows_total == job.rows_done == parts

    page = client.get(response["Location"]).content.decode()
    assert "Đã xong" in page and reverse("export-job-file", args=[job.pk]) in page
    status = client.get(reverse("export-job-status", args=[job.pk])).json()
    assert status["percent"] == 100
    assert status["download"] == reverse("export-job-file", args=[job.pk])
    download = client.get(status["download"])
    assert download["Content-Disposition"].endswith('filename="phan-viec-20130630.xlsx"')
    assert len(_units_listed(_content(download))) == parts

    # Another user of the office, even one who may see every part, finds no such job.
    client.force_login(leader)
    for name in ("export-job", "export-job-status", "export-job-file"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_job_keeps_the_pages_filters_and_the_users_view(client, officer, settings):
    # An officer sees their own unit's parts only; the job, run later by the worker, too.
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(officer)
    client.get(PARTS_EXPORT + "&quy=1")
    job = ExportJob.objects.get()
    assert job.status == ExportJobStatus.DONE
    listed = _units_listed(_content(client.get(reverse("export-job-file", args=[job.pk]))))
    expected = TaskPart.objects.filter(unit=officer.unit, task__plan__year=2013, task__quarter=1)
    assert listed == [officer.unit.name] * expected.count()
    assert len(listed) > 1


def test_a_job_not_yet_written_offers_no_file(client, staff, settings):
    job = ExportJob.objects.create(
        requested_by=staff, kind="part-list", path="/phan-viec/", language="vi", filename="x.xlsx"
    )
    client.force_login(staff)
    page = client.get(reverse("export-job", args=[job.pk])).content.decode()
    assert "Đang chờ" in page
    assert client.get(reverse("export-job-status", args=[job.pk])).json()["download"] == ""
    assert client.get(reverse("export-job-file", args=[job.pk])).status_code == 404

"""A background export's page follows the job by itself: progress, then the download link."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from core.models import ExportJob, ExportJobStatus
from units.models import User

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_job_page_polls_until_the_file_is_there(page, password):
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message),
    )
    job = ExportJob.objects.create(
        requested_by=User.objects.get(username="staff"),
        kind="part-list",
        path="/phan-viec/",
        parameters="xuat=xlsx",
        language="vi",
        filename="phan-viec.xlsx",
        status=ExportJobStatus.RUNNING,
        rows_total=4000,
        rows_done=1000,
    )
    sign_in(page, "staff", password)
    page.goto(page.base_url + job.get_absolute_url())
    expect(page.get_by_text("Đang tạo")).to_be_visible()
    download = page.get_by_role("link", name="Tải tệp về")
    expect(download).to_be_hidden()
    # The worker writes on; the page, without being reloaded, shows it.
    ExportJob.objects.filter(pk=job.pk).update(rows_done=3000)
    expect(page.get_by_text("(3000/4000)")).to_be_visible()
    job.file.save("phan-viec.xlsx", ContentFile(b"PK\x03\x04 kiem thu"), save=False)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.DONE, file=job.file.name)
    expect(download).to_be_visible()
    expect(page.get_by_text("Đã xong")).to_be_visible()
    assert download.get_attribute("href") == f"/xuat/{job.pk}/tai-ve/"
    assert [message.text for message in violations] == []

"""Stored files always have a row: a request that fails after saving its file leaves no file,
and `remove_orphan_files` lists (and with --delete removes) what no row points to."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models.signals import post_save
from django.urls import reverse

from awards.models import DossierDocument
from demo import awards as award_demo
from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(root):
    return {p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file()}


def _age(root, name, hours):
    moment = time.time() - hours * 3600
    os.utime(Path(root) / name, (moment, moment))


def _run(*args):
    out = io.StringIO()
    call_command("remove_orphan_files", *args, stdout=out)
    return out.getvalue()


def test_a_request_that_fails_after_saving_its_file_leaves_no_file(client, officer, media):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Phạm Văn Lỗi")
    before = _files(media)

    def fail_after_the_file_is_stored(sender, **kwargs):
        raise RuntimeError("a later step of the request failed")

    post_save.connect(fail_after_the_file_is_stored, sender=DossierDocument)
    client.raise_request_exception = False
    client.force_login(officer)
    try:
        response = client.post(
            reverse("awards:upload", args=[dossier.pk]),
            {"kind": "to_trinh", "file": SimpleUploadedFile("to-trinh.pdf", PDF)},
        )
    finally:
        post_save.disconnect(fail_after_the_file_is_stored, sender=DossierDocument)
    assert response.status_code == 500
    assert _files(media) == before


def test_a_request_that_succeeds_keeps_its_file(client, officer, media):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Phạm Văn Giữ")
    before = _files(media)
    client.force_login(officer)
    client.post(
        reverse("awards:upload", args=[dossier.pk]),
        {"kind": "to_trinh", "file": SimpleUploadedFile("to-trinh.pdf", PDF)},
    )
    added = _files(media) - before
    assert len(added) == 1
    assert DossierDocument.objects.filter(file=added.pop()).exists()


def test_the_command_lists_files_no_row_points_to_and_removes_them_when_asked(
    client, staff, officer, media
):
    award_demo.new_dossier(officer, "bang-khen-tinh", name="Phạm Văn Còn")  # rows with files
    client.force_login(staff)
    preview = client.post(
        reverse("import-data"),
        {
            "kind": "don-vi",
            "file": SimpleUploadedFile(
                "don-vi.xlsx", xlsx_bytes([UNIT_HEADER, unit_row("so-x", "Sở X")])
            ),
        },
    )
    assert preview.status_code == 200
    [abandoned] = [name for name in _files(media) if name.startswith("imports/")]
    (media / "evidence").mkdir(exist_ok=True)
    (media / "evidence" / "khong-ai-tro-toi.pdf").write_bytes(PDF)
    for name in _files(media):
        _age(media, name, hours=25)  # everything older than a day...
    (media / "evidence" / "vua-tai-len.pdf").write_bytes(PDF)  # ...but this one
    used = {name for name in _files(media) if DossierDocument.objects.filter(file=name).exists()}
    assert used

    listed = _run()
    assert abandoned in listed and "evidence/khong-ai-tro-toi.pdf" in listed
    assert "vua-tai-len.pdf" not in listed and not any(name in listed for name in used)
    assert "2 tệp không còn dòng dữ liệu nào trỏ tới" in listed
    assert abandoned in _files(media)  # listing removes nothing

    assert "Đã xóa 2 tệp" in _run("--delete")
    left = _files(media)
    assert abandoned not in left and "evidence/khong-ai-tro-toi.pdf" not in left
    assert used <= left and "evidence/vua-tai-len.pdf" in left

"""Bad files, posted through the real upload pages: each refused with a Vietnamese message,
and nothing stored (no row, no file under MEDIA_ROOT).

The three pages that take a file: an officer's progress report with evidence, a unit's
submission for a requirement, a document added to a dossier.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import DossierDocument
from core.files import validate_document
from demo import awards as award_demo
from plan.enums import RequirementKind
from plan.models import ProgressReport, Requirement, Submission, TaskPart
from tests.hostile_files import bomb_odt

pytestmark = pytest.mark.django_db

# A Windows program starts with "MZ"; a web page renamed .pdf starts with markup.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"

# kind -> (file name, content, words the message must contain)
BAD_FILES = {
    "oversize": ("bao-cao-lon.pdf", None, "quá lớn"),
    "renamed-executable": ("chuong-trinh.pdf", EXECUTABLE, "không phải là tệp PDF thật"),
    "html-named-pdf": ("trang-web.pdf", HTML, "không phải là tệp PDF thật"),
    "empty": ("rong.pdf", b"", "rỗng"),
    # 256 KB whose `mimetype` inflates to 256 MiB (it was read whole to find the type).
    "zip-bomb": ("ke-hoach.odt", "bomb", "giải nén lớn bất thường"),
}


def _bad_file(kind):
    name, content, _words = BAD_FILES[kind]
    if content is None:  # just over the limit, with a real PDF header
        content = b"%PDF-1.4\n" + b"0" * (django_settings.MAX_UPLOAD_SIZE_MB * 1024 * 1024 + 1)
    if content == "bomb":
        content = bomb_odt(gigabytes=0.25)
    return SimpleUploadedFile(name, content, "application/octet-stream")


def _stored_files(root):
    root = Path(root)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def small_limit(settings):
    # One megabyte keeps the oversize file small enough to build in a test.
    settings.MAX_UPLOAD_SIZE_MB = 1


@pytest.fixture
def dossier(officer):
    return award_demo.new_dossier(officer, "bang-khen-tinh", name="Đỗ Văn Tải Lên")


def _evidence(client, officer, kind):
    part = TaskPart.objects.get(task__plan__year=2013, task__number=3, unit=officer.unit)
    before = ProgressReport.objects.filter(part=part).count()
    response = client.post(
        reverse("part-detail", args=[part.pk]),
        {"state": "in_progress", "note": "Kèm minh chứng", "evidence": _bad_file(kind)},
    )
    assert ProgressReport.objects.filter(part=part).count() == before
    return response.content.decode()


def _submission(client, officer, kind):
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    before = Submission.objects.count()
    response = client.post(
        reverse("submission-create", args=[requirement.pk, officer.unit.code]),
        {"file": _bad_file(kind), "note": ""},
        follow=True,
    )
    assert Submission.objects.count() == before
    return response.content.decode()


def _document(client, dossier, kind):
    before = DossierDocument.objects.filter(dossier=dossier).count()
    response = client.post(
        reverse("awards:upload", args=[dossier.pk]), {"kind": "to_trinh", "file": _bad_file(kind)}
    )
    assert response.status_code == 200
    assert DossierDocument.objects.filter(dossier=dossier).count() == before
    return response.content.decode()


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_everywhere_and_nothing_is_stored(
    client, officer, dossier, small_limit, settings, kind
):
    client.force_login(officer)
    stored = _stored_files(settings.MEDIA_ROOT)
    words = BAD_FILES[kind][2]
    for where, page in [
        ("progress evidence", _evidence(client, officer, kind)),
        ("submission", _submission(client, officer, kind)),
        ("dossier document", _document(client, dossier, kind)),
    ]:
        assert words in page, (where, kind)
    assert _stored_files(settings.MEDIA_ROOT) == stored


def test_an_empty_file_is_refused_by_the_check_every_upload_goes_through():
    # Services, admin and commands do not go through a form's own empty-file check.
    with pytest.raises(ValidationError) as error:
        validate_document(ContentFile(b"", name="rong.pdf"))
    assert error.value.messages == ["Tệp “rong.pdf” rỗng (0 byte): hãy chọn đúng tệp."]

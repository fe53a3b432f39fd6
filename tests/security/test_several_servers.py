"""Several app servers behind one address: nothing a request needs may be kept in one server's
process or on its own disk. Uploaded files are read and written only through the storage API
(so S3-compatible storage can be configured), and a step that spans two requests finds its
file wherever the second request lands.

Django's InMemoryStorage stands for a remote store: a real storage whose files are on no disk.
For the steps that span two requests, MEDIA_ROOT (a temporary folder here) is the shared store
and each server has its own temporary folder.
"""

import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.awards import DEMO_PDF
from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes
from tests.security.conftest import PDF, make_unit_objects
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def remote_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


@pytest.fixture
def another_server(monkeypatch, tmp_path):
    """Switch to a server whose local temporary folder is its own (and empty)."""

    def switch():
        other = tmp_path / "other-server-tmp"
        other.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(other))

    return switch


def test_uploaded_files_are_stored_and_served_without_a_local_path(
    remote_storage, client, officer, staff, council
):
    objects = make_unit_objects(officer, staff, council)
    client.force_login(officer)
    downloads = {
        "evidence": reverse("evidence-file", args=[objects.report.pk]),
        "submission": reverse("submission-file", args=[objects.submission.pk]),
        "document": reverse("awards:document", args=[objects.dossier.pk, objects.document.pk]),
    }
    expected = {"evidence": PDF, "submission": PDF, "document": DEMO_PDF}
    for kind, url in downloads.items():
        response = client.get(url)
        assert response.status_code == 200, kind
        assert response["Content-Disposition"].startswith("attachment"), kind
        assert b"".join(response.streaming_content) == expected[kind], kind
    stored = objects.report.evidence
    assert isinstance(stored.storage, InMemoryStorage)
    assert not Path(stored.storage.path(stored.name)).exists()  # code using .path would fail


def test_admin_import_confirms_on_another_server(another_server, client, admin_user):
    client.force_login(admin_user)
    data = SimpleUploadedFile(
        "don-vi.xlsx", xlsx_bytes([UNIT_HEADER, unit_row("so-hai-may", "Sở Hai Máy")])
    )
    response = client.post(
        reverse("admin:units_unit_import"), {"import_file": data, "format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    confirm = response.context["confirm_form"]

    another_server()
    response = client.post(reverse("admin:units_unit_process_import"), confirm.initial)

    assert response.status_code == 302
    assert Unit.objects.filter(code="so-hai-may").exists()
    # The file waited in the shared store, and is gone once imported.
    _folders, waiting = default_storage.listdir("django-import-export")
    assert waiting == []


def test_staff_import_page_confirms_on_another_server(another_server, client, staff):
    client.force_login(staff)
    data = SimpleUploadedFile(
        "don-vi.xlsx", xlsx_bytes([UNIT_HEADER, unit_row("so-ba-may", "Sở Ba Máy")])
    )
    response = client.post(reverse("import-data"), {"kind": "don-vi", "file": data})
    assert response.status_code == 200
    token = client.session["pending_import"]["token"]

    another_server()
    response = client.post(reverse("import-confirm"), {"token": token})

    assert response.status_code == 200
    assert Unit.objects.filter(code="so-ba-may").exists()
    _folders, waiting = default_storage.listdir("imports")
    assert waiting == []

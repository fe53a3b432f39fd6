"""backup -> restore into an empty database -> the same rows and the same files."""

import io
import json
import tarfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.backup import stored_files
from plan.models import Task
from tests.conftest import load_demo_data
from units.enums import Role
from units.models import Unit, User


def _snapshot():
    """What a restore must bring back exactly."""
    return {
        "units": list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "parent_id")),
        "tasks": list(
            Task.objects.order_by("pk").values_list("pk", "plan__year", "number", "content")
        ),
        "users": [
            (user.pk, user.username, user.password, user.unit_id, user.is_active, user.role)
            for user in User.objects.prefetch_related("groups").order_by("pk")
        ],
        # To the microsecond: history rows are ordered and compared by their dates.
        "times": list(User.objects.order_by("pk").values_list("pk", "date_joined"))
        + list(Unit.history.order_by("history_id").values_list("history_id", "history_date")),
    }


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _stored():
    return {name: default_storage.open(name).read() for name in stored_files()}


@pytest.fixture(params=["folder", "memory"])
def media(request, settings, tmp_path):
    """Uploaded files in a folder (MEDIA_ROOT), or in a store with no local files (as S3)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "memory":
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
    files = {
        "evidence/2013/bao-cao-quy-1.pdf": b"%PDF-1.4 bao cao quy I",
        "dossiers/ho-so/to-trinh.docx": b"PK\x03\x04 to trinh",
    }
    for name, content in files.items():
        assert default_storage.save(name, ContentFile(content)) == name
    return files


def test_backup_then_restore_into_an_empty_database_gives_the_same_rows_and_files(
    demo_data_restored_afterwards, transactional_db, settings, media, tmp_path, client, password
):
    load_demo_data()  # an earlier transactional test may have emptied the database
    User.objects.filter(username="officer2").update(is_active=False)
    before = _snapshot()
    assert any(moment.microsecond % 1000 for _pk, moment in before["times"])
    stored = _stored()
    assert stored.items() >= media.items()
    archive = tmp_path / "thidua-backup.tar.gz"

    message = _run("backup", "-o", str(archive))
    assert "Đã sao lưu" in message
    assert f"{len(stored)} tệp" in message
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["rows"]["units.unit"] == 52
    assert manifest["rows"]["plan.task"] == 34
    assert manifest["files"] == len(stored)

    # A new server: an empty database after `migrate` (its role groups made in another order)
    # and no uploaded files.
    call_command("flush", interactive=False, verbosity=0)
    for name in stored:
        default_storage.delete(name)
    assert not stored_files()
    for role in reversed(Role.values):
        Group.objects.create(name=role)
    assert not User.objects.exists()

    message = _run("restore", str(archive))
    assert "Đã phục hồi" in message

    assert _snapshot() == before
    assert _stored() == stored
    # Password hashes came back: people sign in with their old passwords.
    response = client.post(reverse("login"), {"username": "staff", "password": password})
    assert response.status_code == 302


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_data(tmp_path, media):
    archive = tmp_path / "backup.tar.gz"
    _run("backup", "-o", str(archive))
    before = _snapshot()
    with pytest.raises(CommandError, match="Cơ sở dữ liệu không trống"):
        _run("restore", str(archive))
    assert _snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "plan.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as tar:
        tar.add(__file__, arcname="data.json")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        _run("restore", str(not_a_backup))
    (tmp_path / "junk.tar.gz").write_bytes(b"junk")
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        _run("restore", str(tmp_path / "junk.tar.gz"))


@pytest.mark.django_db
def test_restore_refuses_an_archive_whose_files_would_land_outside_media(tmp_path, settings, media):
    archive = tmp_path / "backup.tar.gz"
    _run("backup", "-o", str(archive))
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as tar:
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(CommandError, match="không hợp lệ"):
        _run("restore", str(evil))
    assert not (tmp_path / "escaped.txt").exists()

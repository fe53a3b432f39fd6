"""Backups: the whole database and every uploaded file in one archive, and back again.

An archive is a .tar.gz holding
  manifest.json  what it is: format, product and Django versions, date, rows per model, files
  data.json      every row, as `dumpdata` writes it (natural keys for content types and
                 permissions, which `migrate` recreates with other ids; our own ids are kept,
                 so links and history rows keep pointing at the same objects)
  media/...      every uploaded file, under its stored name

Files are read and written through Django's default storage, not MEDIA_ROOT's folder, so a
backup holds the files wherever they are kept (a shared folder, or S3-compatible storage).
`restore_backup` loads one only into an empty database (after `migrate`) and an empty
storage: it never mixes a backup with live data or overwrites a file.
"""

import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"

# Rows `migrate` creates again by itself, or that mean nothing once restored.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes.accessattempt"]
# Rows a fresh `migrate` leaves in the database; a restore replaces them.
MIGRATION_ROWS = {"auth.group"}


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, in Vietnamese."""


def _backed_up_models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in excluded_apps or meta.label_lower in excluded_models:
            continue
        yield model


def _product_version():
    try:
        return metadata.version("thidua")
    except metadata.PackageNotFoundError:
        return "unknown"


def stored_files(storage=default_storage, folder=""):
    """Every file name in the storage (or under `folder`), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder storage whose root was never made: no uploads yet
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names.extend(stored_files(storage, f"{folder}/{sub}" if folder else sub))
    return sorted(names)


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _dump(path):
    """Write every row to `path` as one consistent snapshot; return rows per model."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table, even while people keep working.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            # Django's "json" cuts times to milliseconds; restored rows would differ.
            format="json_exact",
            exclude=EXCLUDED,
            natural_foreign=True,
            output=str(path),
            verbosity=0,
        )
    with open(path, encoding="utf-8") as data:
        return dict(Counter(row["model"] for row in json.load(data)))


def create_backup(output):
    """Write the database and every stored file to the archive `output`; return its manifest."""
    output = Path(output)
    with tempfile.TemporaryDirectory() as workdir:
        data_path = Path(workdir) / DATA
        counts = _dump(data_path)
        files = {name: default_storage.size(name) for name in stored_files()}
        manifest = {
            "format": FORMAT,
            "product": "thidua",
            "version": _product_version(),
            "django": django.get_version(),
            "database": connection.vendor,
            "created": timezone.now().isoformat(),
            "rows": counts,
            "files": len(files),
            "file_bytes": sum(files.values()),
        }
        partial = output.with_name(output.name + ".partial")
        # Written beside the target and renamed at the end: a failed run leaves no half archive.
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(data_path, arcname=DATA)
            for name, size in files.items():
                info = tarfile.TarInfo(f"{MEDIA}/{name}")
                info.size = size
                info.mtime = int(default_storage.get_modified_time(name).timestamp())
                with default_storage.open(name, "rb") as stored:
                    archive.addfile(info, stored)
        partial.replace(output)
    return manifest


def read_manifest(archive):
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.load(member)
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(_("Tệp này không phải bản sao lưu của hệ thống.")) from error
    if manifest.get("format") != FORMAT or manifest.get("product") != "thidua":
        raise BackupError(_("Tệp này không phải bản sao lưu của hệ thống."))
    return manifest


def _media_members(archive):
    """(member, stored name) for each file of the archive's media folder, checked to stay
    inside the storage whatever the archive says."""
    members = []
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if name.parts[:1] != (MEDIA,):
            continue
        relative = PurePosixPath(*name.parts[1:])
        if not member.isfile() or name.is_absolute() or ".." in name.parts or not relative.parts:
            raise BackupError(
                _("Bản sao lưu có mục không hợp lệ: %(name)s.") % {"name": member.name}
            )
        members.append((member, relative.as_posix()))
    return members


def database_is_empty():
    """True if no model we back up has a row, apart from what `migrate` itself creates."""
    return not any(
        model.objects.exists()
        for model in _backed_up_models()
        if model._meta.label_lower not in MIGRATION_ROWS
    )


def restore_backup(source):
    """Load the archive `source` into an empty database and an empty file storage.

    All or nothing: the rows load in one transaction, and the files written so far are
    removed if anything fails. Returns the archive's manifest.
    """
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("Không đọc được tệp sao lưu: %(error)s") % {"error": error}) from error
    with archive, tempfile.TemporaryDirectory() as workdir:
        manifest = read_manifest(archive)
        media = _media_members(archive)
        if not database_is_empty():
            raise BackupError(
                _(
                    "Cơ sở dữ liệu không trống: chỉ phục hồi vào một cơ sở dữ liệu mới "
                    "(tạo mới rồi chạy “manage.py migrate”), để không trộn lẫn hay ghi đè dữ liệu."
                )
            )
        existing = [name for member, name in media if default_storage.exists(name)]
        if existing:
            raise _storage_not_empty(existing[0])
        data_path = Path(workdir) / DATA
        with archive.extractfile(DATA) as data, open(data_path, "wb") as out:
            shutil.copyfileobj(data, out)

        written = []
        try:
            with transaction.atomic():
                # The role groups `migrate` made come back from the backup with their own ids.
                Group.objects.all().delete()
                # The archive holds the history tables themselves; loading many-to-many links
                # must not write history rows of its own on top of them.
                with override_settings(SIMPLE_HISTORY_ENABLED=False):
                    call_command("loaddata", str(data_path), verbosity=0)
                _check_counts(manifest)
                for member, name in media:
                    with archive.extractfile(member) as data:
                        content = File(data, name=name)
                        content.size = member.size
                        saved = default_storage.save(name, content)
                    written.append(saved)
                    if saved != name:  # the storage chose another name: someone wrote there
                        raise _storage_not_empty(name)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest


def _storage_not_empty(name):
    return BackupError(
        _("Thư mục tệp tải lên đã có tệp %(name)s: chỉ phục hồi vào thư mục trống.")
        % {"name": name}
    )


def _check_counts(manifest):
    for label, expected in manifest["rows"].items():
        found = apps.get_model(label).objects.count()
        if found != expected:
            raise BackupError(
                _("Phục hồi không khớp: %(model)s có %(found)d dòng, bản sao lưu có %(expected)d.")
                % {"model": label, "found": found, "expected": expected}
            )

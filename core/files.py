"""Uploaded documents: checked by size and by real content, stored under names we choose,
served only through views that have checked who may read them.

Every app that takes a file (progress evidence, submissions, dossier documents) uses these.
"""

import contextvars
import uuid
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .archives import ArchiveError, open_zip

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

# Extension -> the kind its content must be.
ALLOWED_EXTENSIONS = {
    ".pdf": "pdf",
    ".doc": "ole2",
    ".xls": "ole2",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".ods": "ods",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
}
ALLOWED_TYPES_LABEL = "PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, JPG, PNG"


# What a document's members may inflate to together: a 20 MB DOCX of photos is ~20 MB inflated,
# one of text some 200 MB at most. Above it, or at a bomb's ratio, the file is refused.
MAX_INFLATED_BYTES = 512 * 1024 * 1024
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _zip_kind(file):
    """The kind of an office document in a zip, reading no more than a few bytes of it."""
    try:
        with open_zip(file, max_total=MAX_INFLATED_BYTES) as archive:
            names = archive.NameToInfo
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                # The ODF mimetype is one short line: read past it, never the member whole.
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).strip()
                return _ODF_TYPES.get(mimetype)
    except ArchiveError as error:
        return "too_large" if error.reason == "too_large" else None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return None  # a damaged member or directory
    except (KeyError, RuntimeError, NotImplementedError):
        return None  # a member missing, encrypted, or in a compression we do not read
    return None


def detect_kind(file):
    """The kind of document a file really is, from its bytes; None if not one we accept, and
    "too_large" for a zip that inflates to more than a document may (a zip bomb)."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head == _OLE2:
        return "ole2"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head.startswith(_ZIP):
        try:
            return _zip_kind(file)
        finally:
            file.seek(0)
    return None


def max_upload_bytes():
    return settings.MAX_UPLOAD_SIZE_MB * 1024 * 1024


@deconstructible
class DocumentValidator:
    """Refuses a file that is too large, or whose content is not what its extension says."""

    def __call__(self, file):
        # Forms refuse an empty upload already; services, admin and commands meet it here.
        if not file.size:
            raise ValidationError(
                _("Tệp “%(name)s” rỗng (0 byte): hãy chọn đúng tệp."),
                code="file_empty",
                params={"name": file.name},
            )
        if file.size > max_upload_bytes():
            raise ValidationError(
                _("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa %(max)s MB."),
                code="file_too_large",
                params={
                    "name": file.name,
                    "size": f"{file.size / 1024 / 1024:.1f}",
                    "max": settings.MAX_UPLOAD_SIZE_MB,
                },
            )
        extension = PurePath(file.name).suffix.lower()
        expected = ALLOWED_EXTENSIONS.get(extension)
        if expected is None:
            raise ValidationError(
                _("Tệp “%(name)s” không đúng loại cho phép (%(types)s)."),
                code="file_type",
                params={"name": file.name, "types": ALLOWED_TYPES_LABEL},
            )
        kind = detect_kind(file)
        if kind == "too_large":
            raise ValidationError(
                _(
                    "Tệp “%(name)s” khi giải nén lớn bất thường (tệp nén nguy hiểm): "
                    "hãy lưu lại tệp từ chương trình soạn thảo rồi tải lên lại."
                ),
                code="file_content",
                params={"name": file.name},
            )
        if kind != expected:
            raise ValidationError(
                _("Nội dung tệp “%(name)s” không phải là tệp %(extension)s thật."),
                code="file_content",
                params={"name": file.name, "extension": extension[1:].upper()},
            )


validate_document = DocumentValidator()


@deconstructible
class RandomUploadPath:
    """Stores a file as <folder>/<year>/<random>.<ext>: the user never chooses a stored name."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePath(filename).suffix.lower()
        name = f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"
        pending = _STORED.get()
        if pending is not None:  # within `kept_only_with_their_rows`: checked at its end
            fields = [
                field
                for field in type(instance)._meta.fields
                if isinstance(field, models.FileField) and field.upload_to is self
            ]
            pending.append((type(instance), fields, name))
        return name


# Files stored in the current request (model, its fields that use the name, name), or None.
_STORED = contextvars.ContextVar("stored_files", default=None)


@contextmanager
def kept_only_with_their_rows():
    """Remove, at the end of the block, every file stored in it that no row points to.

    A file is written to the store when its row is saved, inside the request's transaction;
    if the transaction then rolls back (a later step failed), the row is gone but the file
    stayed, and went into every backup. The block ends after the transaction (the middleware
    wraps the view that ATOMIC_REQUESTS makes atomic), so a row that is not there now never
    will be. Files whose rows a failed command never wrote are found by `remove_orphan_files`.
    """
    token = _STORED.set([])
    try:
        yield
    finally:
        stored = _STORED.get()
        _STORED.reset(token)
        for model, fields, name in stored:
            _remove_if_unused(model, fields, name)


def _remove_if_unused(model, fields, name):
    query = models.Q()
    for field in fields:
        query |= models.Q(**{field.name: name})
    try:
        if fields and not model._base_manager.filter(query).exists():
            fields[0].storage.delete(name)
    except (DatabaseError, OSError):
        pass  # the database or the store is away: remove_orphan_files finds it later


def document_response(field_file, download_name):
    """Send a stored file as a download. Call only after checking the user may read it."""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response

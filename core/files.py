"""Uploaded documents: checked by size and by real content, stored under names we choose,
served only through views that have checked who may read them.

Every app that takes a file (progress evidence, submissions, dossier documents) uses these.
"""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

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


def _zip_kind(head_and_file):
    try:
        with zipfile.ZipFile(head_and_file) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return {
                    "application/vnd.oasis.opendocument.text": "odt",
                    "application/vnd.oasis.opendocument.spreadsheet": "ods",
                }.get(mimetype)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def detect_kind(file):
    """The kind of document a file really is, from its bytes; None if not one we accept."""
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
        data = file.read()
        file.seek(0)
        return _zip_kind(io.BytesIO(data))
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
        if detect_kind(file) != expected:
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
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"


def document_response(field_file, download_name):
    """Send a stored file as a download. Call only after checking the user may read it."""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response

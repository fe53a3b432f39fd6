import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.files import RandomUploadPath, validate_document


def pdf(name="bao-cao.pdf", size=0):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, "application/pdf")


def docx(name="to-trinh.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_real_documents_pass():
    validate_document(pdf())
    validate_document(docx())
    validate_document(SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20))


def test_a_file_over_the_limit_is_refused_with_its_size(settings):
    settings.MAX_UPLOAD_SIZE_MB = 1
    with pytest.raises(ValidationError) as error:
        validate_document(pdf(size=2 * 1024 * 1024))
    assert "quá lớn (2.0 MB); tối đa 1 MB" in error.value.messages[0]


def test_a_renamed_program_is_refused_by_its_content():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf"))
    assert error.value.messages == ["Nội dung tệp “bao-cao.pdf” không phải là tệp PDF thật."]


def test_a_zip_named_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("to-trinh.docx", buffer.getvalue()))


def test_an_extension_we_do_not_take_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("script.html", b"<script>"))
    assert "không đúng loại cho phép" in error.value.messages[0]


def test_stored_name_is_not_the_users():
    path = RandomUploadPath("evidence")(None, "../../etc/passwd.PDF")
    assert path.startswith("evidence/") and path.endswith(".pdf")
    assert "passwd" not in path and ".." not in path

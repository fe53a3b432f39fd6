"""The office downloads a template, changes it in Word and uploads it back: the documents
made afterwards keep its page layout and header."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.shared import Mm

from council import documents, services

from .conftest import DAY, YEAR, vote_all

pytestmark = pytest.mark.django_db


def test_an_edited_template_shapes_the_decision(client, staff, members, dossier_in, settings):
    client.force_login(staff)
    blank = client.get(reverse("council:templates") + "?tai=quyet_dinh").content
    edited = Document(io.BytesIO(blank))
    edited.sections[0].left_margin = Mm(35)
    edited.sections[0].first_page_header.paragraphs[0].text = "Mẫu của Văn phòng UBND tỉnh"
    edited.sections[0].different_first_page_header_footer = True
    buffer = io.BytesIO()
    edited.save(buffer)
    upload = SimpleUploadedFile("mau.docx", buffer.getvalue())
    response = client.post(reverse("council:templates"), {"kind": "quyet_dinh", "file": upload})
    assert response.status_code == 302

    dossier = dossier_in("before_council", "bang-khen-tinh")
    session = services.open_session(YEAR, staff, date=DAY, dossiers=[dossier])
    services.set_attendance(session, staff, members)
    vote_all(session, [m.user for m in members], lambda u, i: "for")
    services.close_ballot(session, staff)
    decision = services.draft_decision(session, staff)
    docx = Document(io.BytesIO(documents.decision_docx(decision)))
    section = docx.sections[0]
    assert round(section.left_margin.mm) == 35
    assert section.first_page_header.paragraphs[0].text == "Mẫu của Văn phòng UBND tỉnh"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx.tables[0].rows[0].cells[1].text


def test_a_file_that_is_not_word_is_refused(client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("mau.docx", b"%PDF-1.4 not word")
    response = client.post(reverse("council:templates"), {"kind": "to_trinh", "file": upload})
    assert response.status_code == 200
    assert "không phải là tệp Word .docx" in response.content.decode()

"""The browser's print views of the minutes, the decision and the proposal: the same words as
the DOCX (both come from one document's blocks), in the official layout, with the DOCX's
permission."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from council import documents, services

from .test_decision import SIGNED, voted  # noqa: F401 (the fixture, used by name)

pytestmark = pytest.mark.django_db


def _text(html):
    """The visible words of the sheet, one space between them."""
    sheet = html.split('id="document"', 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sheet)).strip()


def _docx_words(content):
    docx = Document(io.BytesIO(content))
    words = [p.text for p in docx.paragraphs]
    for table in docx.tables:
        words += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(words)


def test_the_minutes_print_view_shows_attendance_tallies_and_the_official_header(
    voted,  # noqa: F811
    client,
    staff,
):
    session, _dossiers = voted
    client.force_login(staff)
    response = client.get(reverse("council:minutes-print", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Lạng Sơn, ngày 10 tháng 12 năm 2013" in text
    assert "BIÊN BẢN" in text and "Có mặt 5/5 thành viên" in text
    assert text.count(">") == 0 and "Không đạt" in text and "Số hồ sơ đạt: 3/4" in text
    # Print CSS from the site's own files, nothing inline, nothing from elsewhere.
    assert "css/official-document.css" in html and "style=" not in html
    assert "https://" not in html
    # The DOCX carries the same words (its tables are the same blocks).
    docx = _docx_words(client.get(reverse("council:minutes", args=[session.pk])).content)
    for words in ("Thành viên 2", "Đạt", "Có mặt 5/5 thành viên", "II. Kết quả bỏ phiếu kín"):
        assert words in docx and words in text


def test_the_minutes_print_view_waits_for_the_ballot_to_close(staff, client, session):
    client.force_login(staff)
    response = client.get(reverse("council:minutes-print", args=[session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("council:session", args=[session.pk])


def test_the_session_page_links_the_print_view_once_closed(voted, client, staff):  # noqa: F811
    session, _dossiers = voted
    client.force_login(staff)
    page = client.get(reverse("council:session", args=[session.pk])).content.decode()
    assert reverse("council:minutes-print", args=[session.pk]) in page


def test_the_decision_print_view_matches_its_docx(voted, client, staff, leader):  # noqa: F811
    session, _dossiers = voted
    decision = services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    services.record_decision(decision, staff, number="245/QĐ-UBND", date=SIGNED)
    client.force_login(leader)
    text = _text(client.get(reverse("council:decision-print", args=[decision.pk])).content.decode())
    assert "Số: 245/QĐ-UBND" in text and "Lạng Sơn, ngày 20 tháng 12 năm 2013" in text
    assert "Điều 1. Khen thưởng cho 1 tập thể và 2 cá nhân" in text
    assert "Nơi nhận:" in text and "Lý Văn Quang" in text and "DANH SÁCH" in text
    blocks = documents.decision_document(decision).blocks
    assert [b.kind for b in blocks].count("page_break") == 1
    page = client.get(reverse("council:decision", args=[decision.pk])).content.decode()
    assert reverse("council:decision-print", args=[decision.pk]) in page


def test_the_proposal_print_view(staff, client, dossier_in):
    from council.proposals import create_proposal

    proposal = create_proposal(
        staff,
        2013,
        summary="Về việc đề nghị khen thưởng năm 2013",
        dossiers=[dossier_in("in_appraisal", "bang-khen-tinh") for _ in range(2)],
    )
    client.force_login(staff)
    response = client.get(reverse("council:proposal-print", args=[proposal.pk]))
    text = _text(response.content.decode())
    assert "TỜ TRÌNH" in text and "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn" in text
    assert "BAN THI ĐUA - KHEN THƯỞNG" in text and "Về việc đề nghị khen thưởng năm 2013" in text

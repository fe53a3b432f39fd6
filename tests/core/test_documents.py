"""The official layout's formatting rules (Nghị định 30/2020, Phụ lục I) and the DOCX page."""

import datetime
import io

from docx import Document

from core.documents import (
    Header,
    OfficialDocument,
    Signature,
    date_line,
    date_words,
    document_number,
)


def test_numbers_below_ten_have_a_leading_zero():
    assert document_number(5, "QĐ-UBND") == "05/QĐ-UBND"
    assert document_number(245, "QĐ-UBND") == "245/QĐ-UBND"
    assert document_number(10, "TTr-BTĐKT") == "10/TTr-BTĐKT"


def test_date_line_zero_pads_days_below_ten_and_months_one_and_two_only():
    assert date_line("Lạng Sơn", datetime.date(2014, 2, 5)) == "Lạng Sơn, ngày 05 tháng 02 năm 2014"
    assert date_words(datetime.date(2014, 3, 15)) == "ngày 15 tháng 3 năm 2014"
    assert date_words(datetime.date(2014, 1, 9)) == "ngày 09 tháng 01 năm 2014"
    assert date_words(datetime.date(2026, 11, 30)) == "ngày 30 tháng 11 năm 2026"
    assert date_words(datetime.date(2013, 12, 20)) == "ngày 20 tháng 12 năm 2013"


def _sample():
    doc = OfficialDocument()
    doc.header(
        Header(
            parent="",
            issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
            number="05/QĐ-UBND",
            place="Lạng Sơn",
            date=datetime.date(2014, 2, 5),
            kind="Quyết định",
            summary="Về việc khen thưởng",
        )
    )
    doc.paragraph("Điều 1. Nội dung.")
    doc.signature(Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lý Văn Quang"), ["Như Điều 3"])
    return Document(io.BytesIO(doc.to_bytes()))


def test_the_page_is_a4_with_the_official_margins_and_font():
    docx = _sample()
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert docx.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in docx.paragraphs for run in p.runs if run.text}
    assert fonts == {"Times New Roman"}


def test_issuer_and_quoc_hieu_side_by_side_then_number_date_kind():
    docx = _sample()
    left, right = docx.tables[0].rows[0].cells
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in left.text
    assert "Số: 05/QĐ-UBND" in left.text
    assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right.paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert right.paragraphs[2].text == "Lạng Sơn, ngày 05 tháng 02 năm 2014"
    texts = [p.text for p in docx.paragraphs]
    assert "QUYẾT ĐỊNH" in texts
    signature_left, signature_right = docx.tables[-1].rows[0].cells
    assert signature_left.paragraphs[0].text == "Nơi nhận:"
    assert "CHỦ TỊCH" in signature_right.text and "Lý Văn Quang" in signature_right.text


def test_page_numbers_at_the_top_centre_and_none_on_the_first_page():
    section = _sample().sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centre
    assert "PAGE" in header._p.xml
    assert "PAGE" not in section.first_page_header._element.xml

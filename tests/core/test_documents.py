"""The official layout's formatting rules (Nghị định 30/2020, Phụ lục I) and the DOCX page."""

import datetime
import io

import pytest
from docx import Document
from docx.shared import Mm
from lxml import etree

from core.documents import (
    Header,
    OfficialDocument,
    Reread,
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


def test_a_tables_rows_are_read_as_the_docx_is_written_never_held_by_python_docx():
    doc = OfficialDocument()
    rows_in_tree = []

    def rows():
        for number in range(1, 2001):
            # What python-docx's tree holds while each row is written.
            rows_in_tree.append(len(doc.doc.element.body.xpath(".//w:tr")))
            yield (number, f"Người thứ {number}")

    doc.table(["TT", "Họ và tên"], Reread(rows), widths_mm=(12, 100))
    assert rows_in_tree == []  # nothing read while the document is built
    table = Document(io.BytesIO(doc.to_bytes())).tables[0]
    assert len(rows_in_tree) == 2000 and len(set(rows_in_tree)) == 1
    assert len(table.rows) == 2001
    assert [c.text for c in table.rows[2000].cells] == ["2000", "Người thứ 2000"]
    assert [round(c.width.mm) for c in table.rows[2000].cells] == [12, 100]
    # Written again, the rows are read again.
    assert len(Document(io.BytesIO(doc.to_bytes())).tables[0].rows) == 2001


def test_a_one_off_iterator_is_refused_as_rows_it_would_write_only_once():
    with pytest.raises(TypeError):
        OfficialDocument().table(["TT"], iter([(1,)]))


def _python_docx_row(values, widths_mm):
    """A row as python-docx itself builds one (the cells' runs as OfficialDocument makes
    them: Times New Roman, neither bold nor italic)."""
    table = Document().add_table(rows=0, cols=len(values))
    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths_mm, strict=True):
        run = cell.paragraphs[0].add_run(value)
        run.bold, run.italic, run.font.name = False, False, "Times New Roman"
        cell.width = Mm(width)
    return table.rows[0]._tr


def test_a_written_row_is_the_markup_python_docx_would_write():
    values = [
        ("1", "Công ty A & B <Chi nhánh>", " Nguyễn Thị Ánh Tuyết "),
        ("2", "Tab\there", "Line\nbreak\r\nand more"),
        ("3", "", "Trần Văn Bình"),
    ]
    doc = OfficialDocument()
    doc.table(["TT", "Tên", "Đơn vị"], values, widths_mm=(12, 100, 53))
    written = Document(io.BytesIO(doc.to_bytes())).tables[0].rows[1:]
    for row, expected in zip(written, values, strict=True):
        assert etree.tostring(row._tr) == etree.tostring(_python_docx_row(expected, (12, 100, 53)))
    assert [c.text for c in written[0].cells] == list(values[0])


def test_characters_xml_cannot_carry_are_left_out_of_a_row():
    doc = OfficialDocument()
    doc.table(["Tên"], [("Nguyễn\x0bVăn\x00 A",)])
    table = Document(io.BytesIO(doc.to_bytes())).tables[0]
    assert table.rows[1].cells[0].text == "NguyễnVăn A"

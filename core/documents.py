"""Official documents in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (and, before
05/03/2020, Thông tư 01/2011/TT-BNV, with the same blocks).

The small functions (`document_number`, `date_words`, `date_line`) are the formatting rules
every document and report shares; `OfficialDocument` puts the blocks of a text on an A4
page as a DOCX (python-docx) an office opens and edits in Word. Nothing here knows about
dossiers or councils: the callers give the words.

A table's rows are the one part of a document that grows with the data (a decision's
annex lists every awardee), and python-docx holds each row as about 10 KiB of lxml tree.
So python-docx builds everything but the rows, with one sample row per table built the way
python-docx builds a row; when the document is written, the rows are written into the
DOCX's XML as text made from that sample's markup, one at a time, from an iterable read
only then: a document of 20,000 rows takes the memory of one of 100.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from .files import detect_kind

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# Phụ lục I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
A4_MM = (210, 297)


def two_digits(value):
    """A number below 10 written with a leading zero: 5 -> "05", 12 -> "12"."""
    return f"{value:02d}"


def document_number(sequence, suffix):
    """The number of a document in its issuer's series: (5, "QĐ-UBND") -> "05/QĐ-UBND"."""
    return f"{two_digits(int(sequence))}/{suffix}"


def number_line(number):
    return f"Số: {number}" if number else "Số:       /"


def date_words(date):
    """ "ngày 05 tháng 02 năm 2014", "ngày 15 tháng 3 năm 2014": a leading zero for days
    below 10 and for the months 1 and 2 only (Phụ lục I, so "tháng 01" is never misread
    as "tháng 10" or "tháng 11" once a digit is added by hand)."""
    month = two_digits(date.month) if date.month < 3 else str(date.month)
    return f"ngày {two_digits(date.day)} tháng {month} năm {date.year}"


def date_line(place, date):
    """ "Lạng Sơn, ngày 05 tháng 02 năm 2014"; a document not yet signed leaves the day and
    month blank for the pen."""
    if date is None:
        return f"{place}, ngày      tháng      năm"
    return f"{place}, {date_words(date)}"


@dataclass
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH", the title, the name."""

    authority: str = ""  # TM./KT. line, may be empty
    title: str = ""
    name: str = ""


@dataclass
class Header:
    parent: str  # the body above the issuer, e.g. "UBND TỈNH LẠNG SƠN" (may be empty)
    issuer: str  # e.g. "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" or "BAN THI ĐUA - KHEN THƯỞNG"
    number: str  # "05/QĐ-UBND" ("" before it is issued)
    place: str
    date: datetime.date | None
    kind: str  # "QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN"
    summary: str  # "Về việc tặng Bằng khen ..."
    recipients: list = field(default_factory=list)  # "Kính gửi" (a proposal)


@dataclass
class Block:
    """One block of a document as it was written, for the browser's print view: the same
    words in the same order as the DOCX, so the two never disagree."""

    kind: str  # "header", "paragraph", "centred", "blank", "table", "page_break", "signature"
    text: str = ""
    bold: bool = False
    italic: bool = False
    indent: bool = False
    size: int | None = None
    left: list = field(default_factory=list)  # header: [(text, bold)]; signature: recipients
    right: list = field(default_factory=list)  # header: [(text, bold, italic)]; signature
    headings: list = field(default_factory=list)
    rows: object = ()  # a table's rows: re-iterable, walked when drawn (OfficialDocument.table)


class Reread:
    """Rows that `read()` gives afresh each time they are walked: e.g. a query read with
    `.iterator()` as a table's rows, walked when the DOCX is written (or the print view
    drawn) and never held whole."""

    def __init__(self, read):
        self.read = read

    def __iter__(self):
        return iter(self.read())


def template_path(kind):
    """The office's own template for a kind of document, if one was uploaded (a .docx whose
    styles, margins and page header are kept); None for the built-in layout."""
    folder = Path(settings.MEDIA_ROOT) / "document_templates"
    path = folder / f"{kind}.docx"
    return path if path.exists() else None


class OfficialDocument:
    """A DOCX in the official layout, built block by block."""

    def __init__(self, template=None):
        self.doc = Document(str(template)) if template else Document()
        if template:
            # The office's template keeps its layout; its sample text goes.
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            self._layout()
        self._font()
        self.blocks = []
        # The rows of each table, in the document's order, written when it is saved (table()).
        self._table_rows = []

    # Page ------------------------------------------------------------------------------

    def _layout(self):
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        # Page numbers at the top centre, none on the first page.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)

    def _font(self):
        for style_name in ("Normal", "Table Grid"):
            try:
                style = self.doc.styles[style_name]
            except KeyError:
                continue
            style.font.name = FONT
            style.font.size = Pt(13)
            # East Asian fallback would otherwise show Vietnamese in another face.
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), FONT)

    # Blocks ----------------------------------------------------------------------------

    def header(self, header):
        """Issuer and number on the left, Quốc hiệu and the date line on the right."""
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        left.width, right.width = Mm(65), Mm(100)
        self.blocks.append(
            Block(
                "header",
                left=[
                    *([(header.parent.upper(), False)] if header.parent else []),
                    (header.issuer.upper(), True),
                    (number_line(header.number), False),
                ],
                right=[
                    (QUOC_HIEU, True, False),
                    (TIEU_NGU, True, False),
                    (date_line(header.place, header.date), False, True),
                ],
            )
        )
        first = left.paragraphs[0]
        if header.parent:
            self._run(first, header.parent.upper())
            first = left.add_paragraph()
        self._run(first, header.issuer.upper(), bold=True)
        self._run(left.add_paragraph(), number_line(header.number))
        self._run(right.paragraphs[0], QUOC_HIEU, bold=True, size=12)
        self._run(right.add_paragraph(), TIEU_NGU, bold=True)
        self._run(right.add_paragraph(), date_line(header.place, header.date), italic=True)
        for paragraph in (*left.paragraphs, *right.paragraphs):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.blank()
        self.centred(header.kind.upper(), bold=True, size=14)
        if header.summary:
            self.centred(header.summary, bold=True)
        if header.recipients:
            self.blank()
            lines = header.recipients
            self.centred(f"Kính gửi: {lines[0]}" if len(lines) == 1 else "Kính gửi:")
            for line in lines[1:] if len(lines) == 1 else lines:
                self.centred(f"- {line}")
        self.blank()

    def paragraph(self, text, *, bold=False, italic=False, indent=True):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        self._run(paragraph, text, bold=bold, italic=italic)
        self.blocks.append(Block("paragraph", text, bold=bold, italic=italic, indent=indent))
        return paragraph

    def centred(self, text, *, bold=False, italic=False, size=None):
        self.blocks.append(Block("centred", text, bold=bold, italic=italic, size=size))
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def blank(self):
        self.blocks.append(Block("blank"))
        self.doc.add_paragraph()

    def table(self, headings, rows, widths_mm=None):
        """A bordered table with a bold heading row, then `rows` (sequences of values, one per
        heading). The rows are walked only when the document is written (to_bytes) or drawn
        (its blocks), and then one at a time: they may be a list, or a `Reread` of a query,
        but not a one-off iterator, which a second writing would find empty."""
        if iter(rows) is rows:
            raise TypeError("A table's rows must be re-iterable (a list, or Reread).")
        self.blocks.append(Block("table", headings=list(headings), rows=rows))
        table = self.doc.add_table(rows=1, cols=len(headings))
        table.style = self.doc.styles["Table Grid"] if _has_style(self.doc, "Table Grid") else None
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            self._run(cell.paragraphs[0], heading, bold=True)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The sample row, built as python-docx builds a row, whose markup every row copies.
        for number, cell in enumerate(table.add_row().cells):
            self._run(cell.paragraphs[0], _sample_text(number))
        if widths_mm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        sample = table.rows[1]._tr
        number = len(self._table_rows)
        sample.addprevious(etree.Comment(_rows_marker(number, "from")))
        sample.addnext(etree.Comment(_rows_marker(number, "to")))
        self._table_rows.append((rows, len(headings)))
        return table

    def page_break(self):
        self.blocks.append(Block("page_break"))
        self.doc.add_page_break()

    def signature(self, signature, recipients=()):
        """ "Nơi nhận:" on the left, the signer on the right."""
        self.blank()
        self.blocks.append(
            Block(
                "signature",
                left=[f"- {line};" for line in recipients],
                right=[
                    *([signature.authority.upper()] if signature.authority else []),
                    signature.title.upper(),
                ],
                text=signature.name,
            )
        )
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        self._run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
        for line in recipients:
            self._run(left.add_paragraph(), f"- {line};", size=11)
        first = right.paragraphs[0]
        if signature.authority:
            self._run(first, signature.authority.upper(), bold=True)
            first = right.add_paragraph()
        self._run(first, signature.title.upper(), bold=True)
        for _line in range(3):
            right.add_paragraph()
        self._run(right.add_paragraph(), signature.name, bold=True)
        for paragraph in right.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _run(self, paragraph, text, *, bold=False, italic=False, size=None):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = FONT
        if size:
            run.font.size = Pt(size)
        return run

    def to_bytes(self):
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    def save(self, stream):
        """Write the DOCX into the binary file `stream`: python-docx's package entry by
        entry, its main part (word/document.xml) with each table's sample row replaced by the
        table's rows, written as they are read."""
        skeleton = io.BytesIO()
        self.doc.save(skeleton)
        main = self.doc.part.partname.membername
        with (
            zipfile.ZipFile(skeleton) as source,
            zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for entry in source.infolist():
                copy = zipfile.ZipInfo(entry.filename, entry.date_time)
                copy.compress_type, copy.external_attr = entry.compress_type, entry.external_attr
                if entry.filename == main:
                    with target.open(copy, "w") as part:
                        self._write_main_part(source.read(entry), part)
                else:
                    target.writestr(copy, source.read(entry))

    def _write_main_part(self, xml, part):
        """The main part's XML (without its tables' rows, so small) into `part`, each table's
        rows written where its sample row stands."""
        position = 0
        for number, (rows, columns) in enumerate(self._table_rows):
            start = xml.index(_rows_marker_xml(number, "from"), position)
            end = xml.index(_rows_marker_xml(number, "to"), start)
            part.write(xml[position:start])
            sample = xml[start + len(_rows_marker_xml(number, "from")) : end].decode()
            _write_rows(part, sample, columns, rows)
            position = end + len(_rows_marker_xml(number, "to"))
        part.write(xml[position:])


def _sample_text(column):
    return f"sample-cell-{column}"


def _rows_marker(number, end):
    """The comment that stands before ("from") or after ("to") a table's sample row until the
    document is written; no text of a document can close a comment, escaped as it is."""
    return f" rows of table {number} {end} here "


def _rows_marker_xml(number, end):
    return f"<!--{_rows_marker(number, end)}-->".encode()


# Characters XML 1.0 cannot carry (control characters, e.g. pasted from a spreadsheet):
# python-docx refuses the text, Word could not show them; they are left out.
NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Buffered markup written to the part at a time: fewer, larger writes to its compressor.
WRITE_CHUNK = 64 * 1024


def _write_rows(part, sample, columns, rows):
    """Each of `rows` as `sample` (the markup python-docx wrote for the sample row) with each
    cell's text in place of the sample's, written to `part` a chunk at a time."""
    pieces = []
    for column in range(columns):
        before, sample = sample.split(f"<w:t>{_sample_text(column)}</w:t>", 1)
        pieces.append(before)
    pieces.append(sample)
    buffered, size = [], 0
    for values in rows:
        row = [pieces[0]]
        for value, piece in zip(values, pieces[1:], strict=True):
            row += [_run_content(str(value)), piece]
        markup = "".join(row)
        buffered.append(markup)
        size += len(markup)
        if size > WRITE_CHUNK:
            part.write("".join(buffered).encode())
            buffered, size = [], 0
    part.write("".join(buffered).encode())


def _run_content(text):
    """The markup python-docx writes in a run for `text` (docx.oxml.text.run's
    _RunContentAppender): a tab is <w:tab/>, a line break <w:br/>, the rest <w:t>, marked to
    keep its spaces when it begins or ends with one."""
    markup = []
    for piece in re.split(r"(\t|\r|\n)", NOT_XML.sub("", text)):
        if piece == "\t":
            markup.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            markup.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            markup.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(markup)


def _has_style(doc, name):
    return any(style.name == name for style in doc.styles)


def _page_field(paragraph):
    """A PAGE field: Word fills in the page number."""
    run = paragraph.add_run()
    run.font.name = FONT
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# The kinds of document whose template an office may replace.
TEMPLATE_KINDS = ("to_trinh", "bien_ban", "quyet_dinh")


class TemplateError(Exception):
    pass


def template_bytes(kind):
    """The template an office downloads to edit in Word: its own if uploaded, else the
    built-in blank page (A4, margins, page numbers)."""
    path = template_path(kind)
    return path.read_bytes() if path else OfficialDocument().to_bytes()


def save_template(kind, file):
    """Keep an office's edited template (a real .docx python-docx can open) for `kind`."""
    if kind not in TEMPLATE_KINDS:
        raise TemplateError(_("Loại văn bản không hợp lệ."))
    if not file.name.lower().endswith(".docx") or detect_kind(file) != "docx":
        raise TemplateError(_("Tệp “%s” không phải là tệp Word .docx.") % file.name)
    data = file.read()
    try:
        Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds on a damaged package
        raise TemplateError(_("Không mở được tệp “%s”.") % file.name) from error
    folder = Path(settings.MEDIA_ROOT) / "document_templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.docx").write_bytes(data)

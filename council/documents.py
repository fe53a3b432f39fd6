"""The council's documents as DOCX in the official layout (core.documents): the office's
proposal (tờ trình), the session's minutes (biên bản) and the chairman's decision (quyết
định) with its annex list."""

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from awards.enums import NAMED_NOMINEES, NomineeKind
from core.documents import (
    Header,
    OfficialDocument,
    Reread,
    Signature,
    date_line,
    date_words,
    template_path,
)
from units.lifecycle import name_in_year, name_on, names_in_year

from . import selectors

PLACE = "Lạng Sơn"
PROVINCE = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
OFFICE_PARENT = "SỞ NỘI VỤ TỈNH LẠNG SƠN"
OFFICE = "BAN THI ĐUA - KHEN THƯỞNG"
COUNCIL = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH LẠNG SƠN"
LEGAL_BASIS = "Căn cứ Luật Thi đua, Khen thưởng và các văn bản hướng dẫn thi hành;"


def nominee_line(dossier):
    # A collective or a household is named by its name (collective_name), a person by
    # name, position and workplace.
    if dossier.nominee_kind in NAMED_NOMINEES:
        return dossier.collective_name
    parts = [dossier.full_name, dossier.position, dossier.workplace]
    return ", ".join(p for p in parts if p)


def by_award_type(dossiers):
    """OrderedDict award type -> dossiers, in the annex's order (collectives first)."""
    groups = OrderedDict()
    for dossier in sorted(dossiers, key=selectors.annex_order):
        groups.setdefault(dossier.award_type, []).append(dossier)
    return groups


@dataclass(frozen=True)
class NomineeCounts:
    """How many collectives, individuals and households a document names: its Điều 1 says
    "cho 2 tập thể và 5 cá nhân", and "cho 2 tập thể, 5 cá nhân và 1 hộ gia đình" when
    households are among them (a household is not a person: counting it as one would
    misstate the decision)."""

    collectives: int = 0
    individuals: int = 0
    households: int = 0

    @property
    def total(self):
        return self.collectives + self.individuals + self.households

    def __add__(self, other):
        return NomineeCounts(
            self.collectives + other.collectives,
            self.individuals + other.individuals,
            self.households + other.households,
        )

    def phrase(self):
        if self.households:
            return (
                f"{self.collectives} tập thể, {self.individuals} cá nhân "
                f"và {self.households} hộ gia đình"
            )
        return f"{self.collectives} tập thể và {self.individuals} cá nhân"


def counts(nominees):
    """NomineeCounts of dossiers (or award records) by their nominee_kind."""
    kinds = [nominee.nominee_kind for nominee in nominees]
    return NomineeCounts(
        collectives=kinds.count(NomineeKind.COLLECTIVE),
        individuals=kinds.count(NomineeKind.INDIVIDUAL),
        households=kinds.count(NomineeKind.HOUSEHOLD),
    )


@dataclass
class AnnexGroup:
    """One award type's part of an annex: its counts (NomineeCounts), and its dossiers in
    the annex's order, re-iterable (a list, or a Reread of a query): walked when the document
    is written."""

    award_type: object
    counts: NomineeCounts
    dossiers: Iterable


def annex_groups(dossiers):
    """The annex of dossiers held in a list (a proposal's), by award type."""
    return [
        AnnexGroup(award_type, counts(group), group)
        for award_type, group in by_award_type(dossiers).items()
    ]


def _annex(doc, groups, names_by_year=None):
    """The annex's tables by award type (AnnexGroup). `names_by_year` ({year: {unit id:
    name}}) saves reading the units' names of a year when the caller has them."""
    headings = ["TT", "Tên tập thể, cá nhân", "Đơn vị đề nghị"]
    names_by_year = {} if names_by_year is None else names_by_year

    def unit_name(dossier):
        # The name the unit had in the dossier's year (units.lifecycle): renamed since, the
        # document still names it as it was.
        if dossier.year not in names_by_year:
            names_by_year[dossier.year] = names_in_year(dossier.year)
        return names_by_year[dossier.year].get(dossier.unit_id, dossier.unit.name)

    def rows(dossiers):
        # Read as the document is written, a dossier at a time (core.documents' table()).
        return Reread(
            lambda: (
                (number, nominee_line(d), unit_name(d))
                for number, d in enumerate(dossiers, start=1)
            )
        )

    for group in groups:
        doc.paragraph(f"{group.award_type.name} ({group.counts.total})", bold=True, indent=False)
        doc.table(headings, rows(group.dossiers), widths_mm=(12, 100, 53))


def decision_document(decision):
    """The chairman's decision: Điều 1 with the counts, Điều 2 and 3, the annex by award type,
    its dossiers read from the database as the document is written (any number in the
    memory of a few)."""
    groups = [
        AnnexGroup(
            award_type,
            NomineeCounts(**by_kind),
            Reread(lambda t=award_type: selectors.decision_dossiers_of(decision, t)),
        )
        for award_type, by_kind in selectors.decision_annex(decision)
    ]
    return decision_document_for(decision, groups)


def decision_document_for(decision, groups, names_by_year=None):
    """decision_document for the given annex (AnnexGroup, in order; bench/document_memory.py
    measures its memory with thousands of awardees)."""
    named = sum((group.counts for group in groups), NomineeCounts())
    doc = OfficialDocument(template_path("quyet_dinh"))
    awards = ", ".join(group.award_type.name for group in groups)
    doc.header(
        Header(
            parent="",
            issuer=PROVINCE,
            number=decision.number,
            place=PLACE,
            date=decision.date,
            kind="Quyết định",
            summary=f"Về việc khen thưởng {awards} năm {decision.session.year}",
        )
    )
    doc.centred("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", bold=True)
    doc.paragraph("Căn cứ Luật Tổ chức chính quyền địa phương;", italic=True)
    doc.paragraph(
        "Căn cứ Luật Thi đua, Khen thưởng và các văn bản hướng dẫn thi hành;", italic=True
    )
    doc.paragraph(
        "Xét đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh và kết quả biểu quyết của Hội "
        f"đồng Thi đua - Khen thưởng tỉnh tại phiên họp {date_words(decision.session.date)},",
        italic=True,
    )
    doc.centred("QUYẾT ĐỊNH:", bold=True)
    doc.paragraph(
        f"Điều 1. Khen thưởng cho {named.phrase()} "
        "(có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua năm "
        f"{decision.session.year}."
    )
    doc.paragraph(
        "Điều 2. Kèm theo danh hiệu, hình thức khen thưởng là tiền thưởng theo quy định hiện hành."
    )
    doc.paragraph(
        "Điều 3. Chánh Văn phòng UBND tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh, Thủ trưởng "
        "các đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
        "hành Quyết định này./."
    )
    doc.signature(
        Signature(decision.signer_authority, decision.signer_title, decision.signer_name),
        recipients=("Như Điều 3", "Ban TĐKT Trung ương", "Lưu: VT, BTĐKT"),
    )
    doc.page_break()
    doc.centred("DANH SÁCH", bold=True)
    number = decision.number or "      "
    doc.centred(
        f"Tập thể, cá nhân được khen thưởng (kèm theo Quyết định số {number} của Chủ tịch "
        "UBND tỉnh Lạng Sơn)",
        italic=True,
    )
    _annex(doc, groups, names_by_year)
    return doc


def minutes_document(session):
    """The minutes: attendance, quorum, the tally of each dossier."""
    members = list(selectors.members_of(session.year))
    present = set(session.present.values_list("pk", flat=True))
    items = list(selectors.session_items(session))
    doc = OfficialDocument(template_path("bien_ban"))
    doc.header(
        Header(
            parent="",
            issuer=COUNCIL,
            number="",
            place=PLACE,
            date=session.date,
            kind="Biên bản",
            summary=f"Họp Hội đồng Thi đua - Khen thưởng tỉnh xét khen thưởng năm {session.year}",
        )
    )
    doc.paragraph(
        f"Hôm nay, {date_words(session.date)}, tại {session.place}, Hội đồng Thi đua - Khen "
        f"thưởng tỉnh họp xét đề nghị khen thưởng. Có mặt {len(present)}/{len(members)} thành "
        f"viên (cần {selectors.quorum(len(members))} để biểu quyết)."
    )
    doc.paragraph("I. Thành viên dự họp", bold=True, indent=False)
    doc.table(
        ["TT", "Họ và tên", "Chức danh", "Có mặt"],
        [
            (i, m.full_name, m.council_role, "Có" if m.pk in present else "Vắng")
            for i, m in enumerate(members, start=1)
        ],
        widths_mm=(12, 65, 60, 28),
    )
    doc.paragraph("II. Kết quả bỏ phiếu kín", bold=True, indent=False)
    doc.table(
        ["TT", "Hồ sơ", "Tập thể, cá nhân", "Đồng ý", "Không đồng ý", "Cần đạt", "Kết quả"],
        [
            (
                i,
                item.dossier.reference,
                f"{nominee_line(item.dossier)} - {item.dossier.award_type.name}",
                item.votes_for,
                item.votes_against,
                item.required_for,
                "Đạt" if item.passed else "Không đạt",
            )
            for i, item in enumerate(items, start=1)
        ],
        widths_mm=(10, 25, 62, 17, 17, 17, 17),
    )
    doc.paragraph(
        f"Số hồ sơ đạt: {sum(1 for item in items if item.passed)}/{len(items)}. "
        "Biên bản được thông qua tại phiên họp./."
    )
    doc.signature(Signature("", "THƯ KÝ HỘI ĐỒNG", ""), recipients=("Lưu: BTĐKT",))
    return doc


def proposal_document(proposal):
    """A tờ trình: the unit's to the office, or the office's to the council."""
    items = list(proposal.items.select_related("dossier__award_type", "dossier__unit"))
    dossiers = [item.dossier for item in items]
    office = proposal.kind == "office"
    doc = OfficialDocument(template_path("to_trinh"))
    doc.header(
        Header(
            parent=OFFICE_PARENT if office else "",
            issuer=OFFICE if office else name_in_year(proposal.unit, proposal.year),
            number=proposal.number,
            place=PLACE,
            date=proposal.date,
            kind="Tờ trình",
            summary=proposal.summary,
            recipients=(
                ["Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn"]
                if office
                else ["Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"]
            ),
        )
    )
    doc.paragraph(
        f"Căn cứ kết quả thi đua năm {proposal.year}, đề nghị xét khen thưởng cho "
        f"{counts(dossiers).phrase()} (có danh sách kèm theo)."
    )
    _annex(doc, annex_groups(dossiers))
    doc.signature(
        Signature("", proposal.signer_title or "TRƯỞNG BAN", proposal.signer_name),
        recipients=("Như trên", "Lưu: VT"),
    )
    return doc


def date_line_of(date):
    return date_line(PLACE, date)


def unit_decision_document(decision):
    """The unit head's decision, issued by the unit, with its list by award type."""
    awardees = list(decision.awardees.select_related("award_type"))
    doc = OfficialDocument(template_path("quyet_dinh"))
    doc.header(
        Header(
            parent="",
            issuer=name_on(decision.unit, decision.date),
            number=decision.number,
            place=PLACE,
            date=decision.date,
            kind="Quyết định",
            summary=decision.summary,
        )
    )
    doc.centred(
        f"{decision.signer_title} {name_on(decision.unit, decision.date)}".upper(), bold=True
    )
    doc.paragraph(LEGAL_BASIS, italic=True)
    doc.centred("QUYẾT ĐỊNH:", bold=True)
    doc.paragraph(
        f"Điều 1. Công nhận danh hiệu thi đua, tặng thưởng năm {decision.year} cho "
        f"{counts(awardees).phrase()} (có danh sách kèm theo)."
    )
    doc.paragraph("Điều 2. Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành./.")
    doc.signature(
        Signature("", decision.signer_title, decision.signer_name),
        recipients=("Như Điều 2", "Ban TĐKT tỉnh (b/c)", "Lưu: VT"),
    )
    doc.page_break()
    doc.centred("DANH SÁCH", bold=True)
    groups = OrderedDict()
    for awardee in awardees:
        groups.setdefault(awardee.award_type, []).append(awardee)
    for award_type, rows in groups.items():
        doc.paragraph(f"{award_type.name} ({len(rows)})", bold=True, indent=False)
        doc.table(
            ["TT", "Họ và tên (tên tập thể)", "Chức vụ"],
            [(i, a.name, a.position) for i, a in enumerate(rows, start=1)],
            widths_mm=(12, 90, 63),
        )
    return doc


# The DOCX of each document; the print views render the same document's blocks.
def decision_docx(decision):
    return decision_document(decision).to_bytes()


def minutes_docx(session):
    return minutes_document(session).to_bytes()


def proposal_docx(proposal):
    return proposal_document(proposal).to_bytes()


def unit_decision_docx(decision):
    return unit_decision_document(decision).to_bytes()

"""The decision's annex read back from its DOCX: every awardee, in the annex's order, named
as written (Vietnamese, '&', '<') with the unit's name of the dossier's year, and read from
the database in a number of queries that does not grow with the awardees."""

import datetime
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from awards.enums import NomineeKind
from awards.models import AwardType, Dossier
from council import documents, selectors, services
from units import lifecycle

from .test_decision import voted  # noqa: F401 (the fixture, used by name)

pytestmark = pytest.mark.django_db
SIGNED = datetime.date(2013, 12, 20)
# Written NFC, as the forms keep it: read back, the same code points.
NFC_NAME = unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
ODD_COLLECTIVE = "Công ty TNHH A & B <Chi nhánh Lạng Sơn>"


@pytest.fixture
def decision(voted, staff):  # noqa: F811
    session, _dossiers = voted
    return services.draft_decision(session, staff, signer_name="Lý Văn Quang")


def add_awardees(decision, count, award_code, start):
    """`count` more dossiers of `award_code` on the decision, like its first one (unit, year),
    every fourth a collective, the first person NFC_NAME and the first collective
    ODD_COLLECTIVE."""
    like = decision.dossiers.order_by("pk").first()
    award_type = AwardType.objects.get(code=award_code)
    made = []
    for number in range(start, start + count):
        dossier = Dossier.objects.get(pk=like.pk)
        collective = number % 4 == 0
        dossier.pk = None
        dossier.reference = f"HS-2013-{9000 - number:04d}"  # the reverse of the order made
        dossier.award_type = award_type
        dossier.nominee_kind = NomineeKind.COLLECTIVE if collective else NomineeKind.INDIVIDUAL
        dossier.collective_name = (
            ODD_COLLECTIVE if number == start else f"Phòng số {number}" if collective else ""
        )
        dossier.full_name = (
            "" if collective else NFC_NAME if number == start + 1 else f"Người {number}"
        )
        dossier.position = "" if collective else "Chuyên viên"
        dossier.nominee_key = f"{award_code} {number}"  # one nominee, one dossier a year
        made.append(dossier)
    Dossier.objects.bulk_create(made)
    decision.dossiers.add(*made)


def annex_tables(content):
    """[(heading paragraph, [[cell texts] of each row but the heading])] of the annex."""
    docx = Document(io.BytesIO(content))
    headings = [p.text for p in docx.paragraphs if p.text.endswith(")") and "(" in p.text]
    # Tables: the header, the signature block, then the annex, one table per award type.
    rows = [[[c.text for c in row.cells] for row in t.rows[1:]] for t in docx.tables[2:]]
    return list(zip(headings[-len(rows) :], rows, strict=True))


def test_the_annex_lists_every_awardee_in_order_named_as_in_the_dossiers_year(decision, staff):
    add_awardees(decision, 24, "bang-khen-tinh", start=0)
    add_awardees(decision, 12, "co-thi-dua-tinh", start=100)
    unit = decision.dossiers.first().unit
    old_name = unit.name
    lifecycle.rename_unit(
        unit, name="Tên mới từ 2014", on=datetime.date(2014, 1, 1), reason="Đổi tên", by=staff
    )
    # What the annex must say, from the dossiers sorted in Python (selectors.annex_order).
    expected = [
        (
            f"{award_type.name} ({len(dossiers)})",
            [
                [str(number), documents.nominee_line(d), old_name]
                for number, d in enumerate(dossiers, start=1)
            ],
        )
        for award_type, dossiers in documents.by_award_type(
            selectors.decision_items(decision)
        ).items()
    ]
    found = annex_tables(documents.decision_docx(decision))
    assert found == expected
    assert sum(len(rows) for _heading, rows in found) == 3 + 24 + 12
    texts = [cell for _heading, rows in found for row in rows for cell in row]
    assert ODD_COLLECTIVE in texts and "Tên mới từ 2014" not in texts
    person = next(text for text in texts if text.startswith(NFC_NAME))
    assert unicodedata.is_normalized("NFC", person)
    # Collectives first within an award type.
    kinds = [row[1].startswith(("Phòng", "Công ty")) for row in found[0][1]]
    assert kinds == sorted(kinds, reverse=True)


def test_the_print_view_lists_the_same_awardees(decision, client, leader):
    add_awardees(decision, 8, "bang-khen-tinh", start=0)
    client.force_login(leader)
    html = client.get(reverse("council:decision-print", args=[decision.pk])).content.decode()
    assert "Công ty TNHH A &amp; B &lt;Chi nhánh Lạng Sơn&gt;" in html
    assert f"{NFC_NAME}, Chuyên viên" in html


def test_the_decisions_queries_do_not_grow_with_its_awardees(decision):
    add_awardees(decision, 2, "co-thi-dua-tinh", start=0)
    with CaptureQueriesContext(connection) as few:
        documents.decision_docx(decision)
    add_awardees(decision, 60, "co-thi-dua-tinh", start=10)
    add_awardees(decision, 60, "bang-khen-tinh", start=100)
    with CaptureQueriesContext(connection) as many:
        content = documents.decision_docx(decision)
    assert len(many) == len(few)
    assert sum(len(rows) for _heading, rows in annex_tables(content)) == 3 + 2 + 120


def test_households_are_counted_as_households_and_named_by_their_name(decision, client, leader):
    """A household is not a person: Điều 1 names them apart ("... và 1 hộ gia đình"), in the
    DOCX and on the print view, and the annex names the household, not an empty person."""
    add_awardees(decision, 3, "bang-khen-tinh", start=1)  # individuals only
    household = decision.dossiers.filter(nominee_kind=NomineeKind.INDIVIDUAL).last()
    Dossier.objects.filter(pk=household.pk).update(
        nominee_kind=NomineeKind.HOUSEHOLD,
        collective_name="Hộ ông Hoàng Văn Pản",
        full_name="",
        position="",
    )
    named = documents.counts(selectors.decision_items(decision))
    assert named.households == 1 and named.total == decision.dossiers.count()
    phrase = named.phrase()
    assert phrase.endswith("và 1 hộ gia đình")
    docx = Document(io.BytesIO(documents.decision_docx(decision)))
    article_1 = next(p.text for p in docx.paragraphs if p.text.startswith("Điều 1."))
    assert f"Khen thưởng cho {phrase} (có danh sách kèm theo)" in article_1
    texts = [
        cell
        for _heading, rows in annex_tables(documents.decision_docx(decision))
        for row in rows
        for cell in row
    ]
    assert "Hộ ông Hoàng Văn Pản" in texts
    client.force_login(leader)
    printed = client.get(reverse("council:decision-print", args=[decision.pk])).content.decode()
    assert f"Khen thưởng cho {phrase}" in printed and "Hộ ông Hoàng Văn Pản" in printed
    page = client.get(reverse("council:decision", args=[decision.pk])).content.decode()
    assert '<span id="households">1</span> hộ gia đình' in page

"""The chairman's decision: drafted from the passed dossiers, its DOCX read back, and
recording it approves every listed dossier or none."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from awards import services as award_services
from awards.enums import DossierState
from awards.models import AwardRecord
from council import documents, services
from council.services import CouncilError

from .conftest import DAY, YEAR, vote_all

pytestmark = pytest.mark.django_db
S = DossierState
SIGNED = datetime.date(2013, 12, 20)


@pytest.fixture
def voted(staff, members, dossier_in):
    """A closed session of four dossiers (one a collective) where the last one failed."""
    dossiers = [
        dossier_in("before_council", "bang-khen-tinh"),
        dossier_in("before_council", "bang-khen-tinh"),
        dossier_in("before_council", "bang-khen-tinh", kind="collective", name="Phòng Thử"),
        dossier_in("before_council", "bang-khen-tinh"),
    ]
    session = services.open_session(YEAR, staff, date=DAY, dossiers=dossiers)
    services.set_attendance(session, staff, members)
    vote_all(session, [m.user for m in members], lambda u, i: "against" if i == 3 else "for")
    services.close_ballot(session, staff)
    return session, dossiers


def _docx(content):
    return Document(io.BytesIO(content))


def test_the_draft_lists_only_passed_dossiers_and_article_one_counts_its_annex(voted, staff):
    session, dossiers = voted
    decision = services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    assert set(decision.dossiers.all()) == set(dossiers[:3])
    docx = _docx(documents.decision_docx(decision))
    article = next(p.text for p in docx.paragraphs if p.text.startswith("Điều 1."))
    counted = re.search(r"(\d+) tập thể và (\d+) cá nhân", article)
    collectives, individuals = map(int, counted.groups())
    # Tables: the header, the signature block, then the annex, one table per award type.
    annex_rows = sum(len(table.rows) - 1 for table in docx.tables[2:])
    assert (collectives, individuals) == (1, 2)
    assert collectives + individuals == annex_rows == 3
    texts = [p.text for p in docx.paragraphs]
    assert "DANH SÁCH" in texts and "Bằng khen của Chủ tịch UBND tỉnh (3)" in " ".join(texts)
    # Within an award type collectives come first.
    assert docx.tables[2].rows[1].cells[1].text == "Phòng Thử"


def test_recording_the_decision_approves_every_listed_dossier_at_once(voted, staff):
    session, dossiers = voted
    decision = services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    services.record_decision(decision, staff, number="245/QĐ-UBND", date=SIGNED)
    for dossier in dossiers[:3]:
        dossier.refresh_from_db()
        assert (dossier.state, dossier.decision_number) == (S.APPROVED, "245/QĐ-UBND")
        assert AwardRecord.objects.get(dossier_id=dossier.pk).decision_date == SIGNED
    dossiers[3].refresh_from_db()
    assert dossiers[3].state == S.BEFORE_COUNCIL
    header = _docx(documents.decision_docx(decision)).tables[0].rows[0].cells
    assert "Số: 245/QĐ-UBND" in header[0].text
    assert header[1].paragraphs[2].text == "Lạng Sơn, ngày 20 tháng 12 năm 2013"


def test_one_dossier_that_cannot_be_approved_leaves_them_all_as_they_were(voted, staff, officer):
    session, dossiers = voted
    decision = services.draft_decision(session, staff)
    award_services.move_dossier(dossiers[1], S.WITHDRAWN, officer)  # withdrawn meanwhile
    with pytest.raises(CouncilError):
        services.record_decision(decision, staff, number="245/QĐ-UBND", date=SIGNED)
    for dossier in (dossiers[0], dossiers[2]):
        dossier.refresh_from_db()
        assert dossier.state == S.BEFORE_COUNCIL and not dossier.decision_number
    assert not AwardRecord.objects.filter(dossier_id__in=[d.pk for d in dossiers]).exists()
    decision.refresh_from_db()
    assert decision.recorded_at is None


def test_only_the_office_corrects_a_decision_and_the_history_keeps_the_first(voted, staff, council):
    session, dossiers = voted
    decision = services.draft_decision(session, staff)
    services.record_decision(decision, staff, number="245/QĐ-UBND", date=SIGNED)
    with pytest.raises(CouncilError):
        services.correct_decision(
            decision, council, number="246/QĐ-UBND", date=SIGNED, reason="Nhầm số"
        )
    services.correct_decision(decision, staff, number="246/QĐ-UBND", date=SIGNED, reason="Nhầm số")
    numbers = list(decision.history.order_by("history_date").values_list("number", flat=True))
    assert numbers[-2:] == ["245/QĐ-UBND", "246/QĐ-UBND"]
    dossiers[0].refresh_from_db()
    assert dossiers[0].decision_number == "246/QĐ-UBND"
    assert AwardRecord.objects.get(dossier_id=dossiers[0].pk).decision_number == "246/QĐ-UBND"


def test_minutes_show_attendance_and_tallies(voted, client, staff):
    session, _dossiers = voted
    client.force_login(staff)
    response = client.get(reverse("council:minutes", args=[session.pk]))
    docx = _docx(response.content)
    assert "BIÊN BẢN" in [p.text for p in docx.paragraphs]
    attendance, tallies = docx.tables[1], docx.tables[2]
    assert len(attendance.rows) == 6
    assert [row.cells[6].text for row in tallies.rows[1:]] == ["Đạt", "Đạt", "Đạt", "Không đạt"]
    assert tallies.rows[4].cells[3].text == "0" and tallies.rows[4].cells[4].text == "5"


def test_the_decision_page_records_and_shows_counts(voted, client, staff):
    session, dossiers = voted
    decision = services.draft_decision(session, staff)
    client.force_login(staff)
    url = reverse("council:decision", args=[decision.pk])
    page = client.get(url).content.decode()
    assert 'id="collectives">1<' in page and 'id="individuals">2<' in page
    client.post(
        reverse("council:decision-record", args=[decision.pk]),
        {"number": "245/QĐ-UBND", "date": "2013-12-20"},
    )
    dossiers[0].refresh_from_db()
    assert dossiers[0].state == S.APPROVED

"""Tờ trình: a unit's proposal submits its dossiers together (or none); the office's puts
appraised dossiers before the council, numbered in its series, collectives first."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from awards.enums import DossierState, NomineeKind
from council import documents, proposals

pytestmark = pytest.mark.django_db
S = DossierState
DAY = datetime.date(2013, 11, 5)


def test_a_unit_proposal_submits_its_five_dossiers_together(make_dossier, officer):
    dossiers = [make_dossier() for _ in range(5)]
    proposal = proposals.create_proposal(
        officer, 2013, summary="Về việc đề nghị tặng Bằng khen", dossiers=dossiers
    )
    proposals.send_proposal(proposal, officer, number="12/TTr-SGDĐT", date=DAY)
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.state == S.SUBMITTED
    docx = Document(io.BytesIO(documents.proposal_docx(proposal)))
    texts = [p.text for p in docx.paragraphs]
    assert "TỜ TRÌNH" in texts
    assert "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Lạng Sơn" in texts
    assert "Số: 12/TTr-SGDĐT" in docx.tables[0].rows[0].cells[0].text
    assert "Lạng Sơn, ngày 05 tháng 11 năm 2013" in docx.tables[0].rows[0].cells[1].text


def test_one_dossier_that_cannot_be_submitted_keeps_them_all_back(make_dossier, officer):
    good = make_dossier()
    bad = make_dossier()
    bad.documents.all().delete()  # a required document missing
    proposal = proposals.create_proposal(officer, 2013, summary="Đề nghị", dossiers=[good, bad])
    with pytest.raises(proposals.ProposalError, match=bad.reference):
        proposals.send_proposal(proposal, officer, number="13/TTr-SGDĐT", date=DAY)
    good.refresh_from_db()
    assert good.state == S.DRAFT
    proposal.refresh_from_db()
    assert proposal.sent_at is None


def test_an_officer_cannot_propose_another_units_dossiers(make_dossier, officer2):
    with pytest.raises(proposals.ProposalError):
        proposals.create_proposal(officer2, 2013, summary="Đề nghị", dossiers=[make_dossier()])


def test_the_office_proposal_orders_numbers_and_puts_dossiers_before_the_council(dossier_in, staff):
    person = dossier_in("in_appraisal", "bang-khen-tinh")
    group = dossier_in("in_appraisal", "bang-khen-tinh", kind=NomineeKind.COLLECTIVE)
    proposal = proposals.create_proposal(
        staff, 2013, summary="Về việc đề nghị xét khen thưởng", dossiers=[person, group]
    )
    assert [i.dossier for i in proposal.items.order_by("order")] == [group, person]
    proposals.send_proposal(proposal, staff, date=DAY)
    assert proposal.number == "01/TTr-BTĐKT"
    person.refresh_from_db()
    assert person.state == S.BEFORE_COUNCIL
    docx = Document(io.BytesIO(documents.proposal_docx(proposal)))
    assert "BAN THI ĐUA - KHEN THƯỞNG" in docx.tables[0].rows[0].cells[0].text
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn" in [
        p.text for p in docx.paragraphs
    ]


def test_another_units_officer_does_not_find_a_proposal(client, make_dossier, officer, officer2):
    dossiers = [make_dossier()]
    proposal = proposals.create_proposal(officer, 2013, summary="Đề nghị", dossiers=dossiers)
    client.force_login(officer2)
    assert client.get(reverse("council:proposal", args=[proposal.pk])).status_code == 404

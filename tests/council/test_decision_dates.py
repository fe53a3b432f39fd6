"""A decision date the dossier's own history contradicts is refused at its field (issue 13,
point 5): not before the unit first submitted it, not after today, the centre's not before
the province's; on the awards office's approval form and on the council's decision."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.decision_dates import DecisionDateError, first_submitted_on
from awards.enums import DossierState
from awards.models import Dossier
from council import services as council_services

from .conftest import DAY, YEAR, vote_all

pytestmark = pytest.mark.django_db
S = DossierState


def _approve(client, dossier, date):
    url = reverse("awards:move", args=[dossier.pk, S.APPROVED])
    return client.post(url, {"decision_number": "15/QĐ-UBND", "decision_date": date})


def test_the_demo_history_lies_in_the_plans_year(dossier_in):
    dossier = dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-tinh")
    assert first_submitted_on(dossier).year == 2013
    assert {t.at.year for t in dossier.transitions.all()} == {2013}


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("20/12/2012", "trước ngày đơn vị nộp hồ sơ"),
        ("tomorrow", "là ngày trong tương lai"),
    ],
)
def test_the_office_cannot_date_a_decision_against_the_dossiers_history(
    client, staff, dossier_in, typed, says
):
    dossier = dossier_in(S.BEFORE_COUNCIL, award_code="bang-khen-tinh")
    if typed == "tomorrow":
        typed = f"{timezone.localdate() + datetime.timedelta(days=1):%d/%m/%Y}"
    client.force_login(staff)
    response = _approve(client, dossier, typed)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert says in " ".join(errors["decision_date"])  # at the field, not on top
    assert Dossier.objects.get(pk=dossier.pk).state == S.BEFORE_COUNCIL


def test_a_date_after_the_submission_is_recorded(client, staff, dossier_in):
    # A unit-level award, which the office may still approve on the dossier's page (a
    # provincial one only through the council's decision: test_ballot.py).
    dossier = dossier_in(S.BEFORE_COUNCIL, award_code="giay-khen")
    client.force_login(staff)
    _approve(client, dossier, "15/04/2013")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.decision_date) == (S.APPROVED, datetime.date(2013, 4, 15))


def test_the_centres_decision_cannot_precede_the_provinces(client, staff, dossier_in):
    dossier = dossier_in(S.FORWARDED)  # the province decided on 15/04/2013
    client.force_login(staff)
    url = reverse("awards:move", args=[dossier.pk, S.CENTRAL_APPROVED])
    response = client.post(
        url, {"central_decision_number": "12/QĐ-TTg", "central_decision_date": "01/04/2013"}
    )
    errors = response.context["form"].errors["central_decision_date"]
    assert "trước ngày quyết định của tỉnh (15/04/2013)" in " ".join(errors)
    assert Dossier.objects.get(pk=dossier.pk).state == S.FORWARDED


@pytest.fixture
def decision(staff, members, dossier_in):
    dossiers = [dossier_in("before_council", "bang-khen-tinh") for _ in range(2)]
    session = council_services.open_session(YEAR, staff, date=DAY, dossiers=dossiers)
    council_services.set_attendance(session, staff, members)
    vote_all(session, [m.user for m in members], lambda u, i: "for")
    council_services.close_ballot(session, staff)
    return council_services.draft_decision(session, staff, signer_name="Lý Văn Quang")


def test_the_councils_decision_is_refused_at_its_date_field(client, staff, decision):
    with pytest.raises(DecisionDateError):
        council_services.record_decision(
            decision, staff, number="245/QĐ-UBND", date=datetime.date(2012, 12, 20)
        )
    client.force_login(staff)
    url = reverse("council:decision-record", args=[decision.pk])
    response = client.post(url, {"number": "245/QĐ-UBND", "date": "20/12/2012"})
    assert response.status_code == 200
    assert "trước ngày đơn vị nộp hồ sơ" in " ".join(response.context["record_form"].errors["date"])
    decision.refresh_from_db()
    assert decision.recorded_at is None
    client.post(url, {"number": "245/QĐ-UBND", "date": "20/12/2013"})
    decision.refresh_from_db()
    assert decision.recorded_at is not None

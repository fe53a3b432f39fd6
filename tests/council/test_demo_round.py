"""The demo's 2013 round (`make run`): every piece the issue asks the demo year to hold."""

import pytest

from awards.enums import DossierState
from council.models import Decision, Proposal, Session, UnitDecision
from demo.council import create_demo_round, create_demo_unit_decisions

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_full_2013_round():
    assert create_demo_round()
    assert not create_demo_round()  # a second run changes nothing
    unit = Proposal.objects.get(kind=Proposal.Kind.UNIT)
    assert unit.items.count() >= 5 and unit.sent_at
    office = Proposal.objects.get(kind=Proposal.Kind.OFFICE)
    assert office.number == "01/TTr-BTĐKT"
    session = Session.objects.get(year=2013)
    items = list(session.items.all())
    assert len(items) >= 10
    assert sum(1 for item in items if not item.passed) >= 1
    decision = Decision.objects.get(session=session)
    assert decision.number == "245/QĐ-UBND"
    assert decision.dossiers.count() >= 10
    assert all(d.state == DossierState.APPROVED for d in decision.dossiers.all())


def test_three_units_decide_their_advanced_workers_and_base_soldiers():
    assert create_demo_unit_decisions() == 3
    assert create_demo_unit_decisions() == 0
    for decision in UnitDecision.objects.all():
        codes = set(decision.awardees.values_list("award_type__code", flat=True))
        assert codes == {"lao-dong-tien-tien", "cstd-co-so"}


def test_every_demo_dossier_past_approval_went_through_a_ballot_and_a_decision():
    from awards.models import Dossier
    from demo.awards import create_demo_dossiers

    create_demo_dossiers()
    create_demo_round()
    decided = Dossier.objects.filter(
        state__in=[
            DossierState.APPROVED,
            DossierState.FORWARDED,
            DossierState.CENTRAL_APPROVED,
            DossierState.CENTRAL_REFUSED,
        ]
    ).exclude(award_type__level="unit")
    assert decided.count() >= 20
    for dossier in decided:
        decision = Decision.objects.get(dossiers=dossier, recorded_at__isnull=False)
        assert decision.number == dossier.decision_number
        assert decision.session.items.get(dossier=dossier).passed
    # The April decision of the demo's other dossiers, and the year-end round's.
    assert set(Decision.objects.values_list("number", flat=True)) == {"101/QĐ-UBND", "245/QĐ-UBND"}
    assert not create_demo_dossiers() and not create_demo_round()

"""Every move of the workflow, state by state and role by role (written out here, not read
from awards.rules, so a wrong table fails)."""

import pytest

from awards import services
from awards.enums import DossierState
from awards.models import AwardRecord, Dossier, DossierTransition
from tests.awards.conftest import EVERYTHING

pytestmark = pytest.mark.django_db

S = DossierState
ROLES = ["officer", "officer2", "staff", "council", "leader", "admin_user"]
# Who may act: the dossier's own unit's officer, the office (staff; admin stands in), council.
ACTORS = {
    "officer": "unit",
    "officer2": None,  # officer of another unit
    "staff": "office",
    "admin_user": "office",
    "council": "council",
    "leader": None,
}
ALLOWED = {
    (S.DRAFT, S.SUBMITTED): "unit",
    (S.RETURNED, S.SUBMITTED): "unit",
    (S.SUBMITTED, S.IN_APPRAISAL): "office",
    (S.SUBMITTED, S.RETURNED): "office",
    (S.IN_APPRAISAL, S.RETURNED): "office",
    (S.IN_APPRAISAL, S.BEFORE_COUNCIL): "office",
    (S.BEFORE_COUNCIL, S.BEFORE_COUNCIL): "council",
    (S.BEFORE_COUNCIL, S.APPROVED): "office",
    (S.BEFORE_COUNCIL, S.REFUSED): "office",
    (S.APPROVED, S.FORWARDED): "office",
    (S.FORWARDED, S.CENTRAL_APPROVED): "office",
    (S.FORWARDED, S.CENTRAL_REFUSED): "office",
    (S.DRAFT, S.WITHDRAWN): "unit",
    (S.SUBMITTED, S.WITHDRAWN): "unit",
    (S.IN_APPRAISAL, S.WITHDRAWN): "unit",
    (S.RETURNED, S.WITHDRAWN): "unit",
    (S.BEFORE_COUNCIL, S.WITHDRAWN): "unit",
}
ALLOWED_CASES = [
    (from_state, to_state, role)
    for (from_state, to_state), actor in ALLOWED.items()
    for role in ROLES
    if ACTORS[role] == actor
]


@pytest.mark.parametrize(("from_state", "to_state", "role"), ALLOWED_CASES, ids=str)
def test_allowed_move_changes_state_and_writes_history(
    request, dossier_in, from_state, to_state, role
):
    user = request.getfixturevalue(role)
    # The office approves directly only the unit-level titles; provincial and state-level
    # ones go through the council's decision (tests/council/test_ballot.py).
    if to_state == S.APPROVED:
        dossier = dossier_in(from_state, award_code="giay-khen")
    else:
        dossier = dossier_in(from_state)
    before = dossier.transitions.count()

    services.move_dossier(dossier, to_state, user, **EVERYTHING)

    dossier.refresh_from_db()
    assert dossier.state == to_state
    last = dossier.transitions.order_by("-pk").first()
    assert dossier.transitions.count() == before + 1
    assert (last.from_state, last.to_state, last.by) == (from_state, to_state, user)
    assert last.comment == "Ý kiến kiểm thử"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("from_state", list(S), ids=str)
def test_every_other_move_is_refused_and_changes_nothing(request, dossier_in, from_state, role):
    user = request.getfixturevalue(role)
    dossier = dossier_in(from_state)
    history = list(DossierTransition.objects.filter(dossier=dossier).values_list("pk", flat=True))
    for to_state in S:
        if ALLOWED.get((from_state, to_state)) == ACTORS[role]:
            continue
        with pytest.raises(services.DossierRuleError) as error:
            services.move_dossier(dossier, to_state, user, **EVERYTHING)
        assert dossier.reference in str(error.value)
        stored = Dossier.objects.get(pk=dossier.pk)
        assert stored.state == from_state
        assert dossier.state == from_state
        assert list(stored.transitions.values_list("pk", flat=True)) == history


def test_a_move_without_its_reason_or_decision_is_refused(dossier_in, staff):
    dossier = dossier_in(S.BEFORE_COUNCIL)
    with pytest.raises(services.DossierRuleError, match="Cần ghi lý do"):
        services.move_dossier(dossier, S.REFUSED, staff)
    with pytest.raises(services.DossierRuleError, match="số và ngày của quyết định"):
        services.move_dossier(dossier, S.APPROVED, staff, decision_number="12/QĐ-UBND")
    assert Dossier.objects.get(pk=dossier.pk).state == S.BEFORE_COUNCIL


def test_decided_award_enters_the_history_only_when_given(dossier_in, staff):
    province = dossier_in(S.APPROVED, award_code="bang-khen-tinh")
    record = AwardRecord.objects.get(dossier=province)
    assert (record.name, record.year, record.decision_number) == (
        province.full_name,
        2013,
        province.decision_number,
    )
    forwarded = dossier_in(S.FORWARDED)
    assert not AwardRecord.objects.filter(dossier=forwarded).exists()
    services.move_dossier(forwarded, S.CENTRAL_APPROVED, staff, **EVERYTHING)
    assert AwardRecord.objects.get(dossier=forwarded).decision_number == "1234/QĐ-TTg"


def test_only_state_level_dossiers_are_forwarded(dossier_in, staff):
    dossier = dossier_in(S.APPROVED, award_code="bang-khen-tinh")
    with pytest.raises(services.DossierRuleError, match="Không thể chuyển"):
        services.move_dossier(dossier, S.FORWARDED, staff)


def test_a_stale_copy_loses_to_the_move_already_made(dossier_in, staff, officer):
    """Compare-and-set: the second of two moves from the same state fails, nothing lost."""
    dossier = dossier_in(S.SUBMITTED)
    stale = Dossier.objects.get(pk=dossier.pk)
    services.move_dossier(dossier, S.IN_APPRAISAL, staff)
    with pytest.raises(services.DossierRuleError, match="vừa được người khác chuyển"):
        services.move_dossier(stale, S.WITHDRAWN, officer)
    assert Dossier.objects.get(pk=dossier.pk).state == S.IN_APPRAISAL
    assert dossier.transitions.filter(to_state=S.WITHDRAWN).count() == 0


def test_bulk_move_reports_what_moved_and_why_the_rest_did_not(dossier_in, staff):
    ready = [dossier_in(S.SUBMITTED), dossier_in(S.SUBMITTED)]
    draft = dossier_in(S.DRAFT)
    result = services.bulk_move([*ready, draft], S.IN_APPRAISAL, staff)
    assert result.moved == ready
    assert [d for d, _ in result.refused] == [draft]
    assert "Đang soạn" in result.refused_lines()[0]
    assert draft.reference in result.refused_lines()[0]
    assert Dossier.objects.get(pk=draft.pk).state == S.DRAFT


def test_references_are_readable_and_unique(make_dossier):
    first, second = make_dossier(), make_dossier()
    assert first.reference.startswith("HS-2013-") and len(first.reference) == len("HS-2013-0001")
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1

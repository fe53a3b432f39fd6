"""The council's secret ballot: who may vote, once, what anyone can read, and the gate that
keeps a dossier below its votes from being approved."""

import datetime

import pytest
from django.urls import reverse

from awards import services as award_services
from awards.enums import DossierState
from council import selectors, services
from council.models import BallotCast, SessionItem
from council.services import CouncilError

from .conftest import DAY, YEAR, vote_all

pytestmark = pytest.mark.django_db
S = DossierState
DECISION = {"decision_number": "245/QĐ-UBND", "decision_date": datetime.date(2013, 12, 20)}


def test_votes_needed_defaults_to_more_than_half_and_follows_the_setting(settings, members):
    from awards.models import AwardType

    award = AwardType.objects.get(code="bang-khen-tinh")
    assert selectors.votes_needed(award, 5) == 3
    assert selectors.votes_needed(award, 4) == 3
    settings.COUNCIL_VOTES_NEEDED = {"bang-khen-tinh": "2/3"}
    assert selectors.votes_needed(award, 9) == 6
    assert selectors.votes_needed(award, 10) == 7


def test_a_member_votes_on_a_whole_list_and_only_tallies_exist(session, members):
    users = [m.user for m in members]
    vote_all(session, users, lambda u, i: "for" if u < 3 or i == 0 else "against")
    items = list(session.items.order_by("order"))
    assert [(i.votes_for, i.votes_against) for i in items] == [(5, 0), (3, 2), (3, 2)]
    # Who voted is kept; how is not linked to anyone: the cast rows hold no choice.
    assert BallotCast.objects.filter(item__session=session).count() == 15
    assert {f.name for f in BallotCast._meta.get_fields()} == {"id", "item", "member"}


def test_a_member_cannot_vote_twice(session, members, council):
    item = session.items.first()
    services.cast_votes(session, council, {item.pk: "for"})
    with pytest.raises(CouncilError, match="chỉ bỏ một phiếu"):
        services.cast_votes(session, council, {item.pk: "against"})
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (1, 0)


def test_only_present_members_vote_and_only_with_a_quorum(staff, members, before_council, leader):
    session = services.open_session(YEAR, staff, date=DAY, dossiers=before_council(1))
    item = session.items.get()
    with pytest.raises(CouncilError, match="có mặt"):
        services.cast_votes(session, members[0].user, {item.pk: "for"})
    services.set_attendance(session, staff, members[:3])  # 3 of 5, quorum is 4 (2/3)
    with pytest.raises(CouncilError, match="chưa đủ số thành viên"):
        services.cast_votes(session, members[0].user, {item.pk: "for"})
    services.set_attendance(session, staff, members[:4])
    with pytest.raises(CouncilError, match="có mặt"):
        services.cast_votes(session, members[4].user, {item.pk: "for"})
    with pytest.raises(CouncilError, match="có mặt"):
        services.cast_votes(session, leader, {item.pk: "for"})


def test_nobody_reads_a_vote_or_a_tally_before_the_ballot_closes(client, session, members, staff):
    item = session.items.order_by("order").first()
    services.cast_votes(session, members[0].user, {item.pk: "against"})
    for user in (staff, members[0].user, members[1].user):
        client.force_login(user)
        page = client.get(reverse("council:session", args=[session.pk])).content.decode()
        assert "Không đồng ý" not in page  # no tally column yet
        assert "1/5" in page  # only how many have voted
    client.force_login(members[1].user)
    page = client.get(reverse("council:vote", args=[session.pk])).content.decode()
    assert page.count('value="against"') == 3  # nothing marks what member 1 chose


def test_below_its_votes_a_dossier_cannot_be_approved(session, members, staff):
    users = [m.user for m in members]
    items = vote_all(session, users, lambda u, i: "for" if i == 0 or u < 2 else "against")
    first, failed = items[0].dossier, items[1].dossier
    with pytest.raises(award_services.DossierRuleError, match="đang được Hội đồng bỏ phiếu"):
        award_services.move_dossier(first, S.APPROVED, staff, **DECISION)
    services.close_ballot(session, staff)
    with pytest.raises(award_services.DossierRuleError, match="2/5 phiếu đồng ý, cần 3"):
        award_services.move_dossier(failed, S.APPROVED, staff, **DECISION)
    failed.refresh_from_db()
    assert failed.state == S.BEFORE_COUNCIL
    # Even passed, a provincial dossier is approved only through the session's decision.
    with pytest.raises(award_services.DossierRuleError, match="không ghi trực tiếp"):
        award_services.move_dossier(first, S.APPROVED, staff, **DECISION)
    decision = services.draft_decision(session, staff)
    assert list(decision.dossiers.all()) == [first]
    # A failed dossier slipped onto the decision's list (e.g. in admin) stops it all.
    decision.dossiers.add(failed)
    with pytest.raises(CouncilError, match="2/5 phiếu đồng ý, cần 3"):
        services.record_decision(decision, staff, number="245/QĐ-UBND", date=DAY)
    first.refresh_from_db()
    assert first.state == S.BEFORE_COUNCIL
    decision.dossiers.remove(failed)
    services.record_decision(decision, staff, number="245/QĐ-UBND", date=DAY)
    first.refresh_from_db()
    assert first.state == S.APPROVED and SessionItem.objects.get(pk=items[0].pk).passed


def test_a_dossier_never_put_to_the_ballot_cannot_be_approved_directly(dossier_in, staff):
    dossier = dossier_in("before_council", "bang-khen-tinh")
    with pytest.raises(award_services.DossierRuleError) as refused:
        award_services.move_dossier(dossier, S.APPROVED, staff, **DECISION)
    assert "Bằng khen của Chủ tịch UBND tỉnh" in str(refused.value)
    assert "do Hội đồng Thi đua - Khen thưởng tỉnh xét" in str(refused.value)
    dossier.refresh_from_db()
    assert dossier.state == S.BEFORE_COUNCIL and not dossier.decision_number


def test_a_unit_level_dossier_is_still_approved_directly(dossier_in, staff):
    dossier = dossier_in("before_council", "giay-khen")
    award_services.move_dossier(dossier, S.APPROVED, staff, **DECISION)
    dossier.refresh_from_db()
    assert dossier.state == S.APPROVED


def test_a_decision_approves_only_the_dossiers_it_lists(staff, members, dossier_in):
    listed, other = (dossier_in("before_council", "bang-khen-tinh") for _ in range(2))
    session = services.open_session(YEAR, staff, date=DAY, dossiers=[listed, other])
    services.set_attendance(session, staff, members)
    vote_all(session, [m.user for m in members], lambda u, i: "for")
    services.close_ballot(session, staff)
    decision = services.draft_decision(session, staff)
    decision.dossiers.remove(other)
    refused = pytest.raises(award_services.DossierRuleError, match="không ghi trực tiếp")
    with selectors.recording(decision), refused:
        award_services.move_dossier(other, S.APPROVED, staff, **DECISION)


def test_the_council_saying_no_stops_the_office_approving(dossier_in, staff, council):
    from demo.awards import record_council_opinion

    dossier = dossier_in("before_council", "bang-khen-tinh")
    record_council_opinion(dossier, council, "refuse")
    with pytest.raises(award_services.DossierRuleError, match="không đề nghị"):
        award_services.move_dossier(dossier, S.APPROVED, staff, **DECISION)


def test_voting_screen_posts_a_list(client, session, members):
    items = list(session.items.order_by("order"))
    client.force_login(members[0].user)
    data = {f"phieu-{item.pk}": "for" for item in items}
    response = client.post(reverse("council:vote", args=[session.pk]), data)
    assert response.status_code == 302
    assert BallotCast.objects.filter(member=members[0]).count() == 3
    response = client.post(reverse("council:vote", args=[session.pk]), data, follow=True)
    assert "chỉ bỏ một phiếu" in response.content.decode()
    assert sum(SessionItem.objects.filter(session=session).values_list("votes_for", flat=True)) == 3


def test_votes_needed_follow_the_rule_set_in_force_where_it_names_a_share():
    # Under Nghị định 91/2017 (rule set tdkt-2013) a provincial title needs 90 % of the
    # members; the 2013 plan's rule set names no share, so the setting's default applies.
    import datetime

    from awards.models import AwardType

    tinh = AwardType.objects.get(code="cstd-tinh")
    assert selectors.votes_needed(tinh, 10, datetime.date(2018, 12, 1)) == 9
    assert selectors.votes_needed(tinh, 10, datetime.date(2013, 12, 1)) == 6


def test_the_session_page_marks_the_default_quorum_unverified(client, staff, session, settings):
    client.force_login(staff)
    url = reverse("council:session", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'id="quorum-unverified"' in page and "chưa kiểm chứng" in page
    settings.COUNCIL_QUORUM = "1/2+"  # the office's own rules of procedure
    assert 'id="quorum-unverified"' not in client.get(url).content.decode()

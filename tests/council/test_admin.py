"""The council's records in Django admin: useful lists in bounded queries, nothing added or
deleted there, and the ballot's secrecy kept (no page joins who voted with how)."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from awards.models import AwardType
from council import services
from council.models import BallotCast, Decision, Session, SessionItem
from council.unit_decisions import parse_lines, record_unit_decision
from units.models import Unit

from .conftest import DAY, YEAR, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def closed_round(staff, members, before_council):
    """Two sessions: one closed with a decision recorded, one still voting."""
    session = services.open_session(YEAR, staff, date=DAY, dossiers=before_council(3))
    services.set_attendance(session, staff, members)
    vote_all(session, [m.user for m in members], lambda u, i: "against" if i == 2 else "for")
    services.close_ballot(session, staff)
    decision = services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    services.record_decision(
        decision, staff, number="245/QĐ-UBND", date=datetime.date(2013, 12, 20)
    )
    open_session = services.open_session(
        YEAR, staff, date=datetime.date(2013, 12, 12), dossiers=before_council(2)
    )
    services.set_attendance(open_session, staff, members)
    return session, open_session, decision


CHANGELISTS = [
    "council_councilmember",
    "council_session",
    "council_proposal",
    "council_decision",
    "council_unitdecision",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_each_changelist_answers_in_bounded_queries(
    admin_client, closed_round, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = admin_client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200


def test_changelists_list_filter_and_search(admin_client, closed_round, members):
    session, open_session, decision = closed_round
    page = admin_client.get(reverse("admin:council_councilmember_changelist")).content.decode()
    assert members[1].full_name in page
    response = admin_client.get(
        reverse("admin:council_session_changelist"), {"closed_at__isempty": "1"}
    )
    assert list(response.context["cl"].queryset) == [open_session]
    reference = session.items.order_by("order").first().dossier.reference
    response = admin_client.get(reverse("admin:council_decision_changelist"), {"q": reference})
    assert list(response.context["cl"].queryset) == [decision]
    rows = response.context["cl"].result_list
    assert rows[0].dossier_total == 2


def test_change_pages_answer_and_show_the_lists(admin_client, closed_round, staff):
    session, _open_session, decision = closed_round
    page = admin_client.get(
        reverse("admin:council_session_change", args=[session.pk])
    ).content.decode()
    assert "5 / 0 (Đạt)" in page and "0 / 5 (Không đạt)" in page
    page = admin_client.get(
        reverse("admin:council_decision_change", args=[decision.pk])
    ).content.decode()
    assert "245/QĐ-UBND" in page
    for dossier in decision.dossiers.all():
        assert dossier.reference in page
    history = admin_client.get(reverse("admin:council_decision_history", args=[decision.pk]))
    assert history.status_code == 200


def test_the_ballot_stays_secret_in_admin(admin_client, closed_round, members):
    _session, open_session, _decision = closed_round
    # Who voted has no admin page at all.
    assert BallotCast not in admin.site._registry
    assert SessionItem not in admin.site._registry
    # While members vote, admin shows how many voted, not how.
    item = open_session.items.order_by("order").first()
    services.cast_votes(open_session, members[0].user, {item.pk: "for"})
    services.cast_votes(open_session, members[1].user, {item.pk: "against"})
    page = admin_client.get(
        reverse("admin:council_session_change", args=[open_session.pk])
    ).content.decode()
    assert "công bố khi kết thúc bỏ phiếu" in page
    assert "1 / 1" not in page
    # The counters are never fields of a form: posting them changes nothing.
    response = admin_client.post(
        reverse("admin:council_session_change", args=[open_session.pk]),
        {
            "date": "12/12/2013",
            "place": "Lạng Sơn",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-0-votes_for": "5",
        },
    )
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (1, 1)


def test_nothing_is_added_or_deleted_and_decisions_are_read_only(admin_client, closed_round):
    session, _open, decision = closed_round
    assert admin_client.get(reverse("admin:council_session_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:council_decision_delete", args=[decision.pk])).status_code
        == 403
    )
    admin_client.post(
        reverse("admin:council_decision_change", args=[decision.pk]),
        {"number": "999/QĐ-UBND", "date": "2013-12-21"},
    )
    decision.refresh_from_db()
    assert decision.number == "245/QĐ-UBND"
    assert Session.objects.filter(pk=session.pk).exists()
    assert Decision.objects.count() == 1


def test_unit_decision_change_page_lists_its_awardees(admin_client, officer):
    unit = Unit.objects.get(code="so-gd-dt")
    lines = parse_lines(
        AwardType.objects.get(code="lao-dong-tien-tien"), "Nguyễn Văn Hùng; Giáo viên"
    )
    decision = record_unit_decision(
        unit,
        officer,
        year=YEAR,
        number="215/QĐ-SGDĐT",
        date=datetime.date(2013, 12, 26),
        summary="Về việc công nhận danh hiệu Lao động tiên tiến năm 2013",
        signer_title="GIÁM ĐỐC",
        signer_name="Hoàng Văn Minh",
        lines=lines,
    )
    page = admin_client.get(
        reverse("admin:council_unitdecision_change", args=[decision.pk])
    ).content.decode()
    assert "Nguyễn Văn Hùng" in page and "215/QĐ-SGDĐT" in page

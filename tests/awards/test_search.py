"""The header's search: a person, a dossier reference or a unit (issue 13, point 18)."""

import pytest
from django.urls import reverse

from awards.enums import DossierState
from awards.models import AwardRecord, AwardType

pytestmark = pytest.mark.django_db


def _search(client, text):
    response = client.get(reverse("search"), {"q": text})
    assert response.status_code == 200
    return response


def test_a_unit_is_found_and_linked(client, staff, officer):
    client.force_login(staff)
    response = _search(client, "giao duc va dao tao")
    assert officer.unit.code in [unit["code"] for unit in response.context["units"]]
    assert reverse("unit-detail", args=[officer.unit.code]) in response.content.decode()


def test_a_dossier_is_found_by_reference_and_linked(client, staff, dossier_in):
    dossier = dossier_in(DossierState.SUBMITTED)
    client.force_login(staff)
    response = _search(client, dossier.reference.lower())
    assert list(response.context["dossiers"]) == [dossier]
    assert reverse("awards:dossier", args=[dossier.pk]) in response.content.decode()


def test_an_officer_finds_only_what_they_may_open(client, officer, officer2, dossier_in):
    theirs = dossier_in(DossierState.SUBMITTED, by=officer2)
    client.force_login(officer)
    response = _search(client, theirs.reference)
    assert list(response.context["dossiers"]) == []
    assert list(_search(client, "cao loc").context["units"]) == []


def test_a_person_of_the_history_links_to_the_dossier_behind_it(
    client, staff, dossier_in, django_assert_max_num_queries
):
    dossier = dossier_in(DossierState.APPROVED)
    AwardRecord.objects.create(
        name="Đinh Thị Thu",
        unit=dossier.unit,
        year=2013,
        award_type=AwardType.objects.get(code="giay-khen"),
        dossier=dossier,
    )
    client.force_login(staff)
    _search(client, "dinh thi thu")
    with django_assert_max_num_queries(12):
        response = _search(client, "dinh thi thu")
    page = response.content.decode()
    assert "Đinh Thị Thu" in page
    assert f'<a href="{reverse("awards:dossier", args=[dossier.pk])}">Đinh Thị Thu</a>' in page


def test_the_header_has_the_search_box(client, officer):
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in page and 'role="search"' in page


def test_the_search_reads_a_few_matches_however_many_there_are(client, staff, make_dossier):
    """Each section is the first SEARCH_LIMIT matches found on the dossiers alone; only those
    are joined to their unit and award (not every match), and the queries stay the same
    number however many match."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.selectors import SEARCH_LIMIT

    make_dossier(name="Nguyễn Văn Tìm")
    client.force_login(staff)
    _search(client, "nguyen van tim")
    with CaptureQueriesContext(connection) as few:
        _search(client, "nguyen van tim")
    for number in range(SEARCH_LIMIT + 2):
        make_dossier(name=f"Nguyễn Văn Tìm {number}")
    with CaptureQueriesContext(connection) as many:
        response = _search(client, "nguyen van tim")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["dossiers"]) == SEARCH_LIMIT
    joined = [q["sql"] for q in many.captured_queries if 'INNER JOIN "units_unit"' in q["sql"]]
    dossier_rows = [sql for sql in joined if 'FROM "awards_dossier"' in sql]
    assert dossier_rows and all(
        re.search(rf"IN \(SELECT .* LIMIT {SEARCH_LIMIT}\)", sql, re.S) for sql in dossier_rows
    ), dossier_rows

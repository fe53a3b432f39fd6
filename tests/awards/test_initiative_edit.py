"""Initiatives outside admin (issue 15, point 4): the authors picked from the register, the
year, how far its effect is recognised and by whom; the office for every unit, an officer for
the unit's own."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Initiative
from awards.services import register_initiative
from people.models import Membership, Person

pytestmark = pytest.mark.django_db


def _person(name, unit, born=datetime.date(1980, 1, 2)):
    person = Person.objects.create(full_name=name, date_of_birth=born)
    Membership.objects.create(person=person, unit=unit, start_year=2010)
    return person


@pytest.fixture
def authors(officer):
    return [_person("Nông Thị Hằng", officer.unit), _person("Lý Văn Toàn", officer.unit)]


def test_an_officer_records_an_initiative_with_two_authors_of_the_register(
    client, officer, authors
):
    client.force_login(officer)
    response = client.post(
        reverse("awards:initiatives"),
        {"title": "Bản đồ tư duy lớp 9", "author_people": [p.pk for p in authors], "year": 2013},
        follow=True,
    )
    assert "Đã ghi sáng kiến" in response.content.decode()
    initiative = Initiative.objects.get(title="Bản đồ tư duy lớp 9")
    assert set(initiative.author_people.all()) == set(authors)
    assert initiative.authors == "Nông Thị Hằng, Lý Văn Toàn"


def test_an_initiative_needs_an_author_picked_or_typed(client, officer):
    client.force_login(officer)
    page = client.post(reverse("awards:initiatives"), {"title": "Vô danh", "year": 2013})
    assert "Chọn ít nhất một tác giả, hoặc gõ tên tác giả." in page.content.decode()
    assert not Initiative.objects.filter(title="Vô danh").exists()


def test_an_officer_cannot_pick_a_person_of_another_unit(client, officer, officer2):
    stranger = _person("Hoàng Văn Lạ", officer2.unit)
    client.force_login(officer)
    found = client.get(reverse("people:search"), {"q": "hoang van la"}).json()["results"]
    assert found == []
    page = client.post(
        reverse("awards:initiatives"),
        {"title": "Mượn tên", "author_people": [stranger.pk], "year": 2013},
    ).content.decode()
    assert not Initiative.objects.filter(title="Mượn tên").exists()
    assert "không nằm trong" in page or "Hãy chọn" in page or "Select a valid choice" in page


def test_the_type_ahead_finds_people_without_accents(client, officer, staff, authors):
    client.force_login(officer)
    found = client.get(reverse("people:search"), {"q": "nong thi"}).json()["results"]
    assert found == [{"id": authors[0].pk, "name": "Nông Thị Hằng", "code": "02/01/1980"}]


def test_the_office_sets_the_scope_and_the_history_says_who(client, staff, officer, authors):
    initiative = register_initiative(
        officer.unit, officer, title="Số hóa hồ sơ", authors="A", year=2013
    )
    client.force_login(staff)
    url = reverse("awards:initiative-edit", args=[initiative.pk])
    response = client.post(
        url,
        {
            "title": "Số hóa hồ sơ",
            "author_people": [authors[1].pk],
            "year": 2012,
            "scope": "province",
            "recognised_by": "Hội đồng Khoa học sáng kiến tỉnh",
        },
        follow=True,
    )
    assert "Đã lưu sáng kiến" in response.content.decode()
    initiative.refresh_from_db()
    assert (initiative.scope, initiative.year, initiative.authors) == (
        "province",
        2012,
        "Lý Văn Toàn",
    )
    assert list(initiative.author_people.all()) == [authors[1]]
    latest = initiative.history.latest()
    assert latest.history_user == staff and latest.scope == "province"
    assert [p.person_id for p in latest.author_people.all()] == [authors[1].pk]


def test_an_officer_records_only_the_units_own_level(client, officer, authors):
    initiative = register_initiative(
        officer.unit, officer, title="Sổ tay", authors="", year=2013, author_people=authors
    )
    Initiative.objects.filter(pk=initiative.pk).update(scope="unit")
    client.force_login(officer)
    url = reverse("awards:initiative-edit", args=[initiative.pk])
    page = client.get(url).content.decode()
    assert 'value="province"' not in page and 'value="unit"' in page
    data = {"title": "Sổ tay", "author_people": [authors[0].pk], "year": 2013}
    client.post(url, data | {"scope": "nation", "recognised_by": "Tự công nhận"})
    initiative.refresh_from_db()
    assert initiative.scope == "unit"
    client.post(url, data | {"scope": "unit", "recognised_by": "Giám đốc Sở"})
    initiative.refresh_from_db()
    assert initiative.recognised_by == "Giám đốc Sở"


def test_another_units_initiative_is_not_found(client, officer, officer2):
    initiative = register_initiative(officer.unit, officer, title="Riêng", authors="A", year=2013)
    client.force_login(officer2)
    assert client.get(reverse("awards:initiative-edit", args=[initiative.pk])).status_code == 404


def test_the_list_reads_a_page_in_a_bounded_number_of_queries(
    client, staff, officer, django_assert_max_num_queries
):
    for number in range(30):
        register_initiative(officer.unit, officer, title=f"SK {number}", authors="A", year=2013)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:initiatives"))
    assert response.status_code == 200 and "SK 1" in response.content.decode()

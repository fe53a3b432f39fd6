"""The "as of" date follows the user from page to page, with a way back to today
(issue 13, point 13)."""

import pytest
from django.urls import reverse

from plan.status import today

pytestmark = pytest.mark.django_db


def test_the_chosen_date_is_kept_on_pages_opened_from_the_menu(client, staff):
    client.force_login(staff)
    client.get(reverse("dashboard"), {"ngay": "31/12/2013"})
    for name in ("part-list", "home", "dashboard"):
        response = client.get(reverse(name))
        assert response.context["as_of"].isoformat() == "2013-12-31", name
        page = response.content.decode()
        assert 'value="31/12/2013"' in page
        assert "Về hôm nay" in page


def test_an_empty_date_goes_back_to_today(client, staff):
    client.force_login(staff)
    client.get(reverse("dashboard"), {"ngay": "31/12/2013"})
    assert client.get(reverse("part-list"), {"ngay": ""}).context["as_of"] == today()
    response = client.get(reverse("part-list"))
    assert response.context["as_of"] == today()
    assert "Về hôm nay" not in response.content.decode()


def test_a_wrong_date_is_not_kept(client, staff):
    client.force_login(staff)
    client.get(reverse("dashboard"), {"ngay": "31/02/2013"})
    assert client.get(reverse("part-list")).context["as_of"] == today()


def test_the_date_box_has_a_calendar_beside_it(client, staff):
    client.force_login(staff)
    page = client.get(reverse("dashboard"), {"ngay": "31/12/2013"}).content.decode()
    assert 'data-calendar data-calendar-label="Chọn ngày trên lịch"' in page

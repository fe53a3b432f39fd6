import pytest
from django.urls import reverse

from plan.models import Task

pytestmark = pytest.mark.django_db


def test_home_shows_the_34_tasks_under_their_quarters(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    # 11: one of them reads the names units had that year (a unit renamed since keeps its
    # old name on the year's page: units.lifecycle.names_in_year).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("home"))
    page = response.content.decode()
    for heading in ("QUÝ I", "QUÝ II", "QUÝ III", "QUÝ IV"):
        assert f">{heading}</th>" in page
    for number in range(1, 35):
        assert reverse("task-detail", args=[2013, number]) in page
    assert "Ngày 24/01/2013".lower() in page.lower()
    assert "25/02/2013" in page
    assert "Sở\u00a0 Nội vụ, Ban TĐKT" in page  # task 15's units as the plan writes them


def test_home_query_count_does_not_grow_with_tasks(
    client, staff, plan_2013, django_assert_max_num_queries
):
    for number in range(35, 75):
        task = Task.objects.create(
            plan=plan_2013, number=number, quarter=4, content=f"Việc {number}"
        )
        task.responsible.create(position=1, collective="all_units", written_as="Các đơn vị")
    client.force_login(staff)
    # 12 for the office: one more to list the drafts under way beside the roll-over form,
    # one for the names units had that year.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("home"))
    assert "Việc 74" in response.content.decode()


def test_task_page_shows_content_units_and_due_date(client, leader):
    client.force_login(leader)
    response = client.get(reverse("task-detail", args=[2013, 4]))
    page = response.content.decode()
    assert "- Tổ chức triển khai đăng ký thi đua;<br>- Đăng ký các chỉ tiêu" in page
    assert "Ban TĐKT, Sở Nội vụ" in page
    assert "31/03/2013" in page


def test_unknown_task_or_year_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("task-detail", args=[2013, 35])).status_code == 404
    assert client.get(reverse("plan-detail", args=[1999])).status_code == 404


def test_english_through_the_language_switch(client, staff):
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert "Log out" in page
    assert 'lang="en"' in page

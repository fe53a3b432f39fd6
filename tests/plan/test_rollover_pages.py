"""The office's roll-over pages: the form on the plan, the draft, its edits, publishing."""

import datetime

import pytest
from django.urls import reverse

from plan.models import Plan, Task, TaskPart
from plan.rollover import roll_over_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(plan_2013, staff):
    return roll_over_plan(2013, 2014, by=staff).plan


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_only_the_office_sees_the_roll_over_form(client, staff, leader, officer, plan_2013):
    action = reverse("plan-roll-over", args=[2013])
    client.force_login(staff)
    assert action in client.get(reverse("plan-detail", args=[2013])).content.decode()
    for user in (leader, officer):
        client.force_login(user)
        assert action not in client.get(reverse("plan-detail", args=[2013])).content.decode()


def test_the_office_rolls_over_and_reviews_the_draft(
    client, staff, plan_2013, django_assert_max_num_queries
):
    client.force_login(staff)
    response = client.post(reverse("plan-roll-over", args=[2013]), {"to_year": "2014"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "draft-detail", args=[2014]
    )
    with django_assert_max_num_queries(15):
        response = client.get(reverse("draft-detail", args=[2014]))
    page = response.content.decode()
    assert "Dự thảo kế hoạch năm 2014" in page
    for number in range(1, 35):
        assert reverse("draft-task-edit", args=[2014, number]) in page
    assert "2012-2013" in page and "<strong>2013-2014</strong>" in page
    assert "Kỷ niệm hoặc giai đoạn: giữ nguyên, hãy kiểm tra lại." in page
    assert "Khối văn hóa - xã hội" in page
    # The plan page of that year sends the office to the draft.
    response = client.get(reverse("plan-detail", args=[2014]))
    assert response["Location"] == reverse("draft-detail", args=[2014])


def test_rolling_over_again_from_the_page_changes_nothing_unless_asked(client, staff, draft):
    Task.objects.filter(plan=draft, number=3).update(content="Sửa tay")
    client.force_login(staff)
    url = reverse("plan-roll-over", args=[2013])
    response = client.post(url, {"to_year": "2014"}, follow=True)
    assert "không thay đổi gì" in messages_of(response)[0]
    assert Task.objects.get(plan=draft, number=3).content == "Sửa tay"
    response = client.post(url, {"to_year": "2014", "restart": "on"}, follow=True)
    assert messages_of(response) == ["Đã làm lại dự thảo kế hoạch năm 2014 từ đầu."]
    assert (
        Task.objects.get(plan=draft, number=3).content
        == "Ban hành Kế hoạch công tác TĐKT năm 2014."
    )


def test_a_bad_year_is_refused_with_a_message(client, staff, plan_2013):
    client.force_login(staff)
    url = reverse("plan-roll-over", args=[2013])
    response = client.post(url, {"to_year": "2012"}, follow=True)
    assert messages_of(response) == ["Năm mới phải sau năm 2013."]
    response = client.post(url, {"to_year": "abc"}, follow=True)
    assert messages_of(response) == ["Năm chuyển sang không hợp lệ."]
    assert not Plan.objects.filter(year__in=[2012, 2014]).exclude(pk=plan_2013.pk).exists()


def test_drafts_are_invisible_to_everyone_but_the_office(client, draft, officer, leader, council):
    task = draft.tasks.get(number=3)
    requirement = draft.requirements.first()
    urls = [
        reverse("plan-detail", args=[2014]),
        reverse("task-detail", args=[2014, 3]),
        reverse("draft-detail", args=[2014]),
        reverse("draft-edit", args=[2014]),
        reverse("draft-task-edit", args=[2014, 3]),
        reverse("requirement-detail", args=[requirement.pk]),
    ]
    for user in (officer, leader, council):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("draft-publish", args=[2014])).status_code == 404
        home = client.get(reverse("home")).content.decode()
        assert "Công tác thi đua, khen thưởng năm 2013" in home
    client.force_login(officer)
    send = reverse("submission-create", args=[requirement.pk, officer.unit.code])
    assert client.post(send).status_code == 404
    assert not TaskPart.objects.filter(task=task).exists()


def test_the_office_cannot_give_a_draft_task_parts_from_the_task_pages(client, staff, draft):
    task = draft.tasks.get(number=10)
    client.force_login(staff)
    response = client.post(reverse("task-name-units", args=[task.pk]), {"units": []})
    assert response.status_code == 404
    assert not TaskPart.objects.filter(task=task).exists()


def test_the_header_is_edited_with_errors_at_the_field(client, staff, draft):
    client.force_login(staff)
    url = reverse("draft-edit", args=[2014])
    response = client.post(
        url, {"number": "05/KH-UBND", "issued_on": "31/02/2014", "unit_plans_due_on": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["issued_on"] == ["Nhập một ngày hợp lệ."]
    assert form.errors["unit_plans_due_on"] == ["Trường này là bắt buộc."]
    response = client.post(
        url, {"number": "05/KH-UBND", "issued_on": "20/01/2030", "unit_plans_due_on": "1/3/2014"}
    )
    assert response.context["form"].errors["issued_on"] == [
        "Ngày này không thuộc năm 2014 hay năm liền kề."
    ]
    response = client.post(
        url, {"number": "05/KH-UBND", "issued_on": "20/01/2014", "unit_plans_due_on": "1/3/2014"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.number, draft.issued_on, draft.unit_plans_due_on) == (
        "05/KH-UBND",
        datetime.date(2014, 1, 20),
        datetime.date(2014, 3, 1),
    )
    assert draft.history.latest().history_user == staff


def test_a_task_is_edited_and_its_due_date_kept_in_the_year(client, staff, draft):
    client.force_login(staff)
    url = reverse("draft-task-edit", args=[2014, 5])
    page = client.get(url).content.decode()
    assert "Phát động phong trào thi đua năm 2014." in page
    response = client.post(url, {"content": "Phát động", "quarter": "2", "due_on": "1/5/2015"})
    assert response.context["form"].errors["due_on"] == [
        "Hạn phải nằm trong năm 2014 của kế hoạch."
    ]
    response = client.post(url, {"content": "Phát động thi đua", "quarter": "2", "due_on": ""})
    assert response.status_code == 302
    task = Task.objects.get(plan=draft, number=5)
    assert (task.content, task.quarter, task.due_date) == (
        "Phát động thi đua",
        2,
        datetime.date(2014, 6, 30),
    )
    assert task.history.latest().history_user == staff


def test_publishing_needs_the_header_then_gives_units_their_parts(client, staff, draft):
    client.force_login(staff)
    publish = reverse("draft-publish", args=[2014])
    response = client.post(publish, follow=True)
    assert messages_of(response) == ["Chưa thể ban hành: còn thiếu số, ký hiệu, ngày ban hành."]
    assert Plan.objects.get(pk=draft.pk).is_draft
    client.post(
        reverse("draft-edit", args=[2014]),
        {"number": "05/KH-UBND", "issued_on": "20/01/2014", "unit_plans_due_on": "25/02/2014"},
    )
    response = client.post(publish)
    assert response["Location"] == reverse("plan-detail", args=[2014])
    assert not Plan.objects.get(pk=draft.pk).is_draft
    assert TaskPart.objects.filter(task__plan=draft).exists()
    assert client.get(reverse("draft-detail", args=[2014])).status_code == 404
    page = client.get(reverse("home")).content.decode()
    assert "05/KH-UBND" in page and "Công tác thi đua, khen thưởng năm 2014" in page


def test_the_admin_cannot_publish_past_the_service(client, admin_user, draft):
    client.force_login(admin_user)
    page = client.get(reverse("admin:plan_plan_change", args=[draft.pk])).content.decode()
    assert "Dự thảo" in page
    assert 'name="status"' not in page

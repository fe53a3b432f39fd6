import pytest
from django.urls import reverse

from plan.models import Task
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_task_changelist_lists_tasks_with_units_in_bounded_queries(
    admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:plan_task_changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "UBND tỉnh; Các đơn vị" in page
    assert "34 nhiệm vụ" in page


def test_task_changelist_filters_by_quarter_and_searches_content(admin_client):
    response = admin_client.get(reverse("admin:plan_task_changelist"), {"quarter": "4"})
    assert list(response.context["cl"].queryset.values_list("number", flat=True)) == [
        31,
        32,
        33,
        34,
    ]
    response = admin_client.get(reverse("admin:plan_task_changelist"), {"q": "sáng kiến"})
    assert sorted(response.context["cl"].queryset.values_list("number", flat=True)) == [10, 27]


def test_task_change_page_has_ordered_responsible_inline(admin_client):
    task = Task.objects.get(plan__year=2013, number=4)
    page = admin_client.get(reverse("admin:plan_task_change", args=[task.pk])).content.decode()
    assert "Đơn vị thực hiện" in page or "đơn vị thực hiện" in page
    assert page.index("UBND tỉnh") < page.index("Ban TĐKT, Sở Nội vụ")


def test_unit_changelist_searches_aliases_in_bounded_queries(
    admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:units_unit_changelist"), {"q": "HĐ TĐKT"})
    assert [u.code for u in response.context["cl"].queryset] == ["hd-tdkt"]
    response = admin_client.get(reverse("admin:units_unit_changelist"), {"kind": "district"})
    assert response.context["cl"].result_count == 11


def test_unit_autocomplete_for_the_task_inline(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Giáo dục",
            "app_label": "plan",
            "model_name": "responsibleunit",
            "field_name": "unit",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Sở Giáo dục và Đào tạo"]


def test_user_changelist_shows_unit_and_role(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = admin_client.get(reverse("admin:units_user_changelist")).content.decode()
    assert "Ủy ban nhân dân huyện Cao Lộc" in page
    assert "Cán bộ đơn vị" in page


def test_officers_cannot_open_admin(client, officer):
    client.force_login(officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert Unit.objects.count() > 0


@pytest.mark.parametrize(
    "name",
    [
        "admin:plan_taskpart_changelist",
        "admin:plan_requirement_changelist",
        "admin:plan_submission_changelist",
        "admin:plan_reminder_changelist",
        "admin:units_cluster_changelist",
    ],
)
def test_schedule_changelists_load_in_bounded_queries(
    admin_client, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        assert admin_client.get(reverse(name)).status_code == 200


def test_progress_history_cannot_be_edited_in_admin(admin_client):
    from plan.models import TaskPart

    part = TaskPart.objects.filter(reports__isnull=False).first()
    page = admin_client.get(reverse("admin:plan_taskpart_change", args=[part.pk])).content.decode()
    assert "reports-TOTAL_FORMS" in page
    assert 'name="reports-0-note"' not in page  # shown, not editable
    # Nor can the part be moved to another task or unit: its reports are about that share.
    assert 'name="task"' not in page
    assert 'name="unit"' not in page

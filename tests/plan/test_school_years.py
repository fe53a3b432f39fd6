"""Work that runs by school year (issue 17, point 5): stored, shown as "Năm học 2012-2013",
filtered in the lists and admin, moved on by the roll-over, carried by the spreadsheets."""

import pytest
from django.urls import reverse

from awards.models import AwardType, Category, Dossier
from core.resources.widgets import SchoolYearWidget
from core.schoolyears import parse_school_year, school_year_in_text, school_year_label
from plan.models import Requirement, Task, TaskPart
from plan.resources import TaskResource
from plan.rollover import roll_over_plan

pytestmark = pytest.mark.django_db

SCHOOL_YEAR_TASKS = [25, 27, 28]


def test_reading_school_years():
    assert school_year_in_text("... thành tích ngành Giáo dục năm học 2012-2013.") == 2012
    assert school_year_in_text("sáng kiến cấp tỉnh năm học 2012 – 2013 của ngành") == 2012
    assert school_year_in_text("giai đoạn 2011-2015; năm 2013") is None  # a period
    assert school_year_in_text("năm học 2011-2015") is None
    assert parse_school_year("2012-2013") == parse_school_year("2012") == 2012
    assert parse_school_year("") is None
    with pytest.raises(ValueError):
        parse_school_year("2012-2014")
    assert school_year_label(2012) == "Năm học 2012-2013"


def test_the_2013_plan_runs_tasks_25_27_28_by_school_year(plan_2013):
    by_school_year = dict(
        plan_2013.tasks.exclude(school_year_start=None).values_list("number", "school_year_start")
    )
    assert by_school_year == dict.fromkeys(SCHOOL_YEAR_TASKS, 2012)


def test_the_plan_and_the_task_pages_show_the_school_year(client, staff, plan_2013):
    client.force_login(staff)
    page = client.get(reverse("plan-detail", args=[2013])).content.decode()
    assert page.count('class="badge text-bg-info school-year">Năm học 2012-2013<') == 3
    page = client.get(reverse("task-detail", args=[2013, 27])).content.decode()
    assert "Năm học 2012-2013" in page
    page = client.get(reverse("task-detail", args=[2013, 26])).content.decode()
    assert "school-year" not in page


def test_the_parts_list_filters_by_school_year(
    client, staff, plan_2013, django_assert_max_num_queries
):
    client.force_login(staff)
    client.get(reverse("part-list"), {"nam_hoc": "2012-2013"})
    with django_assert_max_num_queries(14):
        response = client.get(reverse("part-list"), {"nam_hoc": "2012-2013"})
    shown = {part.task.number for part in response.context["page"].object_list}
    expected = TaskPart.objects.filter(task__plan=plan_2013, task__number__in=SCHOOL_YEAR_TASKS)
    assert shown and shown <= set(SCHOOL_YEAR_TASKS)
    assert response.context["page"].paginator.count == expected.count()
    assert "Năm học 2012-2013" in response.content.decode()
    # A school year the plan has no work in lists nothing; one it cannot have is refused.
    response = client.get(reverse("part-list"), {"nam_hoc": "2013-2014"})
    assert response.context["page"].paginator.count == 0
    response = client.get(reverse("part-list"), {"nam_hoc": "1999-2000"})
    assert response.context["form"].errors["nam_hoc"]


def test_the_dashboard_lists_requirements_of_a_school_year(client, staff, plan_2013):
    requirement = Requirement.objects.create(
        plan=plan_2013,
        kind="other",
        title="Báo cáo thành tích năm học",
        due_on="2013-06-30",
        school_year_start=2012,
    )
    client.force_login(staff)
    response = client.get(reverse("dashboard"), {"nam_hoc": "2012-2013"})
    assert list(response.context["requirements"]) == [requirement]
    assert "Năm học 2012-2013" in response.content.decode()
    response = client.get(reverse("dashboard"))
    assert requirement in response.context["requirements"]
    assert len(response.context["requirements"]) > 1
    page = client.get(reverse("requirement-detail", args=[requirement.pk])).content.decode()
    assert "Năm học 2012-2013" in page


def test_the_roll_over_moves_school_years_on(staff, plan_2013):
    Requirement.objects.create(
        plan=plan_2013, kind="other", title="Thành tích năm học", due_on="2013-06-30",
        school_year_start=2012,
    )  # fmt: skip
    roll_over_plan(2013, 2014, staff)
    moved = dict(
        Task.objects.filter(plan__year=2014)
        .exclude(school_year_start=None)
        .values_list("number", "school_year_start")
    )
    assert moved == dict.fromkeys(SCHOOL_YEAR_TASKS, 2013)
    requirement = Requirement.objects.get(plan__year=2014, title="Thành tích năm học")
    assert requirement.school_year == "Năm học 2013-2014"
    assert Task.objects.get(plan__year=2014, number=25).content.endswith("năm học 2013-2014.")


def _dossier_form(**changes):
    data = {
        "nominee_kind": "individual",
        "full_name": "Lộc Thị Hoa",
        "sex": "female",
        "date_of_birth": "08/03/1979",
        "position": "Giáo viên",
        "workplace": "Trường THPT Việt Bắc",
        "award_type": AwardType.objects.get(code="bang-khen-tinh").pk,
        "category": Category.objects.get(code="thuong-xuyen").pk,
        "year": "2013",
        "school_year_start": "2012-2013",
        "achievements": "Hoàn thành xuất sắc nhiệm vụ năm học 2012-2013.",
    }
    data.update(changes)
    return data


def test_a_dossier_runs_by_school_year_and_the_inbox_filters_by_it(client, officer, staff):
    client.force_login(officer)
    response = client.post(reverse("awards:create"), _dossier_form(), follow=True)
    dossier = Dossier.objects.get(full_name="Lộc Thị Hoa")
    assert dossier.school_year_start == 2012
    assert "Năm học 2012-2013" in response.content.decode()
    refused = client.post(reverse("awards:create"), _dossier_form(school_year_start="2010-2011"))
    assert refused.context["form"].errors["school_year_start"] == [
        "Năm học 2010-2011 không thuộc năm 2013 của hồ sơ."
    ]
    refused = client.post(reverse("awards:create"), _dossier_form(school_year_start="2012-2014"))
    assert "không phải là năm học" in refused.context["form"].errors["school_year_start"][0]

    Dossier.objects.filter(pk=dossier.pk).update(state="submitted")
    other = Dossier.objects.exclude(pk=dossier.pk).filter(school_year_start=None).first()
    client.force_login(staff)
    response = client.get(reverse("awards:inbox"), {"school_year": "2012-2013"})
    listed = list(response.context["page"].object_list)
    assert listed == [dossier] and other not in listed
    assert "Năm học 2012-2013" in response.content.decode()


def test_the_admin_lists_filter_by_school_year(client, admin_user, plan_2013):
    client.force_login(admin_user)
    response = client.get(reverse("admin:plan_task_changelist"), {"nam_hoc": "2012-2013"})
    assert sorted(task.number for task in response.context["cl"].result_list) == [25, 27, 28]
    response = client.get(reverse("admin:plan_task_changelist"), {"nam_hoc": "khong"})
    assert (
        response.context["cl"].result_count == Task.objects.filter(school_year_start=None).count()
    )
    assert (
        client.get(
            reverse("admin:plan_requirement_changelist"), {"nam_hoc": "2012-2013"}
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:awards_dossier_changelist"), {"nam_hoc": "2012-2013"}).status_code
        == 200
    )


def test_the_tasks_spreadsheet_carries_the_school_year(plan_2013):
    widget = SchoolYearWidget()
    assert widget.render(2012) == "2012-2013" and widget.render(None) == ""
    assert widget.clean("2012-2013") == widget.clean(2012.0) == 2012
    with pytest.raises(ValueError, match="không hợp lệ"):
        widget.clean("2012/13")
    dataset = TaskResource().export(TaskResource.export_queryset(plan_2013))
    column = dataset.headers.index("Năm học")
    rows = {row[dataset.headers.index("TT")]: row[column] for row in dataset}
    assert rows[25] == "2012-2013" and rows[26] == ""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plan.models import Plan, ResponsibleUnit, Task
from plan.services import PlanDataError, load_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_data(settings):
    with open(settings.BASE_DIR / "fixtures" / "plan-2013.json", encoding="utf-8") as file:
        return json.load(file)


def snapshot():
    tasks = list(Task.objects.order_by("pk").values())
    rows = list(ResponsibleUnit.objects.order_by("pk").values())
    plans = list(Plan.objects.order_by("pk").values())
    return plans, tasks, rows


def test_load_plan_twice_changes_nothing():
    before = snapshot()
    out = io.StringIO()
    call_command("load_plan", stdout=out)
    assert snapshot() == before
    assert "34 nhiệm vụ" in out.getvalue()


def test_unknown_unit_fails_naming_task_and_name_and_writes_nothing(plan_data):
    data = copy.deepcopy(plan_data)
    data["plan"]["year"] = 2014
    data["tasks"][6]["responsible"].append("Sở XYZ")
    before = snapshot()
    with pytest.raises(PlanDataError) as error:
        load_plan(data)
    assert error.value.errors == ["Nhiệm vụ 7: không tìm thấy đơn vị “Sở XYZ”."]
    assert snapshot() == before


def test_load_plan_command_reports_every_problem(plan_data, tmp_path):
    data = copy.deepcopy(plan_data)
    data["tasks"][0]["responsible"] = ["Sở XYZ"]
    data["tasks"][1]["quarter"] = 5
    data["tasks"][2]["content"] = ""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("load_plan", str(path))
    message = str(error.value)
    assert "Nhiệm vụ 1: không tìm thấy đơn vị “Sở XYZ”." in message
    assert "Nhiệm vụ 2: quý “5” không hợp lệ" in message
    assert "Nhiệm vụ 3: thiếu nội dung nhiệm vụ." in message
    assert snapshot() == before


def test_a_corrected_data_file_updates_the_plan_in_place(plan_data):
    data = copy.deepcopy(plan_data)
    data["tasks"][2]["due_date"] = "2013-02-25"
    data["tasks"][2]["responsible"] = ["UBND tỉnh", "Các đơn vị", "Sở NN & PTNT"]
    task_pk = Task.objects.get(plan__year=2013, number=3).pk
    load_plan(data)
    task = Task.objects.get(pk=task_pk)
    assert str(task.due_date) == "2013-02-25"
    assert [row.label for row in task.responsible.order_by("position")] == [
        "UBND tỉnh",
        "Các đơn vị",
        "Sở NN & PTNT",
    ]
    assert task.responsible.order_by("position").last().unit.code == "so-nn-ptnt"


def test_tasks_missing_from_the_file_are_not_deleted(plan_data):
    data = copy.deepcopy(plan_data)
    data["tasks"].pop()
    with pytest.raises(PlanDataError) as error:
        load_plan(data)
    assert "Nhiệm vụ 34 đã có trong kế hoạch năm 2013" in error.value.errors[0]
    assert Task.objects.filter(plan__year=2013).count() == 34


def test_text_is_stored_nfc_whatever_the_file_uses(plan_data):
    import unicodedata

    data = copy.deepcopy(plan_data)
    data["plan"]["year"] = 2014
    data["tasks"][0]["content"] = unicodedata.normalize("NFD", data["tasks"][0]["content"])
    data["tasks"][0]["responsible"] = [unicodedata.normalize("NFD", "Ban TĐKT, Sở Nội vụ")]
    plan, created = load_plan(data)
    task = plan.tasks.get(number=1)
    assert created
    assert task.content == unicodedata.normalize("NFC", plan_data["tasks"][0]["content"])
    assert task.responsible.get().unit.short_name == "Ban TĐKT"

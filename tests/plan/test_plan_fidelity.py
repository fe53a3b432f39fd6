"""The plan in the database is the plan the province issued, word for word."""

import datetime
import unicodedata

import pytest

from plan.models import Task
from units.selectors import find_unit

from .plan_text import COLLECTIVES, canonical_of, read_tasks

pytestmark = pytest.mark.django_db


def test_plan_document_has_34_tasks_in_four_quarters():
    tasks = read_tasks()
    assert [t["number"] for t in tasks] == list(range(1, 35))
    by_quarter = {q: [t["number"] for t in tasks if t["quarter"] == q] for q in (1, 2, 3, 4)}
    assert by_quarter == {
        1: list(range(1, 16)),
        2: list(range(16, 22)),
        3: list(range(22, 31)),
        4: list(range(31, 35)),
    }


@pytest.mark.parametrize("expected", read_tasks(), ids=lambda t: f"task-{t['number']}")
def test_every_task_matches_the_plan_document(plan_2013, expected):
    task = Task.objects.get(plan=plan_2013, number=expected["number"])
    assert task.quarter == expected["quarter"]
    assert task.content == unicodedata.normalize("NFC", expected["content"])
    rows = list(task.responsible.select_related("unit").order_by("position"))
    assert [row.written_as for row in rows] == expected["responsible"]
    for row, written in zip(rows, expected["responsible"], strict=True):
        canonical = canonical_of(written)
        if canonical in COLLECTIVES:
            assert row.unit is None and row.get_collective_display() == canonical
        else:
            assert row.unit.name == canonical and row.collective == ""


def test_bullet_lines_are_kept(plan_2013):
    task4 = Task.objects.get(plan=plan_2013, number=4)
    assert task4.content.splitlines() == [
        "- Tổ chức triển khai đăng ký thi đua;",
        "- Đăng ký các chỉ tiêu thi đua năm 2013 với Chính phủ, Hội đồng TĐKT TW, "
        "Ban TĐKT TW; đăng ký Cờ thi đua Chính phủ năm 2013.",
    ]
    assert len(Task.objects.get(plan=plan_2013, number=10).content.splitlines()) == 2


def test_all_stored_text_is_nfc(plan_2013):
    for task in plan_2013.tasks.all():
        assert unicodedata.is_normalized("NFC", task.content)
    assert unicodedata.is_normalized("NFC", plan_2013.solutions_text + plan_2013.organisation_text)


def test_plan_header(plan_2013):
    assert plan_2013.number == "12/KH-UBND"
    assert plan_2013.issued_on == datetime.date(2013, 1, 24)
    assert plan_2013.signer_name == "Vy Văn Thành"
    assert plan_2013.signer_title == "Chủ tịch"
    assert plan_2013.unit_plans_due_on == datetime.date(2013, 2, 25)
    assert len(plan_2013.legal_bases_list()) == 3
    assert plan_2013.solutions_text.startswith("1. Các địa phương, đơn vị đẩy mạnh")
    assert "trước ngày 25/02/2013" in plan_2013.organisation_text


def test_due_date_is_end_of_quarter_unless_set(plan_2013):
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    for task in plan_2013.tasks.all():
        assert task.due_date == datetime.date(2013, *ends[task.quarter])
    task = plan_2013.tasks.get(number=3)
    task.due_on = datetime.date(2013, 2, 25)
    task.save()
    assert plan_2013.tasks.get(number=3).due_date == datetime.date(2013, 2, 25)


def test_named_units_resolve_through_the_alias_table(plan_2013):
    for task in read_tasks():
        for written in task["responsible"]:
            canonical = canonical_of(written)
            if canonical not in COLLECTIVES:
                assert find_unit(written).name == canonical, written

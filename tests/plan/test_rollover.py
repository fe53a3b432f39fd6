"""Rolling a year's plan over into a draft for the next year, and publishing it."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plan.enums import Collective, PlanStatus
from plan.models import Plan, Requirement, Task, TaskPart
from plan.rollover import RollOverError, publish_plan, roll_over_plan, update_draft_header
from plan.selectors import current_plan
from tests.conftest import publish_2014
from units.models import Cluster

pytestmark = pytest.mark.django_db


def export(year):
    out = io.StringIO()
    call_command("export_plan", "--year", str(year), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def roll_over(*args):
    out = io.StringIO()
    call_command("roll_over", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a roll-over could write."""
    return (
        list(Plan.objects.order_by("year").values()),
        list(Task.objects.order_by("pk").values()),
        list(Requirement.objects.order_by("pk").values()),
        list(Cluster.objects.order_by("pk").values()),
        TaskPart.objects.count(),
    )


def year_on(value):
    date = datetime.date.fromisoformat(value)
    return date.replace(year=date.year + 1).isoformat()


def test_the_command_makes_a_draft_the_export_shows(plan_2013):
    before = export(2013)
    output = roll_over("--from", "2013", "--to", "2014")
    assert "Đã tạo dự thảo kế hoạch năm 2014" in output
    draft = export(2014)
    assert export(2013) == before
    assert [(t["number"], t["quarter"]) for t in draft["tasks"]] == [
        (t["number"], t["quarter"]) for t in before["tasks"]
    ]
    assert [t["due_date"] for t in draft["tasks"]] == [
        year_on(t["due_date"]) for t in before["tasks"]
    ]
    assert [t["responsible"] for t in draft["tasks"]] == [t["responsible"] for t in before["tasks"]]
    contents = {t["number"]: t["content"] for t in draft["tasks"]}
    assert contents[2] == "Tổng kết công tác TĐKT năm 2013, triển khai nhiệm vụ công tác năm 2014"
    assert contents[25].endswith("năm học 2013-2014.")
    assert "năm học 2013 – 2014" in contents[27]
    assert contents[28].endswith("năm học 2013 - 2014.")
    assert contents[34].endswith("năm 2014, triển khai nhiệm vụ công tác TĐKT năm 2015")
    assert contents[16].endswith("(11/6/1948-11/6/2013)")  # an anniversary: for the office
    assert contents[17] == "Hướng dẫn xây dựng điển hình tiên tiến giai đoạn 2011-2015"
    header = draft["plan"]
    assert header["number"] == "" and header["issued_on"] is None
    assert header["title"] == "Công tác thi đua, khen thưởng năm 2014"
    assert header["unit_plans_due_on"] == "2014-02-25"
    assert "trước ngày 25/02/2014" in header["organisation_text"]
    assert header["legal_bases"] == before["plan"]["legal_bases"]
    assert "(11/6/1948 - 11/6/2013)" in header["solutions_text"]
    assert Plan.objects.get(year=2014).status == PlanStatus.DRAFT


def test_the_draft_keeps_units_phrases_requirements_and_clusters(plan_2013, staff):
    result = roll_over_plan(2013, 2014, by=staff)
    draft = result.plan
    old = Task.objects.get(plan=plan_2013, number=10)
    new = Task.objects.get(plan=draft, number=10)
    fields = ["position", "unit_id", "collective", "written_as"]
    assert list(new.responsible.values(*fields)) == list(old.responsible.values(*fields))
    assert new.responsible.filter(collective=Collective.RELATED_UNITS).exists()
    assert not TaskPart.objects.filter(task__plan=draft).exists()  # parts come at publishing
    requirements = {r.kind: r for r in draft.requirements.all()}
    for requirement in plan_2013.requirements.all():
        copy = requirements[requirement.kind]
        assert copy.due_on == requirement.due_on.replace(year=2014)
        assert copy.title == requirement.title.replace("2013", "2014")
        assert copy.task.plan == draft and copy.task.number == requirement.task.number
        assert set(copy.units.all()) == set(requirement.units.all())
    for cluster in Cluster.objects.filter(year=2013):
        copy = Cluster.objects.get(year=2014, name=cluster.name)
        assert (copy.kind, copy.leader) == (cluster.kind, cluster.leader)
        assert set(copy.members.all()) == set(cluster.members.all())
    reason = "Chuyển kế hoạch năm 2013 sang năm 2014"
    assert draft.history.latest().history_change_reason == reason
    assert draft.history.latest().history_user == staff
    assert {
        (h.history_change_reason, h.history_type, h.history_user) for h in new.history.all()
    } == {(reason, "+", staff)}


def test_a_task_with_its_own_due_date_keeps_it_a_year_on(plan_2013):
    task = Task.objects.get(plan=plan_2013, number=5)
    task.due_on = datetime.date(2013, 2, 15)
    task.save()
    roll_over_plan(2013, 2014, by=None)
    assert Task.objects.get(plan__year=2014, number=5).due_date == datetime.date(2014, 2, 15)


def test_every_change_is_kept_on_the_draft_for_review(plan_2013):
    draft = roll_over_plan(2013, 2014, by=None).plan
    changes = draft.rollover_review["changes"]
    assert draft.rollover_review["from_year"] == 2013
    assert {"where": {"task": 25}, "found": "2012-2013", "replaced": "2013-2014"}.items() <= {
        **next(c for c in changes if c["where"] == {"task": 25})
    }.items()
    kept = [c for c in changes if c["note"]]
    assert {c["note"] for c in kept} == {"range", "legal_basis"}
    assert any(c["where"] == {"field": "legal_bases"} and "86/2012" in c["found"] for c in kept)


def test_rolling_over_again_changes_nothing(plan_2013):
    roll_over("--from", "2013", "--to", "2014")
    Task.objects.filter(plan__year=2014, number=1).update(content="Đã sửa trên dự thảo")
    before = snapshot()
    output = roll_over("--from", "2013", "--to", "2014")
    assert "không thay đổi gì" in output
    assert snapshot() == before


def test_restart_makes_the_draft_again(plan_2013):
    first = roll_over_plan(2013, 2014, by=None).plan
    Task.objects.filter(plan=first, number=1).update(content="Đã sửa trên dự thảo")
    result = roll_over_plan(2013, 2014, by=None, restart=True)
    assert result.outcome == "restarted" and result.plan.pk == first.pk
    assert Task.objects.get(plan=first, number=1).content.endswith("đăng ký thi đua năm 2014.")
    assert Task.objects.filter(plan=first).count() == 34
    assert Requirement.objects.filter(plan=first).count() == plan_2013.requirements.count()
    assert Cluster.objects.filter(year=2014).count() == Cluster.objects.filter(year=2013).count()


def test_the_dry_run_prints_what_it_would_make_and_writes_nothing(plan_2013):
    before = snapshot()
    output = roll_over("--from", "2013", "--to", "2014", "--dry-run")
    assert snapshot() == before
    assert "Chạy thử, không ghi gì" in output
    assert "34 nhiệm vụ, 4 yêu cầu nộp, 6 cụm, khối thi đua mới" in output
    assert "25. Quý 3, hạn 30/09/2014:" in output
    assert "Nhiệm vụ 25: 2012-2013 → 2013-2014" in output
    assert "Cần kiểm tra, Nhiệm vụ 16: 11/6/1948-11/6/2013" in output


def test_a_published_plan_is_never_overwritten(plan_2013, staff):
    publish_2014(staff)
    before = snapshot()
    for restart in (False, True):
        with pytest.raises(RollOverError, match="đã ban hành; không thể ghi đè"):
            roll_over_plan(2013, 2014, by=staff, restart=restart)
    with pytest.raises(CommandError, match="đã ban hành"):
        roll_over("--from", "2013", "--to", "2014", "--restart")
    assert snapshot() == before


def test_refusals_name_the_reason(plan_2013, officer):
    with pytest.raises(RollOverError, match="Không có kế hoạch đã ban hành năm 2010"):
        roll_over_plan(2010, 2011, by=None)
    with pytest.raises(RollOverError, match="Năm mới phải sau năm 2013"):
        roll_over_plan(2013, 2013, by=None)
    with pytest.raises(RollOverError, match="Chỉ Ban TĐKT"):
        roll_over_plan(2013, 2014, by=officer)
    assert not Plan.objects.filter(year__in=[2011, 2014]).exists()


def test_a_draft_is_not_the_current_plan_until_published(plan_2013, staff):
    draft = roll_over_plan(2013, 2014, by=staff).plan
    assert current_plan() == plan_2013
    with pytest.raises(RollOverError, match="còn thiếu số, ký hiệu, ngày ban hành"):
        publish_plan(draft, staff)
    assert Plan.objects.get(pk=draft.pk).is_draft
    update_draft_header(
        draft,
        staff,
        number="05/KH-UBND",
        issued_on=datetime.date(2014, 1, 20),
        unit_plans_due_on=datetime.date(2014, 3, 1),
    )
    publish_plan(draft, staff)
    assert current_plan() == draft
    assert draft.history.latest().history_user == staff
    # Every named unit and every unit taking part gets its parts, as in 2013.
    parts_2013 = set(
        TaskPart.objects.filter(task__plan=plan_2013)
        .exclude(source="picked")
        .values_list("task__number", "unit_id")
    )
    parts_2014 = set(
        TaskPart.objects.filter(task__plan=draft).values_list("task__number", "unit_id")
    )
    assert parts_2014 == parts_2013
    with pytest.raises(RollOverError, match="đã ban hành"):
        publish_plan(draft, staff)


def test_a_new_deadline_moves_the_requirements_and_the_text_due_on_it(plan_2013, staff):
    draft = roll_over_plan(2013, 2014, by=staff).plan
    update_draft_header(
        draft, staff, number="", issued_on=None, unit_plans_due_on=datetime.date(2014, 3, 3)
    )
    draft.refresh_from_db()
    assert "trước ngày 03/03/2014" in draft.organisation_text
    kinds = draft.requirements.filter(due_on=datetime.date(2014, 3, 3)).values_list("kind")
    assert sorted(k for (k,) in kinds) == ["cluster_plan", "unit_plan"]


def test_restart_never_deletes_what_was_recorded_against_the_draft(plan_2013):
    draft = roll_over_plan(2013, 2014, by=None).plan
    task = draft.tasks.get(number=3)
    TaskPart.objects.create(task=task, unit=task.responsible.first().unit, source="named")
    before = snapshot()
    with pytest.raises(RollOverError, match="đã có phần việc hoặc văn bản gửi"):
        roll_over_plan(2013, 2014, by=None, restart=True)
    assert snapshot() == before


def test_a_drafts_spreadsheet_leaves_the_date_to_be_written_in(plan_2013, tmp_path):
    roll_over("--from", "2013", "--to", "2014")
    path = tmp_path / "du-thao.xlsx"
    call_command("export_plan", "--year", "2014", "--format", "xlsx", "-o", str(path))
    cells = [
        v for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for v in row
    ]
    assert "Lạng Sơn, ngày ... tháng ... năm 2014" in cells
    assert "Công tác thi đua, khen thưởng năm 2014" in cells

"""Units change over time (issue 17, point 2): a rename keeps the old name on the old year's
pages, a merger carries the unit's history to its successor, a dissolution stops new parts,
and taking part is decided per year."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardRecord, AwardType, Category, Dossier
from awards.selectors import unit_award_history, unit_dossiers
from awards.services import save_dossier
from plan.enums import Collective
from plan.models import TaskPart
from tests.conftest import publish_2014
from units import lifecycle
from units.models import Unit, UnitChange, User

pytestmark = pytest.mark.django_db

NEW_YEAR = datetime.date(2014, 1, 1)


def unit(code):
    return Unit.objects.get(code=code)


def test_a_rename_keeps_the_old_name_for_the_years_before_it(plan_2013, staff):
    education = unit("so-gd-dt")
    lifecycle.rename_unit(
        education, name="Sở Giáo dục", short_name="SGD", on=NEW_YEAR, reason="NQ 01", by=staff
    )
    education.refresh_from_db()
    assert education.name == "Sở Giáo dục"
    assert lifecycle.name_in_year(education, 2013) == "Sở Giáo dục và Đào tạo"
    assert lifecycle.name_in_year(education, 2014) == "Sở Giáo dục"
    assert lifecycle.name_on(education, datetime.date(2013, 12, 31)) == "Sở Giáo dục và Đào tạo"
    assert lifecycle.name_history(education) == [
        ("Sở Giáo dục và Đào tạo", None),
        ("Sở Giáo dục", NEW_YEAR),
    ]
    change = UnitChange.objects.get(unit=education)
    assert (change.recorded_by, change.reason) == (staff, "NQ 01")
    # The 2013 export still names the unit as it was then.
    out = io.StringIO()
    call_command("export_plan", "--year", "2013", "--format", "json", stdout=out)
    assert "Sở Giáo dục và Đào tạo" in out.getvalue()


def test_the_pages_of_each_year_show_the_name_of_that_year(client, plan_2013, staff, officer):
    lifecycle.rename_unit(
        officer.unit, name="Sở Giáo dục", on=NEW_YEAR, reason="Nghị quyết", by=staff
    )
    publish_2014(staff)
    client.force_login(officer)
    page = client.get(reverse("unit-detail", args=["so-gd-dt"]), {"nam": "2013"})
    html = page.content.decode()
    assert '<h1 class="h3" id="unit-name">Sở Giáo dục và Đào tạo</h1>' in html
    assert "Nay là: Sở Giáo dục" in html
    page = client.get(reverse("unit-detail", args=["so-gd-dt"]), {"nam": "2014"})
    assert '<h1 class="h3" id="unit-name">Sở Giáo dục</h1>' in page.content.decode()
    number = TaskPart.objects.filter(task__plan=plan_2013, unit=officer.unit).first().task.number
    task_page = client.get(reverse("task-detail", args=[2013, number]))
    assert "Sở Giáo dục và Đào tạo" in task_page.content.decode()


def test_rename_refusals(plan_2013, staff, officer):
    education = unit("so-gd-dt")
    with pytest.raises(ValidationError, match="Chỉ Ban TĐKT"):
        lifecycle.rename_unit(education, name="X", on=NEW_YEAR, reason="r", by=officer)
    with pytest.raises(ValidationError, match="Đã có đơn vị khác mang tên này"):
        lifecycle.rename_unit(education, name="Sở Y tế", on=NEW_YEAR, reason="r", by=staff)
    lifecycle.rename_unit(education, name="Sở Giáo dục", on=NEW_YEAR, reason="r", by=staff)
    with pytest.raises(ValidationError, match="sau lần thay đổi trước"):
        lifecycle.rename_unit(
            education, name="Sở GD", on=datetime.date(2013, 6, 1), reason="r", by=staff
        )


def test_a_merger_carries_the_history_to_the_successor(plan_2013, staff, officer):
    old, successor = unit("so-kh-dt"), officer.unit
    award = AwardType.objects.get(code="bang-khen-tinh")
    AwardRecord.objects.create(name="Trần Văn Cũ", unit=old, year=2013, award_type=award)
    dossier = save_dossier(
        Dossier(
            unit=old,
            year=2013,
            award_type=award,
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Trần Văn Cũ",
            achievements="Thành tích",
        ),
        staff,
    )
    old_parts = set(TaskPart.objects.filter(unit=old).values_list("pk", flat=True))
    assert old_parts
    lifecycle.merge_unit(old, into=successor, on=NEW_YEAR, reason="Sáp nhập", by=staff)
    old.refresh_from_db()
    assert (old.ended_on, old.successor) == (NEW_YEAR, successor)
    # Everything stays under the old unit ...
    assert set(TaskPart.objects.filter(unit=old).values_list("pk", flat=True)) == old_parts
    # ... and is found from the successor.
    assert lifecycle.predecessors(successor) == [old]
    assert [r.name for r in unit_award_history(successor)] == ["Trần Văn Cũ"]
    assert dossier in list(unit_dossiers(officer))
    officer = User.objects.get(pk=officer.pk)  # a fresh request's user
    assert lifecycle.with_predecessors(successor) == [successor.pk, old.pk]
    # The successor's officer reads the old unit's page and parts, and may not act for it.
    from plan.rules import can_submit_for
    from units.rules import can_see_unit

    assert can_see_unit(officer, old)
    assert not can_submit_for(officer, old)
    # The officer's own page reads the lineage its rights already read, not a second time.
    assert lifecycle.predecessors(successor, officer) == [old]


def test_the_officers_own_unit_page_reads_its_lineage_once(client, plan_2013, staff, officer):
    old = unit("so-kh-dt")
    lifecycle.merge_unit(old, into=officer.unit, on=NEW_YEAR, reason="Sáp nhập", by=staff)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("unit-detail", args=[officer.unit.code])).content.decode()
    assert reverse("unit-detail", args=["so-kh-dt"]) in html
    lineage = [q for q in queries.captured_queries if '"successor_id" IN' in q["sql"]]
    # One per generation: the officer's unit, then the unit merged into it.
    assert len(lineage) == 2


def test_the_successor_page_lists_its_predecessors(client, plan_2013, staff, officer):
    old = unit("so-kh-dt")
    lifecycle.merge_unit(old, into=officer.unit, on=NEW_YEAR, reason="Sáp nhập", by=staff)
    client.force_login(officer)
    html = client.get(reverse("unit-detail", args=[officer.unit.code])).content.decode()
    assert reverse("unit-detail", args=["so-kh-dt"]) in html
    assert reverse("unit-changes", args=["so-kh-dt"]) in html
    old_page = client.get(reverse("unit-detail", args=["so-kh-dt"]))
    assert old_page.status_code == 200
    assert "Đơn vị ngừng hoạt động từ ngày 01/01/2014" in old_page.content.decode()
    # Another unit's officer still cannot open it.
    client.force_login(User.objects.get(username="officer2"))
    assert client.get(reverse("unit-detail", args=["so-kh-dt"])).status_code == 404


def test_ended_units_get_no_parts_in_the_next_year(plan_2013, staff):
    merged, successor, dissolved = unit("so-kh-dt"), unit("so-tai-chinh"), unit("ban-dan-toc")
    lifecycle.merge_unit(merged, into=successor, on=NEW_YEAR, reason="r", by=staff)
    lifecycle.dissolve_unit(dissolved, on=NEW_YEAR, reason="r", by=staff)
    plan_2014 = publish_2014(staff)
    parts_2014 = TaskPart.objects.filter(task__plan=plan_2014)
    assert not parts_2014.filter(unit__in=[merged, dissolved]).exists()
    assert parts_2014.filter(unit=successor).exists()
    # A task that named the merged unit in 2013 names its successor's part in 2014.
    named = plan_2013.tasks.filter(responsible__unit=merged).values_list("number", flat=True)
    for number in named:
        assert parts_2014.filter(task__number=number, unit=successor).exists()
    # 2013 keeps their parts.
    assert TaskPart.objects.filter(task__plan=plan_2013, unit=dissolved).exists()


def test_taking_part_is_decided_per_year(plan_2013, staff):
    press = unit("bao-lang-son")
    newcomer = Unit.objects.create(
        code="so-moi", name="Sở Mới", kind="department", started_on=datetime.date(2014, 3, 1)
    )
    lifecycle.set_participation(press, 2014, False, by=staff)
    assert press in lifecycle.participating_units(2013)
    assert press not in lifecycle.participating_units(2014)
    assert newcomer not in lifecycle.participating_units(2013)
    assert newcomer in lifecycle.participating_units(2014)
    plan_2014 = publish_2014(staff)
    every_unit_task = plan_2014.tasks.filter(responsible__collective=Collective.ALL_UNITS).first()
    assert not every_unit_task.parts.filter(unit=press).exists()
    assert every_unit_task.parts.filter(unit=newcomer).exists()
    assert plan_2013.tasks.get(number=every_unit_task.number).parts.filter(unit=press).exists()


def test_the_office_records_a_change_on_the_unit_page(client, plan_2013, staff, officer):
    url = reverse("unit-changes", args=["so-y-te"])
    client.force_login(officer)
    assert client.get(url).status_code == 404  # not their unit
    client.force_login(staff)
    response = client.post(
        url,
        {"kind": "renamed", "on": "01/01/2014", "name": "Sở Y tế tỉnh", "reason": "QĐ 12"},
    )
    assert response.status_code == 302
    assert unit("so-y-te").name == "Sở Y tế tỉnh"
    response = client.post(url, {"kind": "merged", "on": "01/02/2014", "reason": "x"})
    assert "Chọn đơn vị nhận sáp nhập." in response.content.decode()
    assert unit("so-y-te").ended_on is None
    html = client.get(url).content.decode()
    assert "QĐ 12" in html and "Sở Y tế tỉnh" in html
    # The participation form.
    client.post(reverse("unit-participation", args=["so-y-te"]), {"year": 2014, "takes_part": "0"})
    assert unit("so-y-te") not in lifecycle.participating_units(2014)


def test_officers_may_not_post_changes(client, plan_2013, officer):
    client.force_login(officer)
    url = reverse("unit-changes", args=[officer.unit.code])
    assert client.get(url).status_code == 200
    data = {"kind": "renamed", "on": "01/01/2014", "name": "Khác", "reason": "x"}
    assert client.post(url, data).status_code == 403
    participation = reverse("unit-participation", args=[officer.unit.code])
    assert client.post(participation, {"year": 2014, "takes_part": "0"}).status_code == 403
    assert unit(officer.unit.code).name == "Sở Giáo dục và Đào tạo"


def test_the_admin_records_a_change_through_the_service(client, plan_2013, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:units_unitchange_add"),
        {
            "unit": unit("ban-dan-toc").pk,
            "kind": "dissolved",
            "on": "2014-01-01",
            "reason": "Giải thể",
            "new_name": "",
            "new_short_name": "",
            "successor": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert unit("ban-dan-toc").ended_on == NEW_YEAR
    assert UnitChange.objects.get(unit__code="ban-dan-toc").recorded_by == admin_user


def test_the_demo_renames_merges_and_dissolves_once(plan_2013, settings):
    from demo.unit_changes import create_demo_unit_changes

    assert create_demo_unit_changes()
    call_command("loaddata", "units", verbosity=0)  # as setup_demo does on every run
    assert not create_demo_unit_changes()
    assert unit("so-nn-ptnt").name == "Sở Nông nghiệp và Môi trường"
    assert unit("so-kh-dt").successor == unit("so-tai-chinh")
    assert unit("ban-dan-toc").ended_on == NEW_YEAR
    assert UnitChange.objects.count() == 3
    assert json.dumps(lifecycle.name_in_year(unit("so-nn-ptnt"), 2013), ensure_ascii=False) == (
        '"Sở Nông nghiệp và Phát triển nông thôn"'
    )


def test_a_merger_of_a_merger_still_reaches_the_first_units_history(plan_2013, staff, officer):
    first, middle = unit("so-kh-dt"), unit("so-tai-chinh")
    lifecycle.merge_unit(first, into=middle, on=NEW_YEAR, reason="Sáp nhập", by=staff)
    lifecycle.merge_unit(
        middle, into=officer.unit, on=NEW_YEAR + datetime.timedelta(days=1), reason="", by=staff
    )
    officer = User.objects.get(pk=officer.pk)  # a fresh request's user
    from units.rules import can_see_unit

    assert can_see_unit(officer, middle)
    assert can_see_unit(officer, first)


def test_documents_name_the_unit_as_it_was_in_the_dossiers_year(plan_2013, staff):
    from council.documents import AnnexGroup, NomineeCounts, _annex

    education = unit("so-gd-dt")
    award = AwardType.objects.get(code="bang-khen-tinh")
    dossier = save_dossier(
        Dossier(
            unit=education,
            year=2013,
            award_type=award,
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Hoàng Thị Mai",
            achievements="Thành tích",
        ),
        staff,
    )
    lifecycle.rename_unit(education, name="Sở Giáo dục", on=NEW_YEAR, reason="r", by=staff)
    dossier.refresh_from_db()

    class Doc:
        rows = []

        def paragraph(self, *args, **kwargs):
            pass

        def table(self, headings, rows, **kwargs):
            self.rows += rows

    doc = Doc()
    _annex(doc, [AnnexGroup(award, NomineeCounts(individuals=1), [dossier])])
    assert doc.rows[0][2] == "Sở Giáo dục và Đào tạo"


def test_a_name_before_a_rename_still_finds_the_unit(plan_2013, staff):
    from units.selectors import find_unit

    education = unit("so-gd-dt")
    lifecycle.rename_unit(education, name="Sở Giáo dục", on=NEW_YEAR, reason="r", by=staff)
    assert find_unit("Sở Giáo dục và Đào tạo") == education
    assert find_unit("Sở Giáo dục") == education

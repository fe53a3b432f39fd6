"""The audit trail: a change from admin, a page, a service, an import or a command is recorded
with who made it, when, and what changed; the office reads it on the record's page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from awards import services as award_services
from awards.enums import DossierState
from awards.models import Dossier
from demo import awards as award_demo
from imports.registry import IMPORT_KINDS, run_import
from plan.models import Plan, Task
from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes
from units.models import Unit, User
from units.services import deactivate_user

pytestmark = pytest.mark.django_db

S = DossierState


def test_an_edit_in_admin_names_the_admin_and_keeps_before_and_after(client, admin_user):
    plan = Plan.objects.get(year=2013)
    client.force_login(admin_user)
    url = reverse("admin:plan_plan_change", args=[plan.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["title"] = "Kế hoạch công tác thi đua, khen thưởng năm 2013 (sửa)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = plan.history.latest()
    assert record.history_user == admin_user
    assert record.history_type == "~"
    assert record.title.endswith("(sửa)")
    assert record.prev_record.title == plan.title
    # The admin's own history page for the plan lists the change and who made it.
    page = client.get(reverse("admin:plan_plan_history", args=[plan.pk])).content.decode()
    assert admin_user.username in page


def test_a_move_of_a_dossier_names_the_one_who_moved_it(client, officer, staff):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Lý Thị Kiểm Toán")
    award_services.move_dossier(dossier, S.SUBMITTED, officer)
    record = Dossier.history.filter(id=dossier.pk).latest()
    assert (record.history_user, record.state, record.history_change_reason) == (
        officer,
        S.SUBMITTED,
        "Nộp hồ sơ",
    )
    # From the page: the office takes it into appraisal.
    client.force_login(staff)
    response = client.post(reverse("awards:move", args=[dossier.pk, S.IN_APPRAISAL]), {})
    assert response.status_code == 302
    record = Dossier.history.filter(id=dossier.pk).latest()
    assert (record.history_user, record.state) == (staff, S.IN_APPRAISAL)
    # The office reads it on the dossier's page: who, and the state from -> to.
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert "Lịch sử thay đổi" in page
    assert "Trạng thái</span>: Đã nộp → Đang thẩm định" in page
    assert staff.get_full_name() in page


def test_the_unit_officer_does_not_see_the_audit_trail(client, officer):
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name="Lý Văn Riêng")
    client.force_login(officer)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert "Lịch sử thay đổi" not in page


def test_an_import_names_the_one_who_imported_and_the_file(client, staff):
    data = xlsx_bytes([UNIT_HEADER, unit_row("so-kiem-toan", "Sở Kiểm Toán")])
    report = run_import(IMPORT_KINDS["don-vi"], data, "don-vi-moi.xlsx", staff)
    assert report.ok, report.errors
    record = Unit.objects.get(code="so-kiem-toan").history.latest()
    assert record.history_user == staff
    assert record.history_type == "+"
    assert "don-vi-moi.xlsx" in record.history_change_reason


def test_an_import_from_the_staff_page_names_the_staff(client, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile(
        "don-vi.xlsx", xlsx_bytes([UNIT_HEADER, unit_row("so-trang", "Sở Trang")])
    )
    token = client.post(reverse("import-data"), {"kind": "don-vi", "file": upload}).context["token"]
    client.post(reverse("import-confirm"), {"token": token})
    assert Unit.objects.get(code="so-trang").history.latest().history_user == staff


def test_a_command_is_named_in_the_history(plan_2013, tmp_path):
    # load_plan run from a shell: no user we know, the command is the reason.
    task = Task.objects.get(plan=plan_2013, number=5)
    call_command("export_plan", "--year", "2013", "--format", "json", "-o", tmp_path / "p.json")
    text = (tmp_path / "p.json").read_text(encoding="utf-8")
    (tmp_path / "p.json").write_text(
        text.replace(task.content.split("\n")[0], task.content.split("\n")[0] + " (bổ sung)"),
        encoding="utf-8",
    )
    call_command("load_plan", str(tmp_path / "p.json"), stdout=io.StringIO())
    record = task.history.latest()
    assert record.history_user is None
    assert record.history_change_reason == "manage.py load_plan"
    assert "(bổ sung)" in record.content


def test_a_new_due_date_shows_on_the_task_page_for_the_office(client, staff, officer):
    task = Task.objects.get(plan__year=2013, number=4)
    client.force_login(staff)
    client.post(reverse("task-set-due-date", args=[task.pk]), {"due_on": "15/03/2013"})
    record = task.history.latest()
    assert record.history_user == staff
    url = reverse("task-detail", args=[2013, 4])
    page = client.get(url).content.decode()
    assert "Lịch sử thay đổi" in page
    assert "Hạn riêng</span>: — → 15/03/2013" in page
    client.force_login(officer)
    assert "Lịch sử thay đổi" not in client.get(url).content.decode()


def test_locking_an_account_names_who_locked_it(admin_user, officer):
    deactivate_user(officer, by=admin_user)
    record = User.history.filter(id=officer.pk).latest()
    assert (record.history_user, record.is_active) == (admin_user, False)


def test_signing_in_is_not_a_change_to_the_account(client, officer, password):
    before = User.history.filter(id=officer.pk).count()
    client.post(reverse("login"), {"username": "officer", "password": password})
    assert User.history.filter(id=officer.pk).count() == before
    # Password hashes are never copied into the history.
    assert "password" not in {f.name for f in User.history.model._meta.fields}


def test_dossier_page_queries_stay_flat_as_its_history_grows(
    client, officer, staff, council, django_assert_max_num_queries
):
    short = award_demo.new_dossier(officer, "bang-khen-tinh", name="Hà Văn Ngắn")
    long = award_demo.advance(
        award_demo.new_dossier(officer, "bang-khen-tinh", name="Hà Văn Dài"),
        S.APPROVED,
        officer=officer,
        staff=staff,
        council=council,
    )
    client.force_login(staff)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("awards:dossier", args=[short.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("awards:dossier", args=[long.pk])).content.decode()
    assert "Trình Hội đồng → Được khen thưởng" in page


@pytest.mark.django_db
def test_who_owes_a_requirement_is_part_of_its_history(staff):
    from plan.models import Requirement
    from units.models import Unit

    requirement = Requirement.objects.get(plan__year=2013, kind="unit_plan")
    extra = Unit.objects.get(code="ban-tdkt")
    before = requirement.history.count()
    requirement.units.add(extra)
    latest = requirement.history.latest("history_date")
    assert requirement.history.count() == before + 1
    assert extra.pk in set(latest.units.values_list("unit_id", flat=True))

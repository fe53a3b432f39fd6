"""The schedule in the browser's terms: who sees what, what a report writes, and page costs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plan import services
from plan.enums import PartState, RequirementKind, Status
from plan.models import (
    ProgressReport,
    Requirement,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)
from plan.services import sync_plan_parts

pytestmark = pytest.mark.django_db


def part_of(unit, number=3):
    return TaskPart.objects.get(task__plan__year=2013, task__number=number, unit=unit)


def test_officer_reports_progress_on_own_part(client, officer, pdf_file):
    part = part_of(officer.unit, 30)
    before = part.reports.count()
    client.force_login(officer)
    response = client.post(
        reverse("part-detail", args=[part.pk]),
        {
            "state": PartState.DONE,
            "done_on": "31/12/2013",
            "note": "Đã tổ chức lớp tập huấn",
            "evidence": pdf_file(),
        },
        follow=True,
    )
    assert "Đã ghi báo cáo tiến độ." in response.content.decode()
    report = part.reports.order_by("-pk").first()
    assert part.reports.count() == before + 1
    assert (report.state, report.created_by, report.evidence_name) == (
        PartState.DONE,
        officer,
        "bao-cao.pdf",
    )
    assert report.done_on == datetime.date(2013, 12, 31)
    # The evidence is served to the unit and the office, as a download.
    download = client.get(reverse("evidence-file", args=[report.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_officer_gets_404_for_another_units_part_and_its_files(client, officer, officer2, staff):
    other = part_of(officer2.unit)
    client.force_login(officer)
    assert client.get(reverse("part-detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("part-detail", args=[other.pk]), {"state": "done"})
    assert response.status_code == 404
    assert client.get(reverse("unit-detail", args=[officer2.unit.code])).status_code == 404
    foreign = Submission.objects.filter(unit=officer2.unit).first()
    assert client.get(reverse("submission-file", args=[foreign.pk])).status_code == 404
    assert not ProgressReport.objects.filter(part=other, created_by=officer).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("bao-cao.exe", b"MZ\x90\x00"), "không đúng loại cho phép"),
        (("bao-cao.pdf", b"<html><script>alert(1)</script>"), "không phải là tệp PDF thật"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(client, officer, upload, message):
    part = part_of(officer.unit, 30)
    before = part.reports.count()
    client.force_login(officer)
    response = client.post(
        reverse("part-detail", args=[part.pk]),
        {
            "state": PartState.DONE,
            "note": "Ghi chú giữ lại",
            "evidence": SimpleUploadedFile(*upload),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Ghi chú giữ lại" in page  # nothing typed is lost
    assert part.reports.count() == before


def test_oversize_upload_is_refused(client, officer, pdf_file, settings):
    settings.MAX_UPLOAD_SIZE_MB = 0
    part = part_of(officer.unit, 30)
    before = part.reports.count()
    client.force_login(officer)
    response = client.post(
        reverse("part-detail", args=[part.pk]), {"state": "done", "evidence": pdf_file()}
    )
    assert "quá lớn" in response.content.decode()
    assert part.reports.count() == before


def test_leader_reads_but_cannot_report(client, leader):
    part = TaskPart.objects.filter(task__plan__year=2013).first()
    client.force_login(leader)
    assert client.get(reverse("part-detail", args=[part.pk])).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.post(reverse("part-detail", args=[part.pk]), {"state": "done"}).status_code == 403


def test_officer_cannot_open_the_dashboard(client, officer):
    client.force_login(officer)
    assert client.get(reverse("dashboard")).status_code == 403


def test_staff_names_units_for_a_collective_phrase(client, staff):
    task = Task.objects.get(plan__year=2013, number=31)
    client.force_login(staff)
    page = client.get(reverse("task-detail", args=[2013, 31])).content.decode()
    assert "chưa chỉ định đơn vị" in page
    client.post(reverse("task-name-units", args=[task.pk]), {"units": [staff.unit.parent_id]})
    assert task.parts.filter(unit_id=staff.unit.parent_id, source="picked").exists()
    page = client.get(reverse("task-detail", args=[2013, 31])).content.decode()
    assert "chưa chỉ định đơn vị" not in page


def test_staff_sets_a_due_date_and_cancels_a_part(client, staff):
    task = Task.objects.get(plan__year=2013, number=3)
    client.force_login(staff)
    client.post(reverse("task-set-due-date", args=[task.pk]), {"due_on": "25/02/2013"})
    task.refresh_from_db()
    assert task.due_date == datetime.date(2013, 2, 25)
    part = task.parts.first()
    client.post(reverse("part-cancel", args=[part.pk]), {"reason": "Đơn vị giải thể"})
    assert part.reports.order_by("-pk").first().note == "Đơn vị giải thể"
    assert TaskPart.objects.filter(pk=part.pk).exists()  # never deleted


def test_requirement_page_counts_every_unit_as_of_a_date(client, staff):
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    client.force_login(staff)
    response = client.get(
        reverse("requirement-detail", args=[requirement.pk]), {"ngay": "25/02/2013"}
    )
    counts = dict(response.context["counts"])
    assert sum(counts.values()) == requirement.units.count()
    assert counts["late"] == 0  # nothing sent after the deadline exists yet on the deadline
    later = dict(
        client.get(
            reverse("requirement-detail", args=[requirement.pk]), {"ngay": "31/12/2013"}
        ).context["counts"]
    )
    assert later["late"] > 0
    assert later["missing"] < counts["missing"]


def test_office_returns_a_document_and_the_unit_sends_again(
    client, staff, officer, pdf_file, plan_2013
):
    # A requirement of the unit's with nothing accepted yet (an accepted copy would stand).
    requirement = Requirement.objects.create(
        plan=plan_2013, kind="other", title="Báo cáo chuyên đề", due_on=datetime.date(2013, 7, 15)
    )
    requirement.units.set([officer.unit])
    client.force_login(officer)
    client.post(
        reverse("submission-create", args=[requirement.pk, officer.unit.code]),
        {"file": pdf_file("so-ket.pdf")},
    )
    sent = Submission.objects.filter(requirement=requirement, unit=officer.unit).latest("pk")
    client.force_login(staff)
    client.post(
        reverse("submission-review", args=[sent.pk]), {"decision": "returned", "reason": ""}
    )
    assert not SubmissionReview.objects.filter(submission=sent).exists()  # a reason is required
    client.post(
        reverse("submission-review", args=[sent.pk]),
        {"decision": "returned", "reason": "Thiếu số liệu"},
    )
    page = client.get(reverse("unit-detail", args=[officer.unit.code])).content.decode()
    assert "Bị trả lại, chưa gửi lại" in page
    assert "Thiếu số liệu" in page  # the unit reads why
    client.force_login(officer)
    client.post(
        reverse("submission-create", args=[requirement.pk, officer.unit.code]),
        {"file": pdf_file("so-ket-lan-2.pdf")},
    )
    assert Submission.objects.filter(requirement=requirement, unit=officer.unit).count() >= 2


def test_officer_cannot_send_for_another_unit(client, officer, officer2, pdf_file):
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    before = Submission.objects.count()
    client.force_login(officer)
    response = client.post(
        reverse("submission-create", args=[requirement.pk, officer2.unit.code]),
        {"file": pdf_file()},
    )
    assert response.status_code == 404
    assert Submission.objects.count() == before


def test_parts_list_filters_in_the_url(client, staff):
    client.force_login(staff)
    response = client.get(
        reverse("part-list"), {"quy": "1", "trang_thai": "overdue", "ngay": "31/12/2013"}
    )
    parts = list(response.context["page"])
    assert parts and all(p.status == Status.OVERDUE and p.task.quarter == 1 for p in parts)
    assert 'value="31/12/2013"' in response.content.decode()


def test_the_whole_plans_parts_list_is_counted_from_the_tasks_tallies(
    client, staff, officer, plan_2013
):
    """Staff see every part: the count comes from the tasks' stored tallies, and must be the
    parts' own count; a filtered list and an officer's are counted from their rows."""
    parts = TaskPart.objects.filter(task__plan=plan_2013)
    part = parts.first()
    services.cancel_part(part, staff, "Không còn phù hợp")  # a cancelled part still counts
    client.force_login(staff)
    response = client.get(reverse("part-list"))
    assert response.context["page"].paginator.count == parts.count() > 0
    response = client.get(reverse("part-list"), {"quy": "1"})
    assert response.context["page"].paginator.count == parts.filter(task__quarter=1).count()
    client.force_login(officer)
    response = client.get(reverse("part-list"))
    assert response.context["page"].paginator.count == parts.filter(unit=officer.unit).count()


@pytest.mark.parametrize(
    ("url", "cap"),
    [
        # The dashboard also draws section II's panel (emulation: seven queries of its own,
        # counted in SQL; it read every unit and membership in eleven before; its membership
        # counts take three small grouped queries rather than one with three subqueries per
        # member), and counts what units sent in the last week (one); its overdue list first
        # reads which overdue tasks were reported on after the date (one: the rest are read
        # through the index of open parts).
        (lambda r: reverse("dashboard"), 23),
        # The task page also reads the published years (its year switcher) and the names
        # the units had that year (a renamed unit keeps its old name on a past year's page).
        (lambda r: reverse("task-detail", args=[2013, 3]), 17),
        (lambda r: reverse("unit-detail", args=["so-gd-dt"]), 15),
        (lambda r: reverse("requirement-detail", args=[r.pk]), 15),
        (lambda r: reverse("part-list"), 15),
        (lambda r: reverse("home"), 15),
    ],
    ids=["dashboard", "task", "unit", "requirement", "parts", "plan"],
)
def test_page_queries_do_not_grow_with_units(
    client, staff, plan_2013, add_units, url, cap, django_assert_max_num_queries
):
    requirement = Requirement.objects.get(plan=plan_2013, kind=RequirementKind.UNIT_PLAN)
    client.force_login(staff)
    client.get(url(requirement))  # warm the session and caches
    # 15: the task page also reads who named units for the task (its change history); the
    # dashboard's count of documents waiting for review is one query of its own.
    with django_assert_max_num_queries(cap) as small:
        client.get(url(requirement))
    add_units(200)
    sync_plan_parts(plan_2013)
    requirement.units.add(
        *requirement.plan.tasks.get(number=3).parts.values_list("unit", flat=True)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(requirement))
    assert response.status_code == 200


def test_dashboard_shows_a_page_of_the_overdue_parts_whatever_their_number(
    client, staff, plan_2013, add_units, django_assert_max_num_queries
):
    add_units(80)
    sync_plan_parts(plan_2013)  # 80 more units with parts in the tasks "for every unit"
    client.force_login(staff)
    url = reverse("dashboard") + "?ngay=31/12/2013"
    # 30: the page's own 20, and section II's panel.
    with django_assert_max_num_queries(30) as first_page:
        first = client.get(url).context
    total = first["overdue_total"]
    assert total > 100
    assert len(first["overdue"]) == 50
    assert first["overdue"].paginator.count == total
    with django_assert_max_num_queries(len(first_page.captured_queries)):
        last = client.get(f"{url}&trang={first['overdue'].paginator.num_pages}").context
    assert len(last["overdue"]) == total - 50 * (last["overdue"].paginator.num_pages - 1)
    assert not {p.pk for p in first["overdue"]} & {p.pk for p in last["overdue"]}

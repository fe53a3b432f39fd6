"""Reports made long after the work: the done date's limits, the evidence they need, how
they show wherever the status shows, and the office's confirmation."""

import pytest
from django.urls import reverse

from plan.enums import PartState
from plan.models import LateReportConfirmation
from plan.services import ScheduleError, cancel_part, confirm_late_report, report_progress

from .test_status import at, day

pytestmark = pytest.mark.django_db
PENDING = "Báo cáo muộn, chờ xác nhận"
CONFIRMED = "Báo cáo muộn, đã xác nhận"


def page_of(part):
    return reverse("part-detail", args=[part.pk])


def test_the_form_starts_from_the_parts_current_state(client, officer, staff, part):
    client.force_login(officer)
    assert client.get(page_of(part)).context["form"]["state"].value() == PartState.NOT_STARTED
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-01")))
    form = client.get(page_of(part)).context["form"]
    assert form["state"].value() == PartState.IN_PROGRESS
    assert '<option value="in_progress" selected>' in str(form["state"])


def test_a_done_date_outside_the_plans_year_is_refused_at_its_field(client, staff, part):
    client.force_login(staff)
    response = client.post(
        page_of(part), {"state": "done", "done_on": "20/12/2012", "reported_on": "05/01/2013"}
    )
    assert response.context["form"].errors["done_on"] == [
        "Ngày hoàn thành phải thuộc năm 2013 của kế hoạch."
    ]
    assert not part.reports.exists()


def test_a_done_date_before_a_report_saying_not_done_is_refused(client, staff, part):
    report_progress(part, staff, PartState.IN_PROGRESS, reported_at=at(day("2013-03-10")))
    client.force_login(staff)
    response = client.post(
        page_of(part), {"state": "done", "done_on": "05/03/2013", "reported_on": "12/03/2013"}
    )
    assert "trước ngày 10/03/2013" in response.context["form"].errors["done_on"][0]
    assert part.reports.count() == 1
    # From that day on, it may have been done.
    report_progress(
        part, staff, PartState.DONE, done_on=day("2013-03-10"), reported_at=at(day("2013-03-12"))
    )
    assert part.reports.count() == 2


@pytest.mark.parametrize(("reported_on", "late"), [("2013-03-17", False), ("2013-03-18", True)])
def test_done_more_than_seven_days_before_the_report_is_reported_late(
    staff, part, pdf_file, reported_on, late
):
    report = report_progress(
        part,
        staff,
        PartState.DONE,
        done_on=day("2013-03-10"),
        reported_at=at(day(reported_on)),
        evidence=pdf_file(),
    )
    assert report.reported_late is late


def test_the_number_of_days_is_a_setting(staff, part, pdf_file, settings):
    settings.LATE_REPORT_DAYS = 2
    report = report_progress(
        part,
        staff,
        PartState.DONE,
        done_on=day("2013-03-10"),
        reported_at=at(day("2013-03-13")),
        evidence=pdf_file(),
    )
    assert report.reported_late


def test_a_late_report_needs_its_evidence_file(client, officer, part, pdf_file):
    client.force_login(officer)
    response = client.post(page_of(part), {"state": "done", "done_on": "10/03/2013"})
    assert "cần kèm tệp minh chứng" in response.context["form"].errors["evidence"][0]
    assert not part.reports.exists()
    client.post(page_of(part), {"state": "done", "done_on": "10/03/2013", "evidence": pdf_file()})
    assert part.reports.get().reported_late


def test_reported_late_shows_wherever_the_status_shows(client, staff, officer, part, pdf_file):
    report_progress(part, officer, PartState.DONE, done_on=day("2013-03-10"), evidence=pdf_file())
    client.force_login(staff)
    pages = [
        page_of(part),
        reverse("task-detail", args=[2013, part.task.number]),
        reverse("unit-detail", args=[part.unit.code]),
        reverse("part-list") + f"?don_vi={part.unit.code}&quy=1",
    ]
    for url in pages:
        assert PENDING in client.get(url).content.decode(), url
    # As of a day before that report, the status does not come from it.
    before = reverse("task-detail", args=[2013, part.task.number]) + "?ngay=31/03/2013"
    assert PENDING not in client.get(before).content.decode()


def test_a_later_report_takes_the_late_ones_place(client, staff, officer, part, pdf_file):
    report_progress(part, officer, PartState.DONE, done_on=day("2013-03-10"), evidence=pdf_file())
    # The state now comes from a later report made on time: the late one no longer decides.
    cancel_part(part, staff, "Đơn vị sáp nhập")
    client.force_login(staff)
    for url in (
        reverse("unit-detail", args=[part.unit.code]),
        reverse("part-list") + f"?don_vi={part.unit.code}&quy=1",
    ):
        assert PENDING not in client.get(url).content.decode(), url


def test_the_office_confirms_a_late_report_and_the_confirmation_is_kept(
    client, staff, officer, part, pdf_file
):
    report = report_progress(
        part, officer, PartState.DONE, done_on=day("2013-03-10"), evidence=pdf_file()
    )
    confirm = reverse("report-confirm", args=[report.pk])
    client.force_login(officer)
    assert client.post(confirm).status_code == 403
    client.force_login(staff)
    assert f'action="{confirm}"' in client.get(page_of(part)).content.decode()
    page = client.post(confirm, follow=True).content.decode()
    assert "Đã xác nhận báo cáo muộn." in page
    assert CONFIRMED in page and PENDING not in page
    confirmation = LateReportConfirmation.objects.get(report=report)
    assert confirmation.confirmed_by == staff
    assert confirmation.history.get().history_user == staff
    page = client.post(confirm, follow=True).content.decode()
    assert "Báo cáo này đã được xác nhận." in page
    assert LateReportConfirmation.objects.count() == 1
    task_page = reverse("task-detail", args=[2013, part.task.number])
    assert CONFIRMED in client.get(task_page).content.decode()


def test_a_report_on_time_has_nothing_to_confirm(staff, part):
    report = report_progress(part, staff, PartState.DONE, reported_at=at(day("2013-03-10")))
    assert not report.reported_late
    with pytest.raises(ScheduleError):
        confirm_late_report(report, staff)

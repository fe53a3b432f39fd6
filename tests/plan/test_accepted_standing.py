"""An accepted document stays the unit's standing until the office accepts a newer one
(issue 13, point 4), on every list and report that shows standing; re-sending warns first."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.urls import reverse

from plan.enums import ReviewDecision, SubmissionStatus
from plan.models import Requirement, Submission
from plan.reminders import reminder_items
from plan.selectors import requirement_units, unit_requirements
from plan.services import ResendNotConfirmed, review_submission, submit_document
from plan.status import submission_counts

pytestmark = pytest.mark.django_db
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime.date(2013, 3, 15)


def at(text):
    return datetime.datetime.combine(
        datetime.date.fromisoformat(text), datetime.time(10), tzinfo=HANOI
    )


@pytest.fixture
def requirement(plan_2013, officer):
    requirement = Requirement.objects.create(
        plan=plan_2013, kind="other", title="Báo cáo chuyên đề", due_on=DUE
    )
    requirement.units.set([officer.unit])
    return requirement


@pytest.fixture
def accepted_then_returned(requirement, officer, staff, pdf_file):
    """Sent on time and accepted; a newer copy sent late and returned."""
    unit = officer.unit
    first = submit_document(
        requirement, unit, staff, pdf_file("lan-1.pdf"), submitted_at=at("2013-03-10")
    )
    review_submission(first, staff, ReviewDecision.ACCEPTED, reviewed_at=at("2013-03-11"))
    second = submit_document(
        requirement, unit, staff, pdf_file("lan-2.pdf"), submitted_at=at("2013-04-01"),
        resend_confirmed=True,
    )  # fmt: skip
    review_submission(second, staff, ReviewDecision.RETURNED, "Sai số liệu", at("2013-04-03"))
    return first, second


def _standing(requirement, unit, as_of):
    rows = unit_requirements(unit, requirement.plan, as_of)
    return next(row.submission_status for row in rows if row.pk == requirement.pk)


def test_a_returned_newer_copy_does_not_undo_the_accepted_one(
    requirement, officer, staff, accepted_then_returned
):
    first, second = accepted_then_returned
    unit = officer.unit
    for day in ("2013-03-12", "2013-04-02", "2013-04-03", "2013-12-31"):
        as_of = datetime.date.fromisoformat(day)
        # The unit's page, the requirement's page and its counts agree on every day.
        assert _standing(requirement, unit, as_of) == SubmissionStatus.ON_TIME, day
        row = requirement_units(staff, requirement, as_of).get(pk=unit.pk)
        assert row.submission_status == SubmissionStatus.ON_TIME, day
        assert row.accepted_submission_id == first.pk
        assert submission_counts(requirement, as_of) == {SubmissionStatus.ON_TIME: 1}, day
    row = requirement_units(staff, requirement, datetime.date(2013, 4, 3)).get(pk=unit.pk)
    assert (row.last_submission_id, row.last_decision) == (second.pk, "returned")
    # Before the acceptance, a sent copy is simply sent.
    assert _standing(requirement, unit, datetime.date(2013, 3, 10)) == SubmissionStatus.ON_TIME


def test_returned_without_any_accepted_copy_is_still_returned(
    requirement, officer, staff, pdf_file
):
    sent = submit_document(
        requirement, officer.unit, staff, pdf_file(), submitted_at=at("2013-03-10")
    )
    review_submission(sent, staff, ReviewDecision.RETURNED, "Thiếu chữ ký", at("2013-03-11"))
    as_of = datetime.date(2013, 3, 12)
    assert _standing(requirement, officer.unit, as_of) == SubmissionStatus.RETURNED
    assert submission_counts(requirement, as_of) == {SubmissionStatus.RETURNED: 1}


def test_the_newer_copy_decides_once_the_office_accepts_it(
    requirement, officer, staff, accepted_then_returned
):
    third = submit_document(
        requirement, officer.unit, staff, pdf_file_bytes(), submitted_at=at("2013-04-10"),
        resend_confirmed=True,
    )  # fmt: skip
    review_submission(third, staff, ReviewDecision.ACCEPTED, reviewed_at=at("2013-04-11"))
    assert _standing(requirement, officer.unit, datetime.date(2013, 4, 10)) == "on_time"
    assert _standing(requirement, officer.unit, datetime.date(2013, 4, 11)) == "late"
    assert submission_counts(requirement, datetime.date(2013, 4, 11)) == {"late": 1}


def pdf_file_bytes():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("lan-3.pdf", b"%PDF-1.4\n%test\n", "application/pdf")


def test_the_pages_and_the_report_say_accepted_and_name_the_returned_newer_copy(
    client, requirement, officer, staff, accepted_then_returned
):
    client.force_login(officer)
    page = client.get(reverse("unit-detail", args=[officer.unit.code]), {"ngay": "31/12/2013"})
    text = page.content.decode()
    assert "Đã gửi đúng hạn" in text and "đã chấp nhận" in text
    assert "bị Ban TĐKT trả lại ngày 03/04/2013; bản đã chấp nhận vẫn giữ nguyên" in text
    assert "Bị trả lại, chưa gửi lại" not in text

    client.force_login(staff)
    url = reverse("requirement-detail", args=[requirement.pk])
    text = client.get(url, {"ngay": "31/12/2013"}).content.decode()
    assert "đã chấp nhận" in text and "Sai số liệu" in text
    assert "Bị trả lại, chưa gửi lại</span> <strong>0</strong>" in text  # the count on top
    assert text.count("Bị trả lại, chưa gửi lại") == 1
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {"ngay": "31/12/2013", "xuat": "xlsx"}).getvalue())
    ).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == officer.unit.name)
    assert row[1] == "Đã gửi đúng hạn"
    assert row[3] == "Chấp nhận (bản gửi sau bị trả lại)"


def test_a_unit_with_an_accepted_copy_is_not_reminded(
    requirement, officer, staff, accepted_then_returned
):
    items = reminder_items(requirement.plan, DUE + datetime.timedelta(days=30))
    assert requirement.title not in [i["text"] for i in items.get(officer.unit.pk, [])]


def test_re_sending_after_acceptance_needs_the_senders_confirmation(
    client, requirement, officer, staff, pdf_file
):
    sent = submit_document(requirement, officer.unit, officer, pdf_file())
    review_submission(sent, staff, ReviewDecision.ACCEPTED)
    with pytest.raises(ResendNotConfirmed):
        submit_document(requirement, officer.unit, officer, pdf_file("lan-2.pdf"))

    client.force_login(officer)
    page = client.get(reverse("unit-detail", args=[officer.unit.code]))
    assert 'name="resend_confirmed"' in page.content.decode()
    url = reverse("submission-create", args=[requirement.pk, officer.unit.code])
    response = client.post(url, {"file": pdf_file("lan-2.pdf")}, follow=True)
    assert "Hãy xác nhận nếu vẫn muốn gửi bản mới" in response.content.decode()
    assert Submission.objects.filter(requirement=requirement).count() == 1
    client.post(url, {"file": pdf_file("lan-2.pdf"), "resend_confirmed": "on"})
    assert Submission.objects.filter(requirement=requirement).count() == 2
    # The first copy is not the one the unit must confirm against once it was returned.
    assert _standing(requirement, officer.unit, datetime.date.today()) in ("on_time", "late")

"""Issue 13 in the browser: re-sending an accepted document warns first (point 4)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from plan.enums import ReviewDecision
from plan.models import Plan, Requirement, Submission
from plan.services import review_submission, submit_document
from units.models import User

from .conftest import PDF, pdf, sign_in, switch_user

pytestmark = pytest.mark.browser


def _accepted_requirement():
    """A requirement of the officer's unit whose document the office already accepted."""
    officer = User.objects.get(username="officer")
    requirement = Requirement.objects.create(
        plan=Plan.objects.get(year=2013),
        kind="other",
        title="Báo cáo chuyên đề dân vận khéo",
        due_on=datetime.date(2013, 8, 15),
    )
    requirement.units.set([officer.unit])
    sent = submit_document(
        requirement, officer.unit, officer, SimpleUploadedFile("lan-1.pdf", PDF, "application/pdf")
    )
    review_submission(sent, User.objects.get(username="staff"), ReviewDecision.ACCEPTED)
    return requirement


def test_re_sending_an_accepted_document_warns_and_needs_the_box_ticked(page, password):
    requirement = _accepted_requirement()
    sign_in(page, "officer", password)
    row = page.locator("tr", has_text=requirement.title)
    expect(row).to_contain_text("đã chấp nhận")
    expect(row).to_contain_text("Ban TĐKT đã chấp nhận văn bản này")
    row.locator("input[type=file]").set_input_files(pdf("lan-2.pdf"))
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Gửi bản mới").click()
    expect(page.get_by_role("status")).to_contain_text("Hãy xác nhận nếu vẫn muốn gửi bản mới")
    assert Submission.objects.filter(requirement=requirement).count() == 1

    row = page.locator("tr", has_text=requirement.title)
    row.locator("input[type=file]").set_input_files(pdf("lan-2.pdf"))
    row.get_by_label("Tôi hiểu: văn bản đã được chấp nhận, vẫn gửi bản mới").check()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Gửi bản mới").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã gửi “{requirement.title}”")
    row = page.locator("tr", has_text=requirement.title)
    expect(row).to_contain_text("đã chấp nhận")  # the accepted copy still stands
    expect(row).to_contain_text("đang chờ Ban TĐKT xem xét")


def test_the_office_returns_a_document_and_the_officer_reads_the_notice_on_landing(page, password):
    officer = User.objects.get(username="officer")
    requirement = Requirement.objects.create(
        plan=Plan.objects.get(year=2013),
        kind="other",
        title="Báo cáo kết quả phong trào thi đua chuyên đề",
        due_on=datetime.date(2013, 9, 30),
    )
    requirement.units.set([officer.unit])
    submit_document(
        requirement, officer.unit, officer, SimpleUploadedFile("bc.pdf", PDF, "application/pdf")
    )

    sign_in(page, "staff", password)
    page.goto(page.base_url + f"/yeu-cau/{requirement.pk}/")
    row = page.locator("tr", has_text=officer.unit.name)
    row.get_by_label("Kết quả").select_option(label="Trả lại")
    row.get_by_label("Lý do").fill("Thiếu chữ ký của thủ trưởng đơn vị")
    row.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi kết quả xem xét")

    switch_user(page, "officer", password)
    notices = page.locator("section", has=page.get_by_role("heading", name="Thông báo mới"))
    notice = notices.get_by_role("link", name=f"Văn bản bị trả lại: {requirement.title}")
    expect(notice).to_be_visible()
    expect(notices).to_contain_text("chưa đọc")
    # The notice's preview on the unit's page carries the reason.
    expect(notices.locator(".notice-body")).to_contain_text("Thiếu chữ ký của thủ trưởng đơn vị")
    notice.click()
    expect(
        page.get_by_role("heading", name=f"Văn bản bị trả lại: {requirement.title}")
    ).to_be_visible()
    expect(page.locator(".notice-text")).to_contain_text("Thiếu chữ ký của thủ trưởng đơn vị")
    page.locator("#main-menu").get_by_role("link", name="Thông báo", exact=True).click()
    expect(page.locator("ul.notices")).to_contain_text(requirement.title)
    expect(page.locator("ul.notices")).not_to_contain_text("chưa đọc")

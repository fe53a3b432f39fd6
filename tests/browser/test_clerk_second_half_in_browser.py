"""The clerk's day (issue 13) in the browser: journeys as users make them."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from awards.models import AwardRecord, AwardType
from demo.awards import new_dossier
from plan.enums import RequirementKind
from plan.models import Requirement
from plan.services import submit_document
from units.models import Unit, User

from .conftest import PDF, sign_in, switch_user

pytestmark = pytest.mark.browser


def _results(page):
    return page.locator("table.awards-history tbody")


def _history_of_nguyen_van_an():
    """Five awards of a teacher of Sở Giáo dục và Đào tạo (officer's unit)."""
    unit = Unit.objects.get(code="so-gd-dt")
    award = AwardType.objects.get(code="cstd-co-so")
    for year in range(2008, 2013):
        AwardRecord.objects.create(
            name="Nguyễn Văn An",
            date_of_birth=datetime.date(1972, 3, 8),
            unit=unit,
            workplace="Trường THPT Việt Bắc",
            year=year,
            award_type=award,
        )


def test_an_officer_sees_another_units_person_only_by_exact_name_and_birth_date(page, password):
    # officer2 is of Cao Lộc: Nguyễn Văn An is another unit's person.
    _history_of_nguyen_van_an()
    sign_in(page, "officer2", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Tra cứu lịch sử khen thưởng").click()
    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("van an")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page)).to_contain_text("Không tìm thấy khen thưởng nào")

    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("Nguyễn Văn An")
    page.get_by_label("Ngày sinh").fill("08/03/1972")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page).get_by_role("row")).to_have_count(5)
    expect(_results(page)).to_contain_text("Trường THPT Việt Bắc")


def test_the_officer_of_the_unit_lists_its_people_by_part_of_a_name(page, password):
    _history_of_nguyen_van_an()
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/ho-so/tra-cuu/")
    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("van an")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page).get_by_role("row")).to_have_count(5)


def _documents_waiting(count):
    """`count` units' six-month reports, entered by the office as received by post."""
    staff = User.objects.get(username="staff")
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.SIX_MONTH_REVIEW)
    for unit in requirement.units.order_by("pk")[:count]:
        submit_document(
            requirement,
            unit,
            staff,
            SimpleUploadedFile(f"{unit.code}.pdf", PDF, "application/pdf"),
            resend_confirmed=True,
        )
    return requirement


def test_the_office_reviews_the_queue_in_place_and_keeps_its_page(page, password):
    requirement = _documents_waiting(30)
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.get_by_role("link", name=f"{requirement.title}: 30").click()
    expect(page.get_by_role("heading", name="Văn bản chờ xem xét")).to_be_visible()
    expect(page.get_by_text("30 văn bản chờ xem xét")).to_be_visible()
    page.get_by_role("link", name="Trang sau").click()
    expect(page.get_by_text("Trang 2/2")).to_be_visible()
    row = page.locator("table.review-queue tbody tr").first
    unit_name = row.locator("td").first.inner_text()
    row.get_by_label("Kết quả").select_option(label="Trả lại")
    row.get_by_label("Lý do").fill("Thiếu chữ ký")
    row.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Đã ghi kết quả xem xét văn bản của {unit_name}"
    )
    # Still on the second page of the queue, one document fewer.
    expect(page.get_by_text("Trang 2/2")).to_be_visible()
    expect(page.get_by_text("29 văn bản chờ xem xét")).to_be_visible()
    expect(page.locator("table.review-queue")).not_to_contain_text(unit_name)


def test_each_role_lands_on_its_own_page_and_the_chairman_reads_the_overview(page, password):
    officer2 = User.objects.get(username="officer2")
    award = AwardType.objects.get(code="giay-khen")
    AwardRecord.objects.create(name="Lý Văn Thành", unit=officer2.unit, year=2013, award_type=award)
    AwardRecord.objects.create(name="Lý Văn Hùng", unit=officer2.unit, year=2012, award_type=award)
    AwardRecord.objects.create(name="Lý Thị Hoa", unit=officer2.unit, year=2012, award_type=award)

    sign_in(page, "leader", password)
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    expect(page.get_by_role("heading", name="Tiến độ kế hoạch theo quý")).to_be_visible()
    row = page.locator("table.awards-by-unit tr", has_text=officer2.unit.name)
    expect(row.locator("td")).to_have_text([officer2.unit.name, "1", "2"])
    expect(page.locator("#main-menu").get_by_role("link", name="Tổng quan")).to_be_visible()

    switch_user(page, "officer", password)
    expect(page.get_by_role("heading", name="Sở Giáo dục và Đào tạo")).to_be_visible()
    expect(page.locator("#main-menu").get_by_role("link", name="Tổng quan")).to_have_count(0)

    switch_user(page, "council", password)
    expect(page.get_by_role("heading", name="Hồ sơ trình Hội đồng")).to_be_visible()


def test_the_as_of_date_is_picked_on_a_calendar_and_kept_across_the_menu(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.get_by_label("Chọn ngày trên lịch").fill("2013-12-31")
    expect(page.get_by_label("Tính đến ngày")).to_have_value("31/12/2013")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_text("Số liệu đang tính đến ngày 31/12/2013")).to_be_visible()
    # Menu links carry no date: the date goes along all the same.
    page.locator("#main-menu").get_by_role("link", name="Tiến độ").click()
    expect(page.get_by_label("Tính đến ngày")).to_have_value("31/12/2013")
    page.locator("#main-menu").get_by_role("link", name="Kế hoạch").click()
    expect(page.get_by_label("Tính đến ngày")).to_have_value("31/12/2013")
    page.get_by_role("link", name="Về hôm nay").click()
    expect(page.get_by_text("Số liệu đang tính đến ngày")).to_have_count(0)
    page.locator("#main-menu").get_by_role("link", name="Tiến độ").click()
    expect(page.get_by_label("Tính đến ngày")).to_have_value("")


def test_the_header_search_finds_a_unit_and_a_dossier(page, password):
    dossier = new_dossier(User.objects.get(username="officer"), "giay-khen", name="Đào Văn Hải")
    cao_loc = Unit.objects.get(code="h-cao-loc").name
    sign_in(page, "staff", password)
    search = page.get_by_role("searchbox", name="Tìm người, hồ sơ, đơn vị")
    search.fill("cao loc")
    search.press("Enter")
    page.locator("ul.found-units").get_by_role("link", name=cao_loc).click()
    expect(page.get_by_role("heading", name=cao_loc)).to_be_visible()

    search.fill(dossier.reference)
    search.press("Enter")
    page.locator("ul.found-dossiers").get_by_role("link", name=dossier.reference).click()
    expect(page.get_by_role("heading", name=dossier.reference)).to_be_visible()
    expect(search).to_have_value("")  # the box is the header's, empty on other pages


def test_the_office_reads_and_sends_a_reminder_and_the_unit_page_shows_it(page, password):
    unit = Unit.objects.get(code="h-cao-loc")
    unit.email = "caoloc@langson.gov.vn"
    unit.save()
    sign_in(page, "staff", password)
    page.locator("#main-menu").get_by_role("link", name="Đôn đốc").click()
    page.get_by_label("Tính đến ngày").fill("31/12/2013")
    page.get_by_role("button", name="Xem").click()
    item = page.locator(".reminder-list > li", has_text=unit.name)
    item.locator("summary").click()
    expect(item.locator(".reminder-text")).to_contain_text(f"Kính gửi: {unit.name}")
    first_line = item.locator(".reminder-text").inner_text().splitlines()[4]
    item.get_by_label(unit.name).check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi cho các đơn vị đã chọn").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi 1 thư đôn đốc.")
    expect(page.locator(".reminder-list > li", has_text=unit.name)).to_contain_text(
        "đã đôn đốc hôm nay"
    )
    page.goto(page.base_url + f"/don-vi/{unit.code}/")
    # "- Nhiệm vụ 3: ... (hạn ...): Quá hạn" is listed as it was sent, not "1 nội dung".
    expect(page.locator("ul.reminders")).to_contain_text(first_line.removeprefix("- "))


def test_a_document_returned_in_the_queue_is_mailed_to_the_unit_with_the_reason(page, password):
    requirement = _documents_waiting(1)
    unit = requirement.units.order_by("pk").first()
    unit.email = "donvi@langson.gov.vn"
    unit.save()
    mail.outbox.clear()
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/van-ban/cho-xem-xet/")
    row = page.locator("table.review-queue tbody tr").first
    row.get_by_label("Kết quả").select_option(label="Trả lại")
    row.get_by_label("Lý do").fill("Thiếu chữ ký của thủ trưởng")
    row.get_by_role("button", name="Ghi").click()
    expect(page.get_by_text("Không có văn bản nào chờ xem xét.")).to_be_visible()
    (message,) = mail.outbox
    assert message.to == ["donvi@langson.gov.vn"]
    assert "Lý do: Thiếu chữ ký của thủ trưởng" in message.body

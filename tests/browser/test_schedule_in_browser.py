import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_reports_progress_from_my_unit(page, password):
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(page.get_by_role("heading", name="Sở Giáo dục và Đào tạo")).to_be_visible()
    page.get_by_role("link", name="30. Tổ chức tập huấn").click()
    page.get_by_label("Tình trạng mới").select_option("in_progress")
    page.get_by_label("Ghi chú").fill("Đã lên kế hoạch lớp tập huấn tháng 9")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi báo cáo tiến độ.")
    expect(page.get_by_role("cell", name="Đã lên kế hoạch lớp tập huấn tháng 9")).to_be_visible()


def test_dismissing_the_confirmation_sends_nothing(page, password):
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/don-vi-cua-toi/")
    page.get_by_role("link", name="30. Tổ chức tập huấn").click()
    rows = page.locator("table tbody tr").count()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("table tbody tr")).to_have_count(rows)


def test_dashboard_bar_segment_opens_the_list_behind_it(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.get_by_label("Tính đến ngày").fill("31/12/2013")
    page.get_by_role("button", name="Xem").click()
    segment = page.locator(".status-bar .segment.status-overdue").first
    expect(segment).to_be_visible()
    count = segment.inner_text().split(":")[-1].strip()
    segment.click()
    expect(page.get_by_text(f"{count} phần việc, tính đến ngày 31/12/2013")).to_be_visible()
    assert page.locator("table tbody tr .status-overdue").count() == min(int(count), 50)

"""Comparing years and school years in the browser (issue 17, points 4 and 5)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in, switch_user

pytestmark = pytest.mark.browser


def test_the_leader_compares_the_years(page, password):
    sign_in(page, "leader", password)
    page.get_by_role("link", name="So sánh các năm: tỷ lệ đúng hạn và khen thưởng").click()
    expect(page.get_by_role("heading", name="So sánh các năm: toàn tỉnh")).to_be_visible()
    chart = page.get_by_role("img", name="Tỷ lệ đúng hạn theo năm: toàn tỉnh")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(
        2 * page.locator("table.year-comparison thead th").count() - 2
    )
    table = page.locator("table.year-comparison")
    expect(table.get_by_role("columnheader", name="2013")).to_be_visible()
    expect(table.get_by_role("row").filter(has_text="Tỷ lệ phần việc đúng hạn")).to_contain_text(
        "%"
    )
    # A unit's own comparison, from the province's table of units.
    page.locator("table.units-by-year").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="So sánh các năm:")).to_be_visible()
    expect(page.get_by_role("link", name="Trang của đơn vị")).to_be_visible()


def test_the_parts_list_filters_by_school_year_and_a_dossier_gets_one(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Tiến độ", exact=True).click()
    page.get_by_label("Năm học").select_option(label="Năm học 2012-2013")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"nam_hoc=2012-2013"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("Năm học 2012-2013")
    numbers = {
        text.split(".")[0].strip() for text in rows.locator("td a").all_inner_texts() if "." in text
    }
    assert numbers and numbers <= {"25", "27", "28"}, numbers

    # An officer types the school year of a teacher's dossier; a wrong one is refused.
    switch_user(page, "officer", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Hoàng Văn Năm")
    page.get_by_label("Danh hiệu, hình thức").select_option(
        label="Bằng khen của Chủ tịch UBND tỉnh"
    )
    page.get_by_label("Loại khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.get_by_label("Năm học").fill("2012-2014")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm học 2012-2013.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_text("“2012-2014” không phải là năm học (ví dụ 2012-2013).")).to_be_visible()
    page.get_by_label("Năm học").fill("2012-2013")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_text("Đã lập hồ sơ")).to_be_visible()
    expect(page.locator(".school-year")).to_have_text("Năm học 2012-2013")

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_signs_in_reads_the_plan_and_opens_a_task(page, password):
    sign_in(page, "officer", password)
    # An officer lands on their unit's page; the plan is one menu link away.
    expect(page.get_by_role("heading", name="Sở Giáo dục và Đào tạo")).to_be_visible()
    page.locator("#main-menu").get_by_role("link", name="Kế hoạch").click()
    expect(page.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()
    rows = page.locator("table.tasks tbody tr")
    assert rows.count() == 34 + 4  # 34 tasks and the QUÝ I–IV heading rows
    assert (
        page.get_by_text("Hoàng Văn Minh").is_visible()
        or page.get_by_text("Minh Hoàng Văn").is_visible()
    )
    page.get_by_role("link", name="4", exact=True).click()
    expect(page.get_by_role("heading", name="Nhiệm vụ 4 · QUÝ I")).to_be_visible()
    assert "- Tổ chức triển khai đăng ký thi đua;" in page.locator("dd.content").inner_text()


def test_wrong_password_stays_on_the_login_form_with_a_message(page):
    sign_in(page, "staff", "khong-dung")
    assert (
        page.get_by_role("alert").inner_text().startswith("Tên đăng nhập hoặc mật khẩu không đúng")
    )
    assert page.get_by_label("Tên đăng nhập").input_value() == "staff"


def test_language_switch_to_english_and_back(page, password):
    sign_in(page, "staff", password)
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("heading", name="PLAN")).to_be_visible()
    page.get_by_label("Language").select_option("vi")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_language_switch_keeps_the_page_and_its_filters(page, password):
    sign_in(page, "staff", password)
    path = "/phan-viec/?quy=2&trang_thai=overdue&ngay=31%2F12%2F2013"
    page.goto(page.base_url + path)
    expect(page.get_by_role("heading", name="Tiến độ các phần việc")).to_be_visible()
    rows = page.locator("table tbody tr").all_inner_texts()
    units = [row.split("\t")[1] for row in rows]

    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.get_by_role("heading", name="Progress of parts")).to_be_visible()
    assert page.url == page.base_url + path
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_label("Quarter")).to_have_value("2")
    english = page.locator("table tbody tr").all_inner_texts()
    assert [row.split("\t")[1] for row in english] == units  # the same rows, data as entered
    expect(page.locator("table tbody .badge").first).to_have_text("Overdue")
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()

    page.get_by_label("Language").select_option("vi")
    expect(page.get_by_role("heading", name="Tiến độ các phần việc")).to_be_visible()
    assert page.url == page.base_url + path


def test_phone_width_still_shows_the_plan(page, password):
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, "leader", password)
    expect(page.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()
    # The navigation folds into a menu behind the toggler until it is opened.
    toggler = page.get_by_role("button", name="Mở menu")
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Bảng điều khiển")).to_be_hidden()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("link", name="Bảng điều khiển").click()
    expect(page.get_by_role("heading", name=re.compile("^Bảng điều khiển"))).to_be_visible()
    expect(page.get_by_role("link", name="Bảng điều khiển")).to_be_hidden()
    # Wide tables scroll inside their own box: the page itself never scrolls sideways.
    page.goto(page.base_url + "/phan-viec/")
    expect(page.locator("table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_desktop_width_shows_the_navigation_without_a_toggler(page, password):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "leader", password)
    expect(page.get_by_role("link", name="Bảng điều khiển")).to_be_visible()
    expect(page.get_by_role("button", name="Mở menu")).to_be_hidden()


def test_the_office_menu_reads_one_label_per_line_at_1366_px(page, password):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "staff", password)
    page.locator("#main-menu").get_by_role("link", name="Bảng điều khiển").click()
    links = page.locator("#main-menu .nav-link")
    assert links.count() >= 15  # the office's longest menu
    line_height = links.first.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    for height in links.evaluate_all("links => links.map(a => a.clientHeight)"):
        # One line of text plus its padding: a label broken over words was 2-5 lines.
        assert height < 2 * line_height
    assert page.get_by_role("searchbox").bounding_box()["width"] >= 200
    # Beside the dd/mm/yyyy box only the calendar's button shows, never its mm/dd text.
    calendar = page.get_by_label("Chọn ngày trên lịch")
    assert calendar.bounding_box()["width"] < 60
    calendar.fill("2013-09-30")
    expect(page.get_by_label("Tính đến ngày")).to_have_value("30/09/2013")


def test_staff_filter_the_parts_by_a_unit_typed_and_picked(page, password):
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/phan-viec/?ngay=30%2F09%2F2013")
    box = page.get_by_role("combobox", name="Đơn vị", exact=True)
    box.fill("cao loc")  # no accents: the search ignores them
    option = page.get_by_role("listbox").get_by_role(
        "option", name=re.compile("Ủy ban nhân dân huyện Cao Lộc")
    )
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option.click()
    expect(box).to_have_value("Ủy ban nhân dân huyện Cao Lộc")
    page.get_by_role("button", name="Lọc").click()
    # The link carries the unit's code, as links to this list always have.
    expect(page).to_have_url(re.compile(r"don_vi=h-cao-loc"))
    assert "don_vi_ten" not in page.url
    units = {row.split("\t")[1] for row in page.locator("table tbody tr").all_inner_texts()}
    assert units == {"Ủy ban nhân dân huyện Cao Lộc"}
    expect(page.get_by_role("combobox", name="Đơn vị", exact=True)).to_have_value(
        "Ủy ban nhân dân huyện Cao Lộc"
    )

    # With the keyboard: type, arrow down to the first match, Enter picks it.
    box = page.get_by_role("combobox", name="Đơn vị", exact=True)
    box.fill("đình lập")
    expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Ủy ban nhân dân huyện Đình Lập")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"don_vi=h-dinh-lap"))


def test_staff_narrow_the_parts_list_with_its_select_filters(page, password):
    """The filter bar's selects (written in Python, core.widgets) are picked and submitted as a
    user does, and come back showing what was picked."""
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/phan-viec/?ngay=31%2F12%2F2013")
    every_row = page.locator("table tbody tr").count()
    page.get_by_label("Quý", exact=True).select_option(label="QUÝ II")
    page.get_by_label("Trạng thái", exact=True).select_option(label="Quá hạn")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"quy=2&trang_thai=overdue"))
    badges = page.locator("table tbody tr td:nth-child(4) .badge").all_inner_texts()
    assert badges and set(badges) <= {"Quá hạn", "Báo cáo muộn, chờ xác nhận"}
    assert page.locator("table tbody tr").count() < every_row
    expect(page.get_by_label("Quý", exact=True)).to_have_value("2")
    expect(page.get_by_label("Trạng thái", exact=True)).to_have_value("overdue")

    # Back to every status, and a school year: only the school-year tasks' parts remain.
    page.get_by_label("Trạng thái", exact=True).select_option(label="Tất cả")
    page.get_by_label("Quý", exact=True).select_option(label="Tất cả")
    page.get_by_label("Năm học", exact=True).select_option(label="Năm học 2012-2013")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"nam_hoc=2012-2013"))
    expect(page.get_by_label("Năm học", exact=True)).to_have_value("2012-2013")
    years = page.locator("table tbody .school-year").all_inner_texts()
    assert years and set(years) == {"Năm học 2012-2013"}
    assert len(years) == page.locator("table tbody tr").count()

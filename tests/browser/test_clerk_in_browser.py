"""The clerk's day (issue #13): the office's journeys through the forms it uses every day,
driven as a user drives them (type, pick, submit)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser

TASK_31 = "/ke-hoach/2013/nhiem-vu/31/"


def _naming_form(page):
    return page.locator("form").filter(
        has=page.get_by_role("heading", name="Chỉ định thêm đơn vị thực hiện")
    )


def _pick(page, form, typed, name):
    box = form.get_by_role("combobox")
    box.fill(typed)
    form.get_by_role("option", name=re.compile(re.escape(name))).click()
    expect(form.get_by_role("checkbox", name=name)).to_be_checked()
    expect(box).to_have_value("")


def test_staff_name_units_for_a_task_and_its_history_says_who(page, password):
    sign_in(page, "staff", password)
    page.goto(page.base_url + TASK_31)
    form = _naming_form(page)
    _pick(page, form, "thanh tra", "Thanh tra tỉnh")
    _pick(page, form, "tu phap", "Sở Tư pháp")
    form.get_by_role("button", name="Giao việc").click()

    expect(page.get_by_role("status")).to_contain_text("Đã giao thêm cho 2 đơn vị.")
    parts = page.locator("table").first
    expect(parts).to_contain_text("Thanh tra tỉnh")
    expect(parts).to_contain_text("Sở Tư pháp")
    history = page.get_by_role("region", name="Lịch sử thay đổi")
    expect(history).to_contain_text("Giao thêm cho: Sở Tư pháp, Thanh tra tỉnh")


def test_naming_no_unit_is_refused_in_the_page_and_a_bad_name_keeps_the_ticks(page, password):
    sign_in(page, "staff", password)
    page.goto(page.base_url + TASK_31)
    form = _naming_form(page)
    box = form.get_by_role("combobox")
    # Nothing ticked, nothing typed: the browser asks for a unit and nothing is sent.
    form.get_by_role("button", name="Giao việc").click()
    assert box.evaluate("box => box.validationMessage") == "Hãy chọn ít nhất một đơn vị."
    expect(page).to_have_url(re.compile(re.escape(TASK_31) + "$"))

    _pick(page, form, "thanh tra", "Thanh tra tỉnh")
    box.fill("không có đơn vị này")
    form.get_by_role("button", name="Giao việc").click()
    form = _naming_form(page)
    expect(form).to_contain_text("Không có đơn vị nào có tên hoặc mã “không có đơn vị này”.")
    # The unit ticked before is still ticked: clear the bad name and send again.
    expect(form.get_by_role("checkbox", name="Thanh tra tỉnh")).to_be_checked()
    form.get_by_role("combobox").fill("")
    form.get_by_role("button", name="Giao việc").click()
    expect(page.get_by_role("status")).to_contain_text("Đã giao thêm cho 1 đơn vị.")

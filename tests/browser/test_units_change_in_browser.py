"""Browser test (issue 17, points 2-3): the office renames a unit from its page; once 2014
is published, the unit's officer sees each year under the name it had, through the year
switcher, and the chosen year follows them through the menu until they go back."""

import pytest
from playwright.sync_api import expect

from tests.conftest import publish_2014
from units.models import Unit, UnitChange, User

from .conftest import sign_in, switch_user

pytestmark = pytest.mark.browser


def test_the_office_renames_a_unit_and_its_officer_sees_both_years(page, password):
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/don-vi/so-gd-dt/")
    page.get_by_role("link", name="Tên gọi, đổi tên, sáp nhập, giải thể").click()
    form = page.locator("#unit-change-form")
    form.get_by_label("Đổi tên").check()
    form.get_by_label("Từ ngày").fill("01/01/2014")
    form.get_by_label("Tên mới", exact=True).fill("Sở Giáo dục")
    form.get_by_label("Lý do, căn cứ").fill("Nghị quyết số 01/NQ-HĐND (minh họa)")
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Ghi thay đổi").click()
    expect(page.get_by_text("Đã ghi: Đổi tên từ ngày 01/01/2014.")).to_be_visible()
    names = page.locator("#name-history")
    expect(names).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(names).to_contain_text("01/01/2014")
    expect(page.locator("#unit-changes")).to_contain_text("Nghị quyết số 01/NQ-HĐND (minh họa)")
    change = UnitChange.objects.get(unit__code="so-gd-dt")
    assert change.recorded_by.username == "staff"
    assert Unit.objects.get(code="so-gd-dt").name == "Sở Giáo dục"

    publish_2014(User.objects.get(username="staff"))
    switch_user(page, "officer", password)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(page.locator("#unit-name")).to_have_text("Sở Giáo dục")
    switcher = page.locator("#year-switch")
    switcher.get_by_role("link", name="2013").click()
    expect(page.locator("#unit-name")).to_have_text("Sở Giáo dục và Đào tạo")
    expect(page.locator("#unit-name-now")).to_have_text("Nay là: Sở Giáo dục")
    expect(switcher).to_contain_text("Chỉ để xem: không thay đổi được số liệu.")
    # The year follows the officer through the menu, like the as-of date.
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.locator("h1")).to_contain_text("năm 2013")
    switcher.get_by_role("link", name="Về năm hiện tại (2014)").click()
    expect(page.locator("h1")).to_contain_text("năm 2014")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(page.locator("#unit-name")).to_have_text("Sở Giáo dục")

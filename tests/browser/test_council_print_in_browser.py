"""The minutes' print view in the browser: linked from the closed session, it shows the
attendance and the tallies in the official layout, and prints without the page's controls."""

import pytest
from playwright.sync_api import expect

from council import services

from .conftest import sign_in
from .test_council_in_browser import _round

pytestmark = pytest.mark.browser


def test_the_office_opens_the_minutes_print_view_from_the_session(page, password):
    session, _dossiers, users = _round()
    first, second = session.items.order_by("order")
    for index, user in enumerate(users):
        services.cast_votes(
            session, user, {first.pk: "for", second.pk: "for" if index == 0 else "against"}
        )
    staff = session.created_by
    services.close_ballot(session, staff)

    sign_in(page, "staff", password)
    page.goto(f"{page.base_url}/hoi-dong-tdkt/phien/{session.pk}/")
    page.get_by_role("link", name="Bản in biên bản").click()
    sheet = page.locator("#document")
    expect(sheet).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(sheet).to_contain_text("Lạng Sơn, ngày 10 tháng 12 năm 2013")
    expect(sheet).to_contain_text("Có mặt 3/3 thành viên")
    attendance, tallies = sheet.locator("table.doc-table").all()
    expect(attendance.locator("tbody tr")).to_have_count(3)
    expect(attendance.get_by_role("row").filter(has_text="Thành viên 2")).to_contain_text("Có")
    one = tallies.get_by_role("row").filter(has_text="Nguyễn Văn Một")
    two = tallies.get_by_role("row").filter(has_text="Trần Thị Hai")
    expect(one.locator("td").nth(3)).to_have_text("3")
    expect(one).to_contain_text("Đạt")
    expect(two.locator("td").nth(3)).to_have_text("1")
    expect(two.locator("td").nth(4)).to_have_text("2")
    expect(two).to_contain_text("Không đạt")
    font = sheet.evaluate("element => getComputedStyle(element).fontFamily")
    assert "Times New Roman" in font
    # Printed: the toolbar goes, the sheet keeps its words.
    toolbar = page.locator(".print-toolbar")
    expect(toolbar).to_be_visible()
    page.emulate_media(media="print")
    expect(toolbar).to_be_hidden()
    expect(sheet).to_contain_text("Số hồ sơ đạt: 1/2")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Quay lại").click()
    expect(page.locator("#ballot-table")).to_be_visible()

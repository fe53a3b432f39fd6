import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_office_rolls_2013_over_edits_and_publishes_2014(page, password):
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/ke-hoach/2013/")
    box = page.get_by_role("form", name="Chuyển kế hoạch sang năm sau")
    expect(box.get_by_label("Sang năm")).to_have_value("2014")
    box.get_by_role("button", name="Chuyển kế hoạch").click()

    expect(page.get_by_role("heading", name="Dự thảo kế hoạch năm 2014")).to_be_visible()
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch năm 2014.")).to_be_visible()
    review = page.locator("table.review")
    expect(review.get_by_role("row").filter(has_text="2012-2013").first).to_contain_text(
        "2013-2014"
    )
    expect(page.locator("table.tasks tbody tr")).to_have_count(34 + 4)

    # Publishing before the header is filled in is refused, with the reason.
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(
        page.get_by_text("Chưa thể ban hành: còn thiếu số, ký hiệu, ngày ban hành.")
    ).to_be_visible()

    page.get_by_role("link", name="Sửa nhiệm vụ 5").click()
    page.get_by_label("Nội dung nhiệm vụ").fill("Phát động phong trào thi đua năm 2014 (đã sửa).")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu nhiệm vụ 5.")).to_be_visible()

    page.get_by_role("link", name="Sửa phần đầu").click()
    page.get_by_label("Số, ký hiệu").fill("05/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("31/02/2014")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Nhập một ngày hợp lệ.")).to_be_visible()
    page.get_by_label("Ngày ban hành").fill("20/01/2014")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu phần đầu của dự thảo.")).to_be_visible()

    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch năm 2014")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Công tác thi đua, khen thưởng năm 2014")
    expect(page.get_by_text("Số: 05/KH-UBND")).to_be_visible()
    expect(page.locator("table.tasks tbody tr")).to_have_count(34 + 4)
    expect(page.get_by_text("Phát động phong trào thi đua năm 2014 (đã sửa).")).to_be_visible()
    # The home page is now the 2014 plan.
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.get_by_text("Số: 05/KH-UBND")).to_be_visible()

"""The clerk's day (issue #13): the office's journeys through the forms it uses every day,
driven as a user drives them (type, pick, submit)."""

import re

import openpyxl
import pytest
from django.urls import path
from playwright.sync_api import expect

from awards import services
from awards.enums import DossierState as S
from awards.models import AwardRecord, AwardType
from config import urls as config_urls
from demo import awards as demo
from plan.models import Task
from units.models import User

from .conftest import draft_dossier, pdf, sign_in

pytestmark = pytest.mark.browser

TASK_31 = "/ke-hoach/2013/nhiem-vu/31/"
UNIT_PLAN = "Kế hoạch công tác thi đua, khen thưởng năm 2013 của đơn vị"


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


def test_a_refused_submission_is_shown_once_and_names_the_article_of_the_law(page, password):
    sign_in(page, "officer", password)
    draft_dossier(
        page, "Hoàng Thị Lan", "Chiến sĩ thi đua cấp tỉnh", "Ba năm liền Chiến sĩ thi đua cơ sở."
    )
    expect(page.get_by_role("status")).to_contain_text("Hãy tải lên các tài liệu rồi nộp hồ sơ.")

    page.get_by_role("link", name="Nộp hồ sơ", exact=True).click()
    # The rule set in force for the 2013 plan names the article (awards.eligibility).
    law = "Điều 22, Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005)"
    expect(page.get_by_role("alert")).to_contain_text(law)
    page.get_by_role("button", name="Xác nhận: Nộp hồ sơ").click()
    # Refused: the reasons once, not a yellow box and a red one saying the same.
    expect(page.get_by_role("alert")).to_have_count(1)
    expect(page.get_by_role("alert")).to_contain_text(law)
    expect(page.get_by_text("sửa đổi 2013")).to_have_count(0)


def test_the_initiatives_page_says_who_recognises_which_initiative(page, password):
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/ho-so/sang-kien/")
    expect(page.get_by_role("heading", name="Sáng kiến", exact=True)).to_be_visible()
    expect(page.get_by_text("Chiến sĩ thi đua cơ sở cần sáng kiến được cấp cơ sở")).to_be_visible()
    assert "Chiến sĩ thi đua dựa trên sáng kiến được Hội đồng" not in page.content()


def broken_view(request):
    raise RuntimeError("SECRET-DETAIL of a failure")


# The project's URLs and one that fails, for the 500 page (test_error_pages_...).
urlpatterns = [*config_urls.urlpatterns, path("hong/", broken_view)]


def test_error_pages_are_in_the_site_layout_and_language_with_a_way_home(page, password, settings):
    settings.ROOT_URLCONF = __name__
    sign_in(page, "officer", password)
    response = page.goto(page.base_url + "/bang-dieu-khien/")  # the office's, not an officer's
    assert response.status == 403
    expect(page.get_by_role("heading", name="Bạn không có quyền xem trang này")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_attached()  # the site's header
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()

    response = page.goto(page.base_url + "/ke-hoach/2013/nhiem-vu/99/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()

    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.goto(page.base_url + "/bang-dieu-khien/")
    expect(page.get_by_role("heading", name="You are not allowed to see this page")).to_be_visible()
    response = page.goto(page.base_url + "/hong/")
    assert response.status == 500
    expect(page.get_by_role("heading", name="The system is having a problem")).to_be_visible()
    assert "SECRET-DETAIL" not in page.content()
    page.get_by_role("link", name="Back to the home page").click()
    expect(page.get_by_role("heading", name="PLAN")).to_be_visible()


def _overlap(first, second):
    """How far two boxes overlap across (px), 0 when they do not."""
    a, b = first.bounding_box(), second.bounding_box()
    across = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    down = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(0, across) if down > 0 else 0


@pytest.mark.parametrize("width", [1366, 1000, 800])
def test_the_inbox_filters_do_not_cover_one_another(page, password, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/ho-so/tiep-nhan/")
    filters = page.get_by_role("form", name="Lọc hồ sơ")
    unit = filters.get_by_role("combobox", name="Đơn vị")
    fields = [
        filters.get_by_label(label, exact=True)
        for label in ("Trạng thái", "Danh hiệu, hình thức", "Đợt", "Năm", "Tên hoặc số hồ sơ")
    ]
    for field in fields:
        assert _overlap(unit, field) == 0
    # Still a box one can type a unit's name in, and pick from.
    assert unit.bounding_box()["width"] >= 150
    unit.fill("cao loc")
    filters.get_by_role("option", name=re.compile("Cao Lộc")).click()
    filters.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"unit=\d+"))


PHONE = {"width": 390, "height": 800}


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_dossier_and_its_history_fit_a_phone(page, password):
    people = {name: User.objects.get(username=name) for name in ("officer", "staff", "council")}
    dossier = demo.new_dossier(people["officer"], "bang-khen-tinh", name="Hoàng Văn Bình")
    demo.advance(dossier, S.IN_APPRAISAL, **people)
    # A return whose reason names a file, as the office writes them: one long word.
    services.move_dossier(
        dossier, S.RETURNED, people["staff"], "Thiếu Bien_ban_hop_Hoi_dong_TDKT_co_so_2013.pdf"
    )
    page.set_viewport_size(PHONE)
    for user in ("officer", "staff"):
        sign_in(page, user, password)
        page.goto(page.base_url + f"/ho-so/{dossier.pk}/")
        history = page.get_by_role("region", name="Quá trình xử lý")
        expect(history).to_contain_text("Bien_ban_hop_Hoi_dong_TDKT_co_so_2013.pdf")
        assert _page_width(page) <= PHONE["width"]
        # The table fits its box too: nothing hidden to the right.
        box = history.locator(".table-responsive")
        assert box.evaluate("box => box.scrollWidth <= box.clientWidth")
        page.context.clear_cookies()


def test_a_unit_sends_its_plan_from_a_phone(page, password):
    page.set_viewport_size(PHONE)
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/don-vi-cua-toi/")
    row = page.get_by_role("row").filter(has_text=UNIT_PLAN)
    chooser = row.get_by_label("Tệp văn bản")
    # The file chooser is wide enough to read its button and the chosen file's name.
    assert chooser.bounding_box()["width"] >= 250
    assert _page_width(page) <= PHONE["width"]
    chooser.set_input_files(pdf("KH TĐKT 2013.pdf"))
    # The demo's plan was accepted in 2013: a new copy is confirmed first (issue 13, point 4).
    row.get_by_label("Tôi hiểu: văn bản đã được chấp nhận, vẫn gửi bản mới").check()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Gửi bản mới").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã gửi “{UNIT_PLAN}”.")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_dashboard_says_every_status_in_full_and_what_each_overdue_task_is(
    page, password, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/bang-dieu-khien/?ngay=31%2F12%2F2013")
    for quarter in (1, 2, 3, 4):
        legend = page.get_by_role("list", name=f"Quý {quarter}", exact=True)
        items = legend.get_by_role("listitem")
        assert items.count() >= 1
        for item in items.all():
            expect(item).to_have_text(re.compile(r"^\S.*: \d+$"))
            # Readable whole: nothing cut to "Đ…".
            assert item.evaluate("item => item.scrollWidth <= item.clientWidth + 1")
    # Every label of the bar of QUÝ I is there in full, however narrow its segment.
    bar = page.get_by_role("list", name="Quý 1", exact=True).inner_text()
    assert "Quá hạn: " in bar and "Hoàn thành đúng hạn: " in bar

    badge = page.locator("#overdue ~ div .badge").first
    number = int(badge.inner_text().split()[-1])
    task = Task.objects.get(plan__year=2013, number=number)
    expect(badge).to_have_attribute("title", f"Nhiệm vụ {number}: {task.short_content}")
    tasks = page.get_by_role("definition").filter(has_text=task.short_content)
    expect(tasks).to_have_count(1)
    page.get_by_role("link", name=f"NV {number}", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"^Nhiệm vụ {number} ·"))).to_be_visible()


def test_units_are_listed_in_vietnamese_order_and_found_without_accents(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    names = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert names.index("Đài Phát thanh - Truyền hình tỉnh") < names.index("Hội Nông dân tỉnh")
    assert names.index("Hội đồng Thi đua - Khen thưởng tỉnh") < names.index("Hội Nông dân tỉnh")

    search = page.get_by_label("Tìm theo tên, tên viết tắt hoặc mã")
    for typed, expected in [
        ("cao loc", "Ủy ban nhân dân huyện Cao Lộc"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ]:
        search.fill(typed)
        page.get_by_role("button", name="Lọc").click()
        expect(page.get_by_role("link", name=expected, exact=True)).to_be_visible()

    # The type-ahead finds by the same search, in the same order.
    page.goto(page.base_url + "/phan-viec/")
    box = page.get_by_role("combobox", name="Đơn vị", exact=True)
    box.fill("ubnd huyen")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_contain_text("Ủy ban nhân dân huyện Bắc Sơn")
    expect(options.nth(1)).to_contain_text("Ủy ban nhân dân huyện Bình Gia")


def test_english_mode_reaches_the_reports_and_the_dossier_history(page, password):
    people = {name: User.objects.get(username=name) for name in ("officer", "staff", "council")}
    dossier = demo.new_dossier(people["officer"], "bang-khen-tinh", name="Hoàng Văn Bình")
    demo.advance(dossier, S.IN_APPRAISAL, **people)
    sign_in(page, "staff", password)
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("link", name="Dashboard").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download progress report (Excel)").click()
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(file).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "PLAN PROGRESS REPORT" in cells and "Task content" in cells
    assert "Nội dung nhiệm vụ" not in cells

    page.goto(page.base_url + f"/ho-so/{dossier.pk}/")
    history = page.get_by_role("region", name="Processing history")
    expect(history).to_contain_text("Create dossier")
    changes = page.get_by_role("region", name="Change history")
    expect(changes).to_contain_text("Receive and appraise")
    expect(changes).not_to_contain_text("Nộp hồ sơ")


def test_admin_in_vietnamese_has_a_history_button_that_says_so(page, password):
    sign_in(page, "admin", password)
    page.get_by_role("link", name="Quản trị", exact=True).click()
    site = page.get_by_role("link", name="Quản trị hệ thống thi đua, khen thưởng")
    expect(site).to_be_visible()
    expect(page.get_by_text("Trang quản trị cho Django")).to_have_count(0)
    page.get_by_role("link", name="Nhiệm vụ", exact=True).first.click()
    page.get_by_role("link", name="4", exact=True).click()
    page.get_by_role("link", name="Lịch sử", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Lịch sử thay đổi: 4\\."))).to_be_visible()
    expect(page.get_by_role("columnheader", name="Người thay đổi")).to_be_visible()


def test_the_award_history_lists_people_in_vietnamese_order(page, password):
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    for name in ("Nông Văn Đức", "Nông Văn Dũng", "Nông Thị Ánh", "Nông Văn Ân"):
        AwardRecord.objects.create(name=name, year=2012, award_type=award)
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/ho-so/tra-cuu/")
    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("nong")
    page.get_by_role("button", name="Tìm").click()
    names = page.locator("table.awards-history tbody tr td:first-child")
    expect(names).to_have_text(["Nông Thị Ánh", "Nông Văn Ân", "Nông Văn Dũng", "Nông Văn Đức"])

"""Whole journeys through the product, each across the pages and roles a real one crosses."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Dossier
from demo.accounts import DEMO_PASSWORD
from demo.ballots import approve_through_council
from units.enums import Role
from units.models import Unit, User

from .conftest import draft_dossier, pdf, sign_in, switch_user

pytestmark = pytest.mark.browser

UNIT_PLAN = "Kế hoạch công tác thi đua, khen thưởng năm 2013 của đơn vị"


def accept_next_dialog(page):
    page.once("dialog", lambda dialog: dialog.accept())


def test_officer_reports_a_part_done_with_evidence(page, password):
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(page.get_by_role("heading", name="Sở Giáo dục và Đào tạo")).to_be_visible()
    page.get_by_role("link", name="30. Tổ chức tập huấn").click()
    expect(page.get_by_role("heading", name="Nhiệm vụ 30 · Sở Giáo dục và Đào tạo")).to_be_visible()

    page.get_by_label("Tình trạng mới").select_option(label="Đã hoàn thành")
    # Done within the plan's year; reported years later, so it needs its evidence file.
    page.get_by_label("Ngày hoàn thành").fill("20/12/2013")
    page.get_by_label("Ghi chú").fill("Đã tổ chức lớp tập huấn cho 120 cán bộ")
    page.get_by_label("Tệp minh chứng").set_input_files(pdf("Danh sách học viên.pdf"))
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Gửi báo cáo").click()

    expect(page.get_by_role("status")).to_contain_text("Đã ghi báo cáo tiến độ.")
    assert dialogs == ["Gửi báo cáo tiến độ này?"]
    # Task 30 was due 30/09/2013: done on 20/12/2013, it is done, late; and reported late.
    status = page.locator("p", has_text="Trạng thái đến ngày")
    expect(status.locator(".badge").first).to_have_text(re.compile(r"^Hoàn thành "))
    expect(status.locator(".late-report")).to_have_text("Báo cáo muộn, chờ xác nhận")
    row = page.get_by_role("row").filter(has_text="Đã tổ chức lớp tập huấn cho 120 cán bộ")
    expect(row.get_by_role("cell", name="Đã hoàn thành", exact=True)).to_be_visible()
    evidence = row.get_by_role("link", name="Danh sách học viên.pdf")
    expect(evidence).to_be_visible()
    # The link serves the very file that was sent.
    response = page.request.get(page.base_url + evidence.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"%PDF-1.4")
    part_url = page.url
    # Back on the unit's page, the task's row under its quarter shows what was saved.
    page.get_by_role("link", name="Đơn vị của tôi").click()
    quarter = page.locator("ul.list-group").filter(has_text="30. Tổ chức tập huấn")
    expect(quarter.locator("xpath=preceding-sibling::h3[1]")).to_have_text("QUÝ III")
    row = quarter.get_by_role("listitem").filter(has_text="30. Tổ chức tập huấn")
    expect(row.locator(".badge").first).to_have_text(re.compile(r"^Hoàn thành "))
    expect(row.locator(".late-report")).to_have_text("Báo cáo muộn, chờ xác nhận")
    expect(row).to_contain_text("hạn 30/09/2013")

    # The office checks the evidence and confirms the late report; the page says who did.
    switch_user(page, "staff", password)
    page.goto(part_url)
    row = page.get_by_role("row").filter(has_text="Đã tổ chức lớp tập huấn cho 120 cán bộ")
    accept_next_dialog(page)
    row.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã xác nhận báo cáo muộn.")
    expect(row.locator(".late-report")).to_have_text("Báo cáo muộn, đã xác nhận")
    expect(row.get_by_role("button", name="Xác nhận")).to_have_count(0)


def _unit_plan_row(page):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=UNIT_PLAN, exact=True))


def _officer_sends_unit_plan(page, name):
    """The demo's unit plan of Sở GD&ĐT was accepted in 2013: a new copy is confirmed first."""
    row = _unit_plan_row(page)
    row.get_by_label("Tệp văn bản").set_input_files(pdf(name))
    row.get_by_label("Tôi hiểu: văn bản đã được chấp nhận, vẫn gửi bản mới").check()
    accept_next_dialog(page)
    row.get_by_role("button", name="Gửi bản mới").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã gửi “{UNIT_PLAN}”.")


def _staff_row(page):
    return page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Sở Giáo dục và Đào tạo", exact=True)
    )


def _staff_open_unit_plans_from_dashboard(page):
    page.get_by_role("link", name="Bảng điều khiển").click()
    page.get_by_role("region", name="Văn bản các đơn vị phải gửi").get_by_role(
        "link", name=UNIT_PLAN
    ).click()
    expect(page.get_by_role("heading", name=UNIT_PLAN)).to_be_visible()


def test_unit_plan_sent_returned_sent_again_and_accepted(page, password):
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    _officer_sends_unit_plan(page, "KH TĐKT 2013 - Sở GD&ĐT.pdf")
    # The copy accepted in 2013 (sent 02/03/2013, after 25/02) stands; the new one waits.
    expect(_unit_plan_row(page)).to_contain_text("Đã gửi muộn")
    expect(_unit_plan_row(page)).to_contain_text("đang chờ Ban TĐKT xem xét")

    switch_user(page, "staff", password)
    _staff_open_unit_plans_from_dashboard(page)
    row = _staff_row(page)
    expect(row.get_by_role("link", name="KH TĐKT 2013 - Sở GD&ĐT.pdf")).to_be_visible()
    row.get_by_label("Kết quả").select_option(label="Trả lại")
    row.get_by_label("Lý do").fill("Thiếu chữ ký của Giám đốc Sở")
    row.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Đã ghi kết quả xem xét văn bản của Sở Giáo dục và Đào tạo"
    )
    # Returning the newer copy does not undo the accepted one (issue 13, point 4).
    expect(_staff_row(page)).to_contain_text("đã chấp nhận")
    expect(_staff_row(page)).to_contain_text("bị Ban TĐKT trả lại")

    switch_user(page, "officer", password)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    expect(_unit_plan_row(page)).not_to_contain_text("Bị trả lại, chưa gửi lại")
    expect(_unit_plan_row(page)).to_contain_text("Thiếu chữ ký của Giám đốc Sở")
    _officer_sends_unit_plan(page, "KH TĐKT 2013 - Sở GD&ĐT (có chữ ký).pdf")
    expect(_unit_plan_row(page)).to_contain_text("đang chờ Ban TĐKT xem xét")

    switch_user(page, "staff", password)
    _staff_open_unit_plans_from_dashboard(page)
    row = _staff_row(page)
    expect(row.get_by_role("link", name="KH TĐKT 2013 - Sở GD&ĐT (có chữ ký).pdf")).to_be_visible()
    row.get_by_label("Kết quả").select_option(label="Chấp nhận")
    row.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi kết quả xem xét văn bản")
    row = _staff_row(page)
    expect(row).to_contain_text("Đã gửi muộn")
    expect(row).to_contain_text("đã chấp nhận")
    expect(row.get_by_role("button", name="Ghi")).to_have_count(0)


def _upload(page, kind, name):
    # The dossier page has a row per kind of document, each taking one or more files.
    page.get_by_label(kind, exact=True).set_input_files(pdf(name))
    page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã tải lên 1 tệp: “{name}”.")


def _move(page, button, **fields):
    """Click a move on the dossier page, fill what it asks, confirm it."""
    page.get_by_role("link", name=button, exact=True).click()
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name=f"Xác nhận: {button}").click()
    expect(page.get_by_role("status")).to_contain_text(f": {button} — xong.")


def test_dossier_from_draft_to_decision(page, password):
    sign_in(page, "officer", password)
    draft_dossier(
        page,
        "Nông Thị Hạnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Hoàn thành xuất sắc nhiệm vụ năm học 2012-2013.",
    )
    expect(page.get_by_role("status")).to_contain_text("Hãy tải lên các tài liệu rồi nộp hồ sơ.")
    heading = page.get_by_role("heading", level=1).inner_text()
    reference = heading.split(" · ")[0]
    assert heading.endswith("Nông Thị Hạnh")

    _upload(page, "Tờ trình đề nghị khen thưởng", "To trinh.pdf")
    _upload(page, "Báo cáo thành tích", "Bao cao thanh tich.pdf")
    # Submitting without the base council's minutes: the page names what is missing.
    page.get_by_role("link", name="Nộp hồ sơ", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Thiếu tài liệu bắt buộc: Biên bản họp Hội đồng TĐKT cấp cơ sở."
    )
    page.get_by_role("button", name="Xác nhận: Nộp hồ sơ").click()
    expect(page.get_by_role("alert").first).to_contain_text("Biên bản họp Hội đồng TĐKT cấp cơ sở")
    page.get_by_role("link", name="Quay lại").click()
    expect(page.locator("h1 + div .badge")).to_have_text("Đang soạn")

    _upload(page, "Biên bản họp Hội đồng TĐKT cấp cơ sở", "Bien ban.pdf")
    _move(page, "Nộp hồ sơ")
    expect(page.locator("h1 + div .badge")).to_have_text("Đã nộp")
    expect(page.get_by_role("button", name="Tải lên các tệp đã chọn")).to_have_count(0)

    switch_user(page, "staff", password)
    page.get_by_role("link", name="Hồ sơ khen thưởng").click()
    page.get_by_label("Tên hoặc số hồ sơ").fill("nong thi hanh")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=reference).click()
    _move(page, "Tiếp nhận, thẩm định")
    expect(page.locator("h1 + div .badge")).to_have_text("Đang thẩm định")
    _move(page, "Trình Hội đồng")
    expect(page.locator("h1 + div .badge")).to_have_text("Trình Hội đồng")

    switch_user(page, "council", password)
    page.get_by_role("link", name="Hồ sơ trình Hội đồng").click()
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name="Ghi ý kiến Hội đồng").click()
    page.get_by_label("Đề nghị khen thưởng", exact=True).check()
    page.get_by_label("Ý kiến của Hội đồng").fill("Nhất trí đề nghị, 9/9 thành viên tán thành.")
    page.get_by_role("button", name="Xác nhận: Ghi ý kiến Hội đồng").click()
    expect(page.get_by_role("status")).to_contain_text("Ghi ý kiến Hội đồng — xong.")
    expect(page.get_by_text("Đề nghị khen thưởng: Nhất trí đề nghị, 9/9")).to_be_visible()

    switch_user(page, "staff", password)
    page.get_by_role("link", name="Hồ sơ khen thưởng").click()
    page.get_by_role("link", name=reference).click()
    # The dossier was submitted today: a decision dated before is refused at its field
    # (issue 13, point 5), nothing moves.
    page.get_by_role("link", name="Ghi quyết định khen thưởng", exact=True).click()
    page.get_by_label("Số quyết định").fill("2150/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("20/12/2013")
    page.get_by_role("button", name="Xác nhận: Ghi quyết định khen thưởng").click()
    field = page.locator("div.mb-3").filter(has=page.locator("#id_decision_date"))
    expect(field.locator(".invalid-feedback")).to_contain_text(
        "Ngày quyết định 20/12/2013 trước ngày đơn vị nộp hồ sơ"
    )
    # Dated right, a provincial title is still not approved on the dossier: only by the
    # council's decision.
    page.get_by_label("Ngày quyết định").fill(f"{timezone.localdate():%d/%m/%Y}")
    page.get_by_role("button", name="Xác nhận: Ghi quyết định khen thưởng").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "do Hội đồng Thi đua - Khen thưởng tỉnh xét"
    )
    # The council votes and the office records the chairman's decision (tests of their own
    # pages: test_council_in_browser.py), dated no earlier than the dossier's submission,
    # today (issue 13, point 5: tests/council/test_decision_dates.py).
    approve_through_council(
        [Dossier.objects.get(reference=reference)],
        User.objects.get(username="staff"),
        number="2150/QĐ-UBND",
        date=timezone.localdate(),
    )
    today = f"{timezone.localdate():%d/%m/%Y}"
    approved = Dossier.objects.get(reference=reference)
    page.goto(page.base_url + reverse("awards:dossier", args=[approved.pk]))
    expect(page.locator("h1 + div .badge")).to_have_text("Được khen thưởng")
    expect(page.get_by_text(f"Số 2150/QĐ-UBND ngày {today}")).to_be_visible()
    # Every move is on record, in order, with who made it.
    expect(page.locator("table.history tbody tr td:nth-child(4)")).to_have_text(
        [
            "Đang soạn",
            "Đã nộp",
            "Đang thẩm định",
            "Trình Hội đồng",
            "Trình Hội đồng",  # the council's opinion, recorded without a change of state
            "Được khen thưởng",
        ]
    )
    expect(page.locator("table.history")).to_contain_text("Nhất trí đề nghị, 9/9")

    switch_user(page, "officer", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=reference))
    expect(row).to_contain_text("Được khen thưởng")


def _part_rows(page):
    return page.locator("table tbody tr").all_inner_texts()


def test_a_filtered_parts_list_is_shared_by_its_url(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Tiến độ").click()
    page.get_by_label("Quý").select_option(label="QUÝ II")
    page.get_by_label("Trạng thái").select_option(label="Quá hạn")
    page.get_by_label("Tính đến ngày").fill("31/12/2013")
    page.get_by_role("button", name="Lọc").click()
    summary = page.get_by_text(re.compile(r"\d+ phần việc, tính đến ngày 31/12/2013"))
    expect(summary).to_be_visible()
    url = page.url
    rows = _part_rows(page)
    assert rows, "the demo year has overdue parts in QUÝ II at the year's end"
    for row in rows:
        assert "Quá hạn" in row
        assert "30/06/2013" in row  # QUÝ II tasks are due at the end of June
    counted = summary.inner_text()

    colleague = User.objects.create_user(
        "staff2",
        password=DEMO_PASSWORD,
        first_name="Thu",
        last_name="Trần Thị",
        unit=Unit.objects.get(code="ban-tdkt"),
    )
    colleague.groups.add(Group.objects.get(name=Role.OFFICE_STAFF))
    for other in ("staff2", "leader"):
        switch_user(page, other, password)
        page.goto(url)
        expect(page.get_by_text(counted)).to_be_visible()
        assert _part_rows(page) == rows
        # The form shows the filters the URL carries.
        expect(page.get_by_label("Quý")).to_have_value("2")
        expect(page.get_by_label("Trạng thái")).to_have_value("overdue")
        expect(page.get_by_label("Tính đến ngày")).to_have_value("31/12/2013")


def _dashboard_figures(page, day):
    page.get_by_label("Tính đến ngày").fill(day)
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_text(f"Tình hình thực hiện kế hoạch tính đến ngày {day}.")).to_be_visible()
    bars = {
        quarter: page.get_by_role("list", name=f"Quý {quarter}", exact=True).inner_text()
        for quarter in (1, 2, 3, 4)
    }
    plans = page.get_by_role("region", name=re.compile("Kế hoạch của các đơn vị")).inner_text()
    return bars, plans


def test_dashboard_counts_change_with_the_date(page, password):
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Bảng điều khiển").click()
    early_bars, early_plans = _dashboard_figures(page, "25/02/2013")
    late_bars, late_plans = _dashboard_figures(page, "31/12/2013")

    assert early_bars != late_bars
    assert early_plans != late_plans
    # On 25/02 nothing of QUÝ II-IV can be late yet; by the year's end some of QUÝ I is.
    for quarter in (2, 3, 4):
        assert "Quá hạn" not in early_bars[quarter]
        assert "Chưa đến hạn" in early_bars[quarter]
    assert "Quá hạn" in late_bars[1]
    assert "Chưa đến hạn" not in late_bars[4]

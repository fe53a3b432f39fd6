"""An officer drafts a person's dossier, sends its documents several at once, removes a
wrong one and submits: the form shows one kind of nominee, the required kinds are ticked."""

import pytest
from playwright.sync_api import expect

from .conftest import pdf, sign_in

pytestmark = pytest.mark.browser


def _required(page, kind):
    return page.locator(f'.required-documents li[data-kind="{kind}"]')


def test_officer_sends_documents_at_once_removes_one_and_submits(page, password):
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()

    # A person: the collective's name is not asked, the workplace is the officer's unit, and
    # only the awards that go to a person are offered.
    page.get_by_label("Cá nhân").check()
    expect(page.get_by_label("Họ và tên")).to_be_visible()
    expect(page.get_by_label("Tên tập thể")).to_be_hidden()
    expect(page.get_by_label("Nơi công tác")).to_have_value("Sở Giáo dục và Đào tạo")
    awards = page.get_by_label("Danh hiệu, hình thức")
    expect(awards.locator("option", has_text="Tập thể lao động xuất sắc")).to_be_disabled()
    expect(awards.locator("option", has_text="Chiến sĩ thi đua cấp tỉnh")).to_be_enabled()
    # The unit's own head decides Giấy khen: it is not proposed by a dossier.
    expect(awards.locator("option", has_text="Giấy khen")).to_have_count(0)
    # A collective: the other way round.
    page.get_by_label("Tập thể", exact=True).check()
    expect(page.get_by_label("Tên tập thể")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_be_hidden()
    expect(awards.locator("option", has_text="Chiến sĩ thi đua cấp tỉnh")).to_be_disabled()
    expect(awards.locator("option", has_text="Tập thể lao động xuất sắc")).to_be_enabled()

    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Vi Thị Tài Liệu")
    page.get_by_label("Chức vụ").fill("Giáo viên")
    awards.select_option(label="Bằng khen của Chủ tịch UBND tỉnh")
    page.get_by_label("Loại khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm học.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Hãy tải lên các tài liệu rồi nộp hồ sơ.")
    expect(page.get_by_text("Chức vụ, nơi công tác")).to_be_visible()
    expect(page.get_by_text("Giáo viên, Sở Giáo dục và Đào tạo")).to_be_visible()
    for kind in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong"):
        expect(_required(page, kind)).to_contain_text("còn thiếu")

    # Two files of two kinds, sent in one go.
    page.get_by_label("Tờ trình đề nghị khen thưởng", exact=True).set_input_files(
        pdf("To trinh.pdf")
    )
    page.get_by_label("Báo cáo thành tích", exact=True).set_input_files(pdf("Nham file.pdf"))
    page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Đã tải lên 2 tệp: “To trinh.pdf”, “Nham file.pdf”."
    )
    expect(_required(page, "to_trinh")).to_have_attribute("data-attached", "1")
    expect(_required(page, "bao_cao_thanh_tich")).to_have_attribute("data-attached", "1")
    expect(_required(page, "bien_ban_hoi_dong")).to_contain_text("còn thiếu")

    # The wrong file goes; its kind is missing again.
    page.get_by_role("button", name="Gỡ “Nham file.pdf” khỏi hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gỡ “Nham file.pdf” khỏi hồ sơ.")
    expect(page.get_by_role("link", name="Nham file.pdf")).to_have_count(0)
    expect(_required(page, "bao_cao_thanh_tich")).to_contain_text("còn thiếu")

    # Submitting now is refused, naming the kinds still missing.
    page.get_by_role("link", name="Nộp hồ sơ", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Thiếu tài liệu bắt buộc: Báo cáo thành tích, Biên bản họp Hội đồng TĐKT cấp cơ sở."
    )
    page.get_by_role("link", name="Quay lại").click()

    # The two missing kinds at once, then the submission goes through.
    page.get_by_label("Báo cáo thành tích", exact=True).set_input_files(pdf("Bao cao.pdf"))
    page.get_by_label("Biên bản họp Hội đồng TĐKT cấp cơ sở", exact=True).set_input_files(
        pdf("Bien ban.pdf")
    )
    page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tải lên 2 tệp")
    expect(page.locator('.required-documents li[data-attached="0"]')).to_have_count(0)
    page.get_by_role("link", name="Nộp hồ sơ", exact=True).click()
    page.get_by_role("button", name="Xác nhận: Nộp hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Nộp hồ sơ — xong.")
    expect(page.locator("h1 + div .badge")).to_have_text("Đã nộp")
    # Once sent, nothing is removed nor added by the unit.
    expect(page.get_by_role("button", name="Gỡ “To trinh.pdf” khỏi hồ sơ")).to_have_count(0)
    expect(page.get_by_role("button", name="Tải lên các tệp đã chọn")).to_have_count(0)

"""The year-end scoring in a block, as its members and its leading unit do it."""

import pytest
from playwright.sync_api import expect

from emulation import services
from emulation.models import Score, ScoreSheetTemplate, TemplateCriterion
from units.models import Cluster, Unit, User

from .conftest import sign_in, switch_user

pytestmark = pytest.mark.browser
BLOCK = "Khối văn hóa - xã hội"  # led by Sở Giáo dục và Đào tạo, the demo officer's unit


def _sheet():
    staff = User.objects.get(username="staff")
    template = ScoreSheetTemplate.objects.create(name="Mẫu")
    TemplateCriterion.objects.create(
        template=template, group="I. Nhiệm vụ", position=1, text="Hoàn thành chỉ tiêu",
        max_points=30,
    )  # fmt: skip
    block = Cluster.objects.get(year=2013, name=BLOCK)
    sheet = services.copy_score_sheet(block, template, staff)
    criterion = sheet.criteria.get()
    services.score_criterion(criterion, Unit.objects.get(code="so-y-te"), staff, points=28)
    return block, criterion


def test_the_leading_unit_cross_checks_a_member_and_others_cannot_see_it(page, password):
    block, criterion = _sheet()
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/thi-dua/2013/")
    page.get_by_role("link", name=BLOCK).click()
    expect(page.get_by_role("heading", name=BLOCK)).to_be_visible()
    page.get_by_role("link", name="Sở Y tế").click()
    page.locator(f"#check-{criterion.pk}").fill("25")
    page.locator(f"#comment-{criterion.pk}").fill("Thiếu một minh chứng")
    page.get_by_role("button", name="Thẩm định").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi điểm tiêu chí")
    score = Score.objects.get(criterion=criterion, unit__code="so-y-te")
    assert (score.checked_score, score.check_comment) == (25, "Thiếu một minh chứng")

    # The member's own score is now closed; the leader's own sheet is scored by itself.
    page.get_by_role("link", name=BLOCK).click()
    page.get_by_role("link", name="Sở Giáo dục và Đào tạo").click()
    page.locator(f"#self-{criterion.pk}").fill("29")
    page.get_by_role("button", name="Ghi điểm").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi điểm tiêu chí")

    # An officer of a unit outside the block finds nothing at the member's scores.
    switch_user(page, "officer2", password)
    response = page.goto(page.base_url + f"/thi-dua/cum/{block.pk}/diem/so-y-te/")
    assert response.status == 404


def test_the_office_announces_a_block_by_typing_and_picking_units(page, password):
    Cluster.objects.filter(year=2013).delete()
    sign_in(page, "staff", password)
    page.goto(page.base_url + "/thi-dua/2013/")
    page.get_by_role("link", name="Công bố cụm, khối").click()
    page.get_by_label("Tên cụm, khối").fill("Khối thử nghiệm")
    page.get_by_label("Loại").select_option(label="Khối thi đua")
    leader = page.get_by_role("combobox", name="Đơn vị trưởng")
    leader.fill("y te")
    page.get_by_role("option", name="Sở Y tế").click()
    expect(leader).to_have_value("Sở Y tế")
    members = page.get_by_role("combobox", name="Đơn vị thành viên")
    members.fill("tu phap")
    page.get_by_role("option", name="Sở Tư pháp").click()
    expect(page.get_by_role("checkbox", name="Sở Tư pháp")).to_be_checked()
    page.get_by_role("button", name="Công bố", exact=True).click()
    expect(page.get_by_role("heading", name="Khối thử nghiệm")).to_be_visible()
    block = Cluster.objects.get(year=2013, name="Khối thử nghiệm")
    assert set(block.members.values_list("code", flat=True)) == {"so-y-te", "so-tu-phap"}
    assert block.leader.code == "so-y-te"


def test_an_officer_plans_an_inspection_and_records_its_result(page, password):
    education = Unit.objects.get(code="so-gd-dt")
    Unit.objects.create(code="thpt-thu", name="Trường THPT Thử", parent=education)
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/thi-dua/2013/kiem-tra/")
    page.get_by_label("Tên kế hoạch kiểm tra").fill("Kiểm tra công tác TĐKT ngành giáo dục")
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lập kế hoạch kiểm tra.")
    page.get_by_label("Đơn vị được kiểm tra").select_option(label="Trường THPT Thử")
    page.get_by_label("Ngày dự kiến").fill("01/10/2013")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm đơn vị")
    page.get_by_label("Ngày kiểm tra").fill("05/10/2013")
    page.get_by_placeholder("Kết quả, kiến nghị").fill("Thực hiện đúng quy định")
    page.get_by_role("button", name="Ghi kết quả").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi kết quả kiểm tra.")
    expect(page.get_by_text("Đã kiểm tra 1/1 đơn vị")).to_be_visible()


def test_the_office_launches_a_movement_for_units_it_picks(page, password):
    from emulation.models import Movement

    sign_in(page, "staff", password)
    page.goto(page.base_url + "/thi-dua/2013/")
    page.get_by_role("link", name="Phát động phong trào").click()
    page.get_by_label("Tên phong trào").fill("Phong trào thử nghiệm")
    page.get_by_label("Từ ngày").fill("01/03/2013")
    page.get_by_label("Đến ngày").fill("30/11/2013")
    page.get_by_label("Nhiệm vụ phát động (số thứ tự)").fill("16")
    units = page.get_by_role("combobox", name="Đơn vị tham gia")
    units.fill("y te")
    page.get_by_role("option", name="Sở Y tế").click()
    expect(page.get_by_role("checkbox", name="Sở Y tế")).to_be_checked()
    page.get_by_role("button", name="Phát động", exact=True).click()
    expect(page.get_by_role("link", name="Phong trào thử nghiệm")).to_be_visible()
    movement = Movement.objects.get(name="Phong trào thử nghiệm")
    assert list(movement.units.values_list("code", flat=True)) == ["so-y-te"]
    assert movement.task.number == 16


def test_an_officer_registers_signs_the_pact_and_records_an_exemplar(page, password):
    from emulation.models import Exemplar, PactSignature, Registration

    sign_in(page, "officer2", password)  # UBND huyện Cao Lộc, a member of the districts' cluster
    page.goto(page.base_url + "/thi-dua/2013/")
    page.get_by_role("link", name="Đăng ký thi đua của đơn vị").click()
    page.get_by_label("Danh hiệu tập thể đăng ký").select_option(label="Tập thể lao động xuất sắc")
    page.get_by_label("Số người đăng ký Lao động tiên tiến").fill("40")
    page.get_by_label("Số người đăng ký Chiến sĩ thi đua cơ sở").fill("5")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận đăng ký thi đua")
    registration = Registration.objects.get(unit__code="h-cao-loc", year=2013)
    assert (registration.collective_title, registration.people_base_soldier) == ("tap-the-ldxs", 5)

    page.goto(page.base_url + "/thi-dua/2013/")
    page.get_by_role("link", name="Cụm thi đua các huyện, thành phố").click()
    page.get_by_label("Ngày ký").fill("05/03/2013")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận đơn vị ký giao ước thi đua.")
    assert PactSignature.objects.filter(unit__code="h-cao-loc").exists()

    page.goto(page.base_url + "/thi-dua/2013/dien-hinh/")
    page.get_by_label("Tên cá nhân, tập thể").fill("Trường Tiểu học Cao Lộc")
    page.locator("#id_kind").select_option(label="Tập thể")
    page.get_by_label("Lĩnh vực").fill("Giáo dục")
    page.get_by_label("Hình thức nhân rộng").select_option(label="Hội nghị, hội thảo")
    page.get_by_label("Ngày nhân rộng").fill("20/10/2013")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận điển hình tiên tiến.")
    exemplar = Exemplar.objects.get(name="Trường Tiểu học Cao Lộc")
    assert (exemplar.unit.code, exemplar.kind, exemplar.spread_by) == (
        "h-cao-loc", "collective", "conference",
    )  # fmt: skip

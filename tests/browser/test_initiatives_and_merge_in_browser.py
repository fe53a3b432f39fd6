"""Initiatives and the person register outside admin, in the browser: an officer records an
initiative with two authors picked by typing, the office sets its scope; the office merges
two records of one person after reading them side by side."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from awards.models import AwardRecord, AwardType, Initiative
from people.models import Person
from people.services import person_for
from units.models import Unit

from .conftest import sign_in, switch_user

pytestmark = pytest.mark.browser


def _pick(field, typed, name):
    """Type part of a name in a person picker and choose the suggestion."""
    box = field.get_by_role("combobox")
    box.press_sequentially(typed)
    field.get_by_role("option", name=re.compile(re.escape(name))).first.click()
    expect(field.get_by_role("checkbox", name=name)).to_be_checked()


def test_officer_records_an_initiative_with_two_authors_and_the_office_sets_its_scope(
    page, password
):
    unit = Unit.objects.get(code="so-gd-dt")
    for name in ("Nông Thị Hằng", "Lý Văn Toàn"):
        person_for(name, datetime.date(1980, 1, 2), unit=unit, year=2013)
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Sáng kiến", exact=True).click()
    page.get_by_label("Tên sáng kiến").fill("Bản đồ tư duy trong dạy học lớp 9")
    authors = page.locator("[data-unit-search]")
    _pick(authors, "nong thi", "Nông Thị Hằng")
    _pick(authors, "ly van", "Lý Văn Toàn")
    page.get_by_label("Năm").fill("2013")
    page.get_by_role("button", name="Ghi sáng kiến").click()
    expect(page.get_by_text("Đã ghi sáng kiến")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Bản đồ tư duy trong dạy học lớp 9")
    expect(row).to_contain_text("Nông Thị Hằng, Lý Văn Toàn")
    initiative = Initiative.objects.get(title="Bản đồ tư duy trong dạy học lớp 9")
    assert sorted(p.full_name for p in initiative.author_people.all()) == [
        "Lý Văn Toàn",
        "Nông Thị Hằng",
    ]

    switch_user(page, "staff", password)
    page.get_by_role("link", name="Sáng kiến", exact=True).click()
    page.get_by_role("link", name="Sửa Bản đồ tư duy trong dạy học lớp 9").click()
    page.get_by_label("Phạm vi ảnh hưởng được công nhận").select_option(label="Cấp tỉnh")
    page.get_by_label("Cơ quan công nhận").fill("Hội đồng Khoa học sáng kiến tỉnh")
    page.get_by_role("button", name="Lưu sáng kiến").click()
    expect(page.get_by_text("Đã lưu sáng kiến")).to_be_visible()
    expect(page.get_by_role("region", name="Lịch sử thay đổi")).to_contain_text("Cấp tỉnh")
    initiative.refresh_from_db()
    assert initiative.scope == "province"
    assert initiative.author_people.count() == 2


def test_the_office_merges_two_records_of_one_person(page, password):
    born = datetime.date(1979, 8, 15)
    keep = Person.objects.create(full_name="Nguyễn Thị Lan", date_of_birth=born)
    drop = Person.objects.create(full_name="Nguyễn Thi Lan", date_of_birth=born)
    AwardRecord.objects.create(
        person=drop,
        name=drop.full_name,
        date_of_birth=born,
        award_type=AwardType.objects.get(code="lao-dong-tien-tien"),
        year=2012,
    )
    sign_in(page, "staff", password)
    page.get_by_role("link", name="Gộp người trùng").click()
    picker = page.locator("[data-unit-search]")
    box = picker.get_by_role("combobox")
    box.press_sequentially("nguyen thi lan")
    picker.get_by_role("option").filter(has_text="Nguyễn Thị Lan").click()
    box.press_sequentially("nguyen thi lan")
    picker.get_by_role("option").filter(has_text="Nguyễn Thi Lan").click()
    expect(picker.get_by_role("checkbox")).to_have_count(2)
    page.get_by_role("button", name="Đối chiếu hai người").click()
    second = page.get_by_role("region", name="Nguyễn Thi Lan")
    expect(second).to_contain_text("Lao động tiên tiến 2012")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Giữ Nguyễn Thị Lan (15/08/1979), gộp người kia vào").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gộp “Nguyễn Thi Lan (15/08/1979)”")
    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert AwardRecord.objects.get(name="Nguyễn Thi Lan").person == keep


def test_officer_proposes_a_household_where_the_rule_set_allows_it(page, password):
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.get_by_label("Hộ gia đình", exact=True).check()
    page.get_by_label("Tên tập thể hoặc hộ gia đình").fill("Hộ bà Lương Thị Hoa")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Huân chương Lao động hạng Ba")
    page.get_by_label("Loại khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.locator("#id_year").fill("2024")
    page.get_by_label("Tóm tắt thành tích").fill("Hiến đất làm đường liên thôn.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_text("không xét tặng cho hộ gia đình")).to_contain_text(
        "Điều 2 (hình thức tặng hộ gia đình chưa kiểm chứng), Luật Thi đua, Khen thưởng 2022"
    )
    page.get_by_label("Danh hiệu, hình thức").select_option(
        label="Bằng khen của Chủ tịch UBND tỉnh"
    )
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hộ bà Lương Thị Hoa")
    expect(page.get_by_text("Hộ gia đình: Hộ bà Lương Thị Hoa")).to_be_visible()

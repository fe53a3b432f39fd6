"""The clerk's day (issue 13) in the browser: journeys as users make them."""

import datetime

import pytest
from playwright.sync_api import expect

from awards.models import AwardRecord, AwardType
from units.models import Unit

from .conftest import sign_in

pytestmark = pytest.mark.browser


def _results(page):
    return page.locator("table.awards-history tbody")


def _history_of_nguyen_van_an():
    """Five awards of a teacher of Sở Giáo dục và Đào tạo (officer's unit)."""
    unit = Unit.objects.get(code="so-gd-dt")
    award = AwardType.objects.get(code="cstd-co-so")
    for year in range(2008, 2013):
        AwardRecord.objects.create(
            name="Nguyễn Văn An",
            date_of_birth=datetime.date(1972, 3, 8),
            unit=unit,
            workplace="Trường THPT Việt Bắc",
            year=year,
            award_type=award,
        )


def test_an_officer_sees_another_units_person_only_by_exact_name_and_birth_date(page, password):
    # officer2 is of Cao Lộc: Nguyễn Văn An is another unit's person.
    _history_of_nguyen_van_an()
    sign_in(page, "officer2", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Tra cứu lịch sử khen thưởng").click()
    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("van an")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page)).to_contain_text("Không tìm thấy khen thưởng nào")

    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("Nguyễn Văn An")
    page.get_by_label("Ngày sinh").fill("08/03/1972")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page).get_by_role("row")).to_have_count(5)
    expect(_results(page)).to_contain_text("Trường THPT Việt Bắc")


def test_the_officer_of_the_unit_lists_its_people_by_part_of_a_name(page, password):
    _history_of_nguyen_van_an()
    sign_in(page, "officer", password)
    page.goto(page.base_url + "/ho-so/tra-cuu/")
    page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("van an")
    page.get_by_role("button", name="Tìm").click()
    expect(_results(page).get_by_role("row")).to_have_count(5)

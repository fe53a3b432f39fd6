"""A dossier for a person the register knows: picked from the unit's people, not retyped;
its page shows the rule set and the articles it is judged by."""

import datetime

import pytest
from playwright.sync_api import expect

from people.services import person_for
from units.models import Unit

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_picks_a_known_person_and_sees_the_law_the_dossier_is_judged_by(page, password):
    person_for(
        "Hà Thị Sổ", datetime.date(1979, 8, 15), sex="female",
        unit=Unit.objects.get(code="so-gd-dt"), year=2013,
    )  # fmt: skip
    sign_in(page, "officer", password)
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Người đã có trong sổ của đơn vị").select_option(
        label="Hà Thị Sổ (15/08/1979)"
    )
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua cấp tỉnh")
    page.get_by_label("Loại khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.get_by_label("Tóm tắt thành tích").fill("Ba năm liền Chiến sĩ thi đua cơ sở.")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hà Thị Sổ")
    law = page.get_by_role("region", name="Căn cứ xét")
    expect(law).to_contain_text("Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005)")
    expect(law).to_contain_text("Điều 22")
    expect(law).to_contain_text("chưa kiểm chứng")

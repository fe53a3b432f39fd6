"""Households (hộ gia đình) as nominees, where a rule set allows them (issue 15, point 4)."""

import pytest
from django.urls import reverse

from awards import eligibility
from awards.enums import NomineeKind
from awards.models import AwardType, Category, Dossier

pytestmark = pytest.mark.django_db

HOUSEHOLD = NomineeKind.HOUSEHOLD


def _household(make_dossier, award_code, year):
    return make_dossier(award_code, kind=HOUSEHOLD, name="Hộ ông Hoàng Văn Minh", year=year)


def test_the_2022_law_lets_the_provincial_certificate_go_to_a_household(make_dossier):
    dossier = _household(make_dossier, "bang-khen-tinh", 2024)
    assert dossier.nominee_name == "Hộ ông Hoàng Văn Minh"
    assert not [p for p in eligibility.dossier_problems(dossier) if "hộ gia đình" in p]


def test_an_award_the_rule_set_keeps_from_households_is_refused_with_the_article(make_dossier):
    dossier = _household(make_dossier, "huan-chuong-lao-dong-hang-ba", 2024)
    assert (
        "Điều 2 (hình thức tặng hộ gia đình chưa kiểm chứng), Luật Thi đua, Khen thưởng 2022: "
        "“Huân chương Lao động hạng Ba” không xét tặng cho hộ gia đình; bộ quy định này chỉ cho "
        "hộ gia đình: “Giấy khen”, “Bằng khen của Chủ tịch UBND tỉnh”."
    ) in eligibility.dossier_problems(dossier)


def test_a_rule_set_with_no_household_awards_refuses_every_one(make_dossier):
    dossier = _household(make_dossier, "bang-khen-tinh", 2013)
    assert (
        "Đối tượng khen thưởng, Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005): Bộ quy định này "
        "không xét tặng “Bằng khen của Chủ tịch UBND tỉnh” cho hộ gia đình."
    ) in eligibility.dossier_problems(dossier)


def _form(award_code, year):
    return {
        "nominee_kind": "household",
        "collective_name": "Hộ bà Lương Thị Hoa",
        "award_type": AwardType.objects.get(code=award_code).pk,
        "category": Category.objects.get(code="thuong-xuyen").pk,
        "year": str(year),
        "achievements": "Hiến đất làm đường liên thôn.",
    }


def test_the_dossier_form_takes_a_household_and_the_page_shows_it(client, officer):
    client.force_login(officer)
    response = client.post(reverse("awards:create"), _form("bang-khen-tinh", 2024), follow=True)
    dossier = Dossier.objects.get(collective_name="Hộ bà Lương Thị Hoa")
    assert dossier.nominee_kind == HOUSEHOLD
    assert "Hộ gia đình: Hộ bà Lương Thị Hoa" in response.content.decode()


def test_the_dossier_form_refuses_a_household_for_an_award_the_law_keeps_from_them(client, officer):
    client.force_login(officer)
    page = client.post(reverse("awards:create"), _form("bang-khen-tinh", 2013)).content.decode()
    assert "Đối tượng khen thưởng, Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005)" in page
    assert not Dossier.objects.filter(collective_name="Hộ bà Lương Thị Hoa").exists()

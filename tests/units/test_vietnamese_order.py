"""Vietnamese alphabetical order and one accent-free unit search, on either database."""

import pytest
from django.urls import reverse

from core.names import query_keys, sort_key
from units.models import Unit


def test_names_sort_by_the_vietnamese_alphabet_then_by_tone():
    names = [
        "Ủy ban nhân dân tỉnh",
        "Hội Nông dân tỉnh",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Dân",
        "Báo Lạng Sơn",
        "Bảo hiểm xã hội tỉnh Lạng Sơn",
        "Ban Dân tộc tỉnh",
        "Văn phòng UBND tỉnh",
        "ưa",
        "ua",
        "Sở",
        "Sở Y tế",
    ]
    assert sorted(names, key=sort_key) == [
        "Ban Dân tộc tỉnh",
        "Bảo hiểm xã hội tỉnh Lạng Sơn",  # hỏi before sắc
        "Báo Lạng Sơn",
        "Dân",
        "Đài Phát thanh - Truyền hình tỉnh",  # đ is the letter after d
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Hội Nông dân tỉnh",
        "Sở",
        "Sở Y tế",
        "ua",
        "Ủy ban nhân dân tỉnh",
        "ưa",  # ư is the letter after u
        "Văn phòng UBND tỉnh",
    ]


def test_the_key_is_digits_so_every_collation_orders_it_alike():
    assert sort_key("Ủy ban nhân dân tỉnh").isdigit()
    assert sort_key("Sở GD&ĐT") == sort_key("sở gd đt")


def test_typed_abbreviations_are_also_looked_for_spelled_out():
    assert query_keys("UBND Cao Lộc") == ["ubnd cao loc", "uy ban nhan dan cao loc"]
    assert query_keys("Sở GD&ĐT") == ["so gd dt", "so giao duc va dao tao"]
    assert query_keys("cao loc") == ["cao loc"]
    assert query_keys("  ") == []


pytestmark = pytest.mark.django_db


def _listed(client, **query):
    response = client.get(reverse("unit-list"), query)
    assert response.status_code == 200
    return [unit.name for unit in response.context["page"]]


def test_the_unit_list_is_in_vietnamese_order(client, staff):
    client.force_login(staff)
    names = _listed(client)
    assert names.index("Hội đồng Thi đua - Khen thưởng tỉnh") < names.index("Hội Nông dân tỉnh")
    assert names.index("Đài Phát thanh - Truyền hình tỉnh") < names.index("Hội Nông dân tỉnh")
    assert names == sorted(names, key=sort_key)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cao loc", "Ủy ban nhân dân huyện Cao Lộc"),
        ("UBND huyện Cao Lộc", "Ủy ban nhân dân huyện Cao Lộc"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("so giao duc", "Sở Giáo dục và Đào tạo"),
        ("tu phap", "Sở Tư pháp"),
        ("HĐ TĐKT tỉnh", "Hội đồng Thi đua - Khen thưởng tỉnh"),
        ("Sở NN & PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Ban TĐKT Sở Nội vụ", "Ban Thi đua - Khen thưởng, Sở Nội vụ"),
    ],
)
def test_the_unit_list_finds_what_the_type_ahead_finds(client, staff, typed, expected):
    client.force_login(staff)
    assert expected in _listed(client, q=typed)
    found = client.get(reverse("unit-search"), {"q": typed}).json()["results"]
    assert expected in [unit["name"] for unit in found]


def test_ubnd_finds_the_peoples_committees_with_the_province_first_page(client, staff):
    client.force_login(staff)
    names = _listed(client, q="UBND")
    assert "Ủy ban nhân dân tỉnh" in names
    assert "Văn phòng UBND tỉnh" in names
    assert names == sorted(names, key=sort_key)


def test_a_renamed_or_new_unit_takes_its_place(client, staff):
    unit = Unit.objects.get(code="so-gd-dt")
    unit.name = "Ấp thử"
    unit.save(update_fields=["name"])
    Unit.objects.bulk_create([Unit(code="moi", name="Ân thử", kind="department")])
    client.force_login(staff)
    names = _listed(client)
    assert names.index("Ân thử") < names.index("Ấp thử") < names.index("Ban Dân tộc tỉnh")


def test_the_award_history_lookup_lists_people_in_vietnamese_order(client, staff):
    from awards.models import AwardRecord, AwardType

    award = AwardType.objects.get(code="lao-dong-tien-tien")
    names = ["Nông Văn Đức", "Nông Văn Dũng", "Nông Thị Ánh", "Nông Thị Yến", "Nông Văn Ân"]
    AwardRecord.objects.bulk_create(AwardRecord(name=n, year=2012, award_type=award) for n in names)
    AwardRecord.objects.create(name="Nông Thị Bích", year=2012, award_type=award)
    client.force_login(staff)
    response = client.get(reverse("awards:lookup"), {"q": "nong"})
    found = [record.name for record in response.context["page"]]
    assert found == [
        "Nông Thị Ánh",
        "Nông Thị Bích",
        "Nông Thị Yến",
        "Nông Văn Ân",
        "Nông Văn Dũng",
        "Nông Văn Đức",  # đ after d, not with it
    ]


def test_the_parts_list_sorted_by_unit_is_in_vietnamese_order(client, staff):
    client.force_login(staff)
    response = client.get(reverse("part-list"), {"sap_xep": "don-vi", "trang": 2})
    names = [part.unit.name for part in response.context["page"]]
    assert len(set(names)) > 1
    assert names == sorted(names, key=sort_key)

"""Choosing a unit by typing: the filters of the parts list and the inbox and the task page's
"give to units" form find units as one types, instead of listing every unit in a <select>."""

import re

import pytest
from django.urls import reverse

from awards.models import AwardType, Category, Dossier
from plan.models import Task
from units.models import Unit

pytestmark = pytest.mark.django_db


def matches(client, text):
    response = client.get(reverse("unit-search"), {"q": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [unit["code"] for unit in response.json()["results"]]


def test_units_are_found_by_name_without_accents_by_short_name_and_by_code(client, staff):
    client.force_login(staff)
    assert matches(client, "giao duc") == ["so-gd-dt"]
    assert matches(client, "GIÁO DỤC") == ["so-gd-dt"]
    assert matches(client, "Sở GD&ĐT") == ["so-gd-dt"]
    assert matches(client, "h-cao") == ["h-cao-loc"]
    assert matches(client, "đình lập") == ["h-dinh-lap"]
    assert matches(client, "no such unit") == []
    assert matches(client, "") == []


def test_the_answer_names_the_unit_and_stays_short_however_many_units_match(
    client, staff, add_units
):
    add_units(60)
    client.force_login(staff)
    response = client.get(reverse("unit-search"), {"q": "don vi them"})
    results = response.json()["results"]
    assert len(results) == 20
    first = Unit.objects.get(code=results[0]["code"])
    assert results[0] == {"id": first.pk, "code": first.code, "name": first.name}
    # In name order.
    assert [r["name"] for r in results] == sorted(r["name"] for r in results)


def test_an_officer_finds_only_their_own_unit(client, officer):
    client.force_login(officer)
    assert officer.unit.code == "so-gd-dt"
    assert matches(client, "giao duc") == ["so-gd-dt"]
    assert matches(client, "cao loc") == []
    assert matches(client, "so") == ["so-gd-dt"]


def test_the_key_follows_a_renamed_unit(client, staff):
    unit = Unit.objects.get(code="so-gd-dt")
    unit.name = "Sở Giáo dục, Khoa học và Đào tạo"
    unit.save(update_fields=["name"])
    client.force_login(staff)
    assert matches(client, "khoa hoc va dao") == ["so-gd-dt"]


def page_size(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return len(response.content)


@pytest.mark.parametrize(
    "url",
    [
        "/phan-viec/?ngay=30/09/2013",
        "/ke-hoach/2013/nhiem-vu/31/?ngay=30/09/2013",
        "/ho-so/tiep-nhan/",
    ],
    ids=["parts list", "task page", "inbox"],
)
def test_a_page_that_filters_by_unit_does_not_grow_with_the_number_of_units(
    client, staff, add_units, url
):
    client.force_login(staff)
    before = page_size(client, url)
    add_units(200)
    # Each new unit drafts a dossier (drafts stay out of the inbox; its unit list had them).
    units = Unit.objects.filter(code__startswith="extra-")
    Dossier.objects.bulk_create(
        Dossier(
            reference=f"HS-2013-9{number:03d}",
            unit=unit,
            year=2013,
            award_type=AwardType.objects.get(code="bang-khen-tinh"),
            category=Category.objects.get(code="thuong-xuyen"),
            full_name=f"Người thử {number}",
            nominee_key=f"nguoi thu {number}",
            achievements="Hoàn thành xuất sắc nhiệm vụ.",
            created_by=staff,
        )
        for number, unit in enumerate(units)
    )
    assert page_size(client, url) == before
    assert "Đơn vị thêm 7" not in client.get(url).content.decode()


def test_the_parts_list_filter_keeps_the_unit_code_in_the_link(client, staff):
    client.force_login(staff)
    page = client.get("/phan-viec/", {"don_vi": "h-cao-loc", "ngay": "30/09/2013"})
    html = page.content.decode()
    assert page.context["page"].paginator.count > 0
    assert {part.unit.code for part in page.context["page"]} == {"h-cao-loc"}
    # The chosen unit travels as its code; the box shows its name.
    assert re.search(r'type="hidden" name="don_vi" value="h-cao-loc"', html)
    assert 'value="Ủy ban nhân dân huyện Cao Lộc"' in html


def test_a_unit_typed_without_choosing_is_taken_when_only_one_fits(client, staff):
    client.force_login(staff)
    page = client.get("/phan-viec/", {"don_vi_ten": "cao loc", "ngay": "30/09/2013"})
    assert {part.unit.code for part in page.context["page"]} == {"h-cao-loc"}
    # A short name typed in full wins over the units whose names merely contain it.
    page = client.get("/phan-viec/", {"don_vi_ten": "ubnd tỉnh", "ngay": "30/09/2013"})
    assert page.context["form"].cleaned_data["don_vi"].code == "ubnd-tinh"


def test_a_typed_unit_that_fits_none_or_many_is_told_at_the_field(client, staff):
    client.force_login(staff)
    html = client.get("/phan-viec/", {"don_vi_ten": "huyện"}).content.decode()
    assert "Có nhiều đơn vị khớp với “huyện”: hãy gõ thêm và chọn một trong danh sách." in html
    html = client.get("/phan-viec/", {"don_vi_ten": "Sở Mặt Trăng"}).content.decode()
    assert "Không có đơn vị nào có tên hoặc mã “Sở Mặt Trăng”." in html
    # What was typed stays in the box to be corrected.
    assert 'value="Sở Mặt Trăng"' in html


def test_the_inbox_filter_keeps_the_unit_id_in_the_link(client, staff, officer2):
    client.force_login(staff)
    unit = officer2.unit
    html = client.get(reverse("awards:inbox"), {"unit": unit.pk}).content.decode()
    assert f'type="hidden" name="unit" value="{unit.pk}"' in html
    assert f'value="{unit.name}"' in html


def test_staff_give_a_task_to_units_chosen_by_typing(client, staff):
    task = Task.objects.get(plan__year=2013, number=31)
    client.force_login(staff)
    chosen = Unit.objects.get(code="hoi-ccb")
    client.post(
        reverse("task-name-units", args=[task.pk]),
        {"units": [chosen.pk], "units_ten": "Đình Lập"},
    )
    picked = set(task.parts.filter(source="picked").values_list("unit__code", flat=True))
    assert picked == {"hoi-ccb", "h-dinh-lap"}

"""The emulation pages as each role uses them: a member scores itself, the leading unit
cross-checks its own grouping only, members see their own scores, the office sees all."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from emulation.models import PactSignature, Registration, Score
from plan.enums import RequirementKind
from plan.models import Requirement, Submission

from .conftest import YEAR, score_all, unit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% thu\n%%EOF\n"


def _criteria(cluster):
    return list(cluster.score_sheet.criteria.order_by("position"))


def test_a_member_scores_itself_and_the_leader_checks(client, officer, block):
    # officer's unit, Sở Giáo dục và Đào tạo, is both a member and the leading unit.
    client.force_login(officer)
    first = _criteria(block)[0]
    url = f"/thi-dua/cum/{block.pk}/diem/so-gd-dt/"
    response = client.post(url, {"criterion": first.pk, "points": "38", "action": "self"})
    assert response.status_code == 302
    assert Score.objects.get(criterion=first, unit=officer.unit).self_score == Decimal(38)
    client.post(
        url,
        {"criterion": first.pk, "points": "36", "comment": "Thiếu minh chứng", "action": "check"},
    )
    score = Score.objects.get(criterion=first, unit=officer.unit)
    assert (score.checked_score, score.check_comment, score.checked_by) == (
        Decimal(36),
        "Thiếu minh chứng",
        officer,
    )
    # Once checked, the member's own score is closed.
    response = client.post(
        url, {"criterion": first.pk, "points": "40", "action": "self"}, follow=True
    )
    assert "đã được cụm trưởng thẩm định" in response.content.decode()
    assert Score.objects.get(pk=score.pk).self_score == Decimal(38)


def test_points_above_the_maximum_are_refused_at_the_criterion(client, officer, block):
    client.force_login(officer)
    first = _criteria(block)[0]  # 40 points at most
    response = client.post(
        f"/thi-dua/cum/{block.pk}/diem/so-gd-dt/",
        {"criterion": first.pk, "points": "41", "action": "self"},
        follow=True,
    )
    assert "Điểm phải từ 0 đến 40" in response.content.decode()
    assert not Score.objects.exists()


def test_a_member_sees_its_own_scores_only(client, officer2, block, staff):
    score_all(block, "so-y-te", staff, [10, 10])
    client.force_login(officer2)  # UBND huyện Cao Lộc, a member but not the leader
    assert client.get(f"/thi-dua/cum/{block.pk}/diem/h-cao-loc/").status_code == 200
    assert client.get(f"/thi-dua/cum/{block.pk}/diem/so-y-te/").status_code == 404
    grouping = client.get(f"/thi-dua/cum/{block.pk}/").content.decode()
    assert f"/thi-dua/cum/{block.pk}/diem/so-y-te/" not in grouping


def test_only_the_leading_unit_cross_checks(client, officer2, block, staff):
    score_all(block, "h-cao-loc", staff, [10, 10])
    first = _criteria(block)[0]
    client.force_login(officer2)
    response = client.post(
        f"/thi-dua/cum/{block.pk}/diem/h-cao-loc/",
        {"criterion": first.pk, "points": "5", "action": "check"},
    )
    assert response.status_code == 403
    assert Score.objects.get(criterion=first, unit=unit("h-cao-loc")).checked_score is None


def test_the_leader_of_one_grouping_cannot_check_another(client, officer, staff, template, block):
    from emulation import services
    from units.models import Cluster

    other = services.announce_grouping(
        year=YEAR, kind=Cluster.Kind.CLUSTER, name="Cụm thử", leader=unit("h-cao-loc"),
        members=[unit("h-cao-loc"), unit("so-gd-dt")], by=staff,
    )  # fmt: skip
    services.copy_score_sheet(other, template, staff)
    score_all(other, "h-cao-loc", staff, [10, 10])
    client.force_login(officer)  # a member of "Cụm thử", leader of another grouping
    response = client.post(
        f"/thi-dua/cum/{other.pk}/diem/h-cao-loc/",
        {"criterion": _criteria(other)[0].pk, "points": "5", "action": "check"},
    )
    assert response.status_code == 404  # not its own scores, and not the leader here


def test_a_member_signs_the_pact_once(client, officer2, block):
    client.force_login(officer2)
    url = f"/thi-dua/cum/{block.pk}/ky-giao-uoc/"
    client.post(url, {"signed_on": f"05/03/{YEAR}"})
    response = client.post(url, {"signed_on": f"06/03/{YEAR}"}, follow=True)
    assert "đã ký giao ước" in response.content.decode()
    signature = PactSignature.objects.get(cluster=block, unit=officer2.unit)
    assert signature.signed_on == datetime.date(YEAR, 3, 5)
    page = client.get(f"/thi-dua/cum/{block.pk}/").content.decode()
    assert "Đã ký" in page


def test_registration_sends_the_form_to_the_registration_requirement(client, officer, plan_2013):
    requirement = Requirement.objects.create(
        plan=plan_2013, kind=RequirementKind.REGISTRATION, title="Đăng ký thi đua 2013",
        due_on=datetime.date(YEAR, 3, 15),
    )  # fmt: skip
    requirement.units.add(officer.unit)
    client.force_login(officer)
    data = {
        "collective_title": "tap-the-ldxs",
        "people_advanced": "40",
        "people_base_soldier": "5",
        "people_province_soldier": "1",
        "file": ContentFile(PDF, name="dang-ky.pdf"),
    }
    assert client.post(f"/thi-dua/{YEAR}/dang-ky/", data).status_code == 302
    registration = Registration.objects.get(unit=officer.unit, year=YEAR)
    assert registration.people_base_soldier == 5
    assert Submission.objects.filter(requirement=requirement, unit=officer.unit).exists()
    # Registering again keeps the earlier version in the history.
    data.update(people_base_soldier="6", file=ContentFile(PDF, name="dang-ky-2.pdf"))
    client.post(f"/thi-dua/{YEAR}/dang-ky/", data)
    registration.refresh_from_db()
    assert registration.people_base_soldier == 6
    assert registration.history.count() == 2


def test_more_base_soldiers_than_advanced_workers_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        f"/thi-dua/{YEAR}/dang-ky/",
        {"collective_title": "tap-the-ldtt", "people_advanced": "3", "people_base_soldier": "4",
         "people_province_soldier": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "không thể nhiều hơn số Lao động tiên tiến" in response.content.decode()
    assert not Registration.objects.exists()


def test_section_two_links_each_number_to_its_units(client, staff, block):
    score_all(block, "so-y-te", staff, [10, 10], check=[10, 10], checker=staff)
    client.force_login(staff)
    page = client.get(f"/thi-dua/{YEAR}/muc-ii/?ngay=31/12/{YEAR}").content.decode()
    assert "1/4" in page  # one member of four cross-checked
    behind = client.get(f"/thi-dua/{YEAR}/muc-ii/cross-checked/?ngay=31/12/{YEAR}")
    assert "Sở Y tế" in behind.content.decode()


def test_list_pages_keep_their_query_count(client, staff, block, django_assert_max_num_queries):
    for code in ("so-gd-dt", "so-y-te", "so-tu-phap", "h-cao-loc"):
        score_all(block, code, staff, [10, 10], check=[10, 10], checker=staff)
    client.force_login(staff)
    for url in (
        f"/thi-dua/{YEAR}/",
        f"/thi-dua/cum/{block.pk}/",
        f"/thi-dua/{YEAR}/muc-ii/",
        f"/thi-dua/{YEAR}/dien-hinh/",
        f"/thi-dua/{YEAR}/kiem-tra/",
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_the_office_announces_a_grouping_and_gives_it_a_score_sheet(client, staff, template):
    from units.models import Cluster

    Cluster.objects.filter(year=YEAR).delete()
    client.force_login(staff)
    response = client.post(
        f"/thi-dua/{YEAR}/cong-bo/",
        {"name": "Khối mới", "kind": "block", "leader_ten": "Sở Y tế",
         "members": [unit("so-tu-phap").pk]},
    )  # fmt: skip
    cluster = Cluster.objects.get(year=YEAR, name="Khối mới")
    assert response.status_code == 302
    assert set(cluster.members.values_list("code", flat=True)) == {"so-y-te", "so-tu-phap"}
    client.post(f"/thi-dua/cum/{cluster.pk}/bang-diem/", {"template": template.pk})
    assert cluster.score_sheet.criteria.count() == 2
    # A second block taking Sở Y tế is refused at the members field.
    response = client.post(
        f"/thi-dua/{YEAR}/cong-bo/",
        {"name": "Khối khác", "kind": "block", "leader_ten": "Sở Tư pháp", "members": []},
    )
    assert "chỉ thuộc một cụm và một khối" in response.content.decode()
    assert not Cluster.objects.filter(name="Khối khác").exists()


def test_the_leading_unit_proposes_its_best_as_a_dossier(client, officer, officer2, block, staff):
    from awards.models import Dossier

    score_all(block, "so-y-te", staff, [40, 60], check=[40, 58], checker=staff)
    client.force_login(officer)  # Sở Giáo dục và Đào tạo leads the block
    page = client.get(f"/ho-so/de-nghi-tu-cum/{block.pk}/").content.decode()
    assert "1. Sở Y tế (98" in page
    award = __import__("awards.models", fromlist=["AwardType"]).AwardType.objects.get(
        code="co-thi-dua-tinh"
    )
    response = client.post(
        f"/ho-so/de-nghi-tu-cum/{block.pk}/",
        {"unit_id": unit("so-y-te").pk, "award_type": award.pk},
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(collective_name="Sở Y tế", award_type=award)
    assert dossier.unit == officer.unit and dossier.state == "draft"
    assert "Xếp thứ 1" in dossier.achievements
    client.force_login(officer2)  # a member, not the leader
    assert client.get(f"/ho-so/de-nghi-tu-cum/{block.pk}/").status_code == 403


def test_the_dashboard_shows_section_two_with_links_to_the_units(client, staff, block):
    score_all(block, "so-y-te", staff, [10, 10], check=[10, 10], checker=staff)
    client.force_login(staff)
    page = client.get("/bang-dieu-khien/?ngay=31/12/2013").content.decode()
    assert "Chỉ tiêu mục II" in page
    assert "/thi-dua/2013/muc-ii/cross-checked/?ngay=31/12/2013" in page
    assert "1/4" in page  # one member of the block's four cross-checked


def test_the_year_list_shows_its_groupings_a_page_at_a_time(client, staff):
    from emulation.views.groupings import GROUPINGS_PAGE_SIZE
    from units.models import Cluster

    Cluster.objects.filter(year=YEAR).delete()
    leader = unit("so-y-te")
    for n in range(GROUPINGS_PAGE_SIZE + 3):
        Cluster.objects.create(year=YEAR, name=f"Cụm {n:02d}", kind="cluster", leader=leader)
    client.force_login(staff)
    first = client.get(f"/thi-dua/{YEAR}/").content.decode()
    second = client.get(f"/thi-dua/{YEAR}/?trang=2").content.decode()
    assert f"{GROUPINGS_PAGE_SIZE + 3} cụm, khối" in first and "Trang 1/2" in first
    assert "Cụm 00" in first and f"Cụm {GROUPINGS_PAGE_SIZE - 1}" in first
    assert f"Cụm {GROUPINGS_PAGE_SIZE}" not in first
    assert f"Cụm {GROUPINGS_PAGE_SIZE + 2}" in second and "Cụm 00" not in second

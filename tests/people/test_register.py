"""The person register: ratings and award history point to a person; office staff merge two
records of one person; the checks follow the person, not a retyped name."""

import datetime

import pytest

from awards import eligibility, services
from awards.enums import DossierState
from awards.models import AwardRecord, AwardType, Category, Dossier, Initiative
from people import services as people
from people.models import AnnualRating, Person
from units.models import Unit

pytestmark = pytest.mark.django_db

BORN = datetime.date(1979, 8, 15)


def record(person, code, year, name=None):
    return AwardRecord.objects.create(
        person=person,
        name=name or person.full_name,
        date_of_birth=person.date_of_birth,
        award_type=AwardType.objects.get(code=code),
        year=year,
    )


@pytest.mark.parametrize(("year", "law"), [(2013, "2003 (sửa đổi 2005)"), (2024, "2022")])
def test_lao_dong_tien_tien_needs_a_good_rating_that_year(year, law):
    person = people.person_for("Vi Thị Xếp", BORN)
    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    _rs, problems = eligibility.person_problems("Vi Thị Xếp", BORN, ldtt, year)
    assert "chưa có xếp loại" in str(problems[0]) and law in str(problems[0])
    people.rate(person, year, "done")
    _rs, problems = eligibility.person_problems("Vi Thị Xếp", BORN, ldtt, year)
    assert "Hoàn thành nhiệm vụ" in str(problems[0])
    people.rate(person, year, "excellent")
    assert eligibility.person_problems("Vi Thị Xếp", BORN, ldtt, year)[1] == []


def test_history_recorded_under_another_spelling_follows_the_person():
    person = people.person_for("Hà Văn Sổ", BORN)
    for year in (2011, 2012, 2013):
        record(person, "cstd-co-so", year, name="Hà Văn  Sổ (Phòng GD)")
    Initiative.objects.create(
        title="Sổ tay", authors="Hà Văn Sổ", unit=Unit.objects.get(code="so-gd-dt"), year=2013,
        recognised_on=datetime.date(2013, 5, 1), scope="province",
    ).author_people.add(person)  # fmt: skip
    tinh = AwardType.objects.get(code="cstd-tinh")
    assert eligibility.person_problems("Hà Văn Sổ", BORN, tinh, 2013)[1] == []


def test_a_namesakes_initiative_is_not_the_nominees():
    me = people.person_for("Nông Văn Trùng", BORN)
    namesake = people.person_for("Nông Văn Trùng", datetime.date(1990, 1, 1))
    record(me, "lao-dong-tien-tien", 2013)
    Initiative.objects.create(
        title="Của người trùng tên", authors="Nông Văn Trùng",
        unit=Unit.objects.get(code="so-gd-dt"), year=2013,
        recognised_on=datetime.date(2013, 5, 1), scope="unit",
    ).author_people.add(namesake)  # fmt: skip
    cs = AwardType.objects.get(code="cstd-co-so")
    (problem,) = eligibility.person_problems("Nông Văn Trùng", BORN, cs, 2013)[1]
    assert "chưa có sáng kiến nào" in str(problem)


def test_merging_two_records_of_one_person_moves_their_history(staff):
    keep = people.person_for("Lộc Thị Gộp", BORN)
    drop = Person.objects.create(full_name="Lộc Thị  Gộp", date_of_birth=BORN)
    record(keep, "cstd-co-so", 2011)
    record(drop, "cstd-co-so", 2012)
    people.rate(keep, 2012, "good")
    people.rate(drop, 2012, "excellent")  # disagrees with keep's: left for staff
    people.rate(drop, 2013, "good")
    initiative = Initiative.objects.create(
        title="Chung", authors="Lộc Thị Gộp", unit=Unit.objects.get(code="so-gd-dt"), year=2013
    )
    initiative.author_people.add(drop)

    left = people.merge_people(keep, drop, by=staff)

    assert left == 1
    assert set(keep.award_records.values_list("year", flat=True)) == {2011, 2012}
    assert set(keep.ratings.values_list("year", flat=True)) == {2012, 2013}
    assert list(initiative.author_people.all()) == [keep]
    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert drop.history.latest().history_user == staff
    assert people.find_person("Lộc Thị Gộp", BORN) == keep
    with pytest.raises(people.PersonError):
        people.merge_people(keep, drop, by=staff)


def test_a_dossier_for_a_known_person_picks_them_and_submission_registers_the_rest(officer):
    person = people.person_for("Chu Văn Chọn", BORN, sex="male")
    dossier = services.save_dossier(
        Dossier(
            unit=officer.unit,
            year=2013,
            award_type=AwardType.objects.get(code="giay-khen"),
            category=Category.objects.get(code="thuong-xuyen"),
            person=person,
            achievements="Thành tích",
        ),
        officer,
    )
    assert (dossier.full_name, dossier.date_of_birth, dossier.sex) == ("Chu Văn Chọn", BORN, "male")

    typed = services.save_dossier(
        Dossier(
            unit=officer.unit,
            year=2013,
            award_type=AwardType.objects.get(code="giay-khen"),
            category=Category.objects.get(code="thuong-xuyen"),
            full_name="Triệu Thị Mới",
            date_of_birth=BORN,
            achievements="Thành tích",
        ),
        officer,
    )
    from demo.awards import attach_required_documents

    attach_required_documents(typed, officer)
    services.move_dossier(typed, DossierState.SUBMITTED, officer)
    typed.refresh_from_db()
    assert typed.person == people.find_person("Triệu Thị Mới", BORN)
    assert AnnualRating.objects.filter(person=typed.person).count() == 0


def test_the_dossier_form_picks_a_person_of_the_unit_not_of_another(client, officer):
    from django.urls import reverse

    ours = people.person_for("Hà Thị Chọn", BORN, sex="female", unit=officer.unit, year=2013)
    theirs = people.person_for(
        "Lý Văn Ngoài", BORN, unit=Unit.objects.get(code="h-cao-loc"), year=2013
    )
    form = {
        "nominee_kind": "individual",
        "full_name": "",
        "award_type": AwardType.objects.get(code="bang-khen-tinh").pk,
        "category": Category.objects.get(code="thuong-xuyen").pk,
        "year": "2013",
        "achievements": "Thành tích",
    }
    client.force_login(officer)
    page = client.get(reverse("awards:create")).content.decode()
    assert "Hà Thị Chọn (15/08/1979)" in page and "Lý Văn Ngoài" not in page

    refused = client.post(reverse("awards:create"), {**form, "person": theirs.pk})
    assert refused.status_code == 200 and not Dossier.objects.filter(person=theirs).exists()

    client.post(reverse("awards:create"), {**form, "person": ours.pk})
    dossier = Dossier.objects.get(person=ours)
    assert (dossier.full_name, dossier.date_of_birth, dossier.sex) == (
        "Hà Thị Chọn",
        BORN,
        "female",
    )

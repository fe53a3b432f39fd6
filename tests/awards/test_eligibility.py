"""The law by date: each check under the 2013 plan's rule set and under the 2022 law's, with
histories that pass and fail at each boundary; the refusals name article and rule set."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards import eligibility, services
from awards.enums import DossierState, Scope
from awards.models import AwardRecord, AwardType, Initiative
from demo import awards as demo
from units.models import Unit

pytestmark = pytest.mark.django_db

BORN = datetime.date(1980, 4, 2)
LAW_2005 = "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005)"
LAW_2022 = "Luật Thi đua, Khen thưởng 2022"
NAME = "Lương Thị Kiểm"


def held(code, *years, name=NAME, unit="so-gd-dt"):
    for year in years:
        AwardRecord.objects.create(
            name=name,
            date_of_birth=BORN,
            award_type=AwardType.objects.get(code=code),
            year=year,
            unit=Unit.objects.get(code=unit),
        )


def initiative(year, scope=Scope.UNIT, authors=NAME, recognised=True):
    return Initiative.objects.create(
        title=f"Sáng kiến {year} {scope}",
        authors=authors,
        unit=Unit.objects.get(code="so-gd-dt"),
        year=year,
        scope=scope,
        recognised_on=datetime.date(year, 11, 1) if recognised else None,
        recognition_decision="01/QĐ-KHSK" if recognised else "",
    )


def judge(code, year):
    ruleset, problems = eligibility.person_problems(
        NAME, BORN, AwardType.objects.get(code=code), year
    )
    return ruleset, [str(p) for p in problems]


def test_the_rule_set_in_force_changes_on_the_days_the_laws_took_effect():
    on = eligibility.ruleset_on
    assert on(datetime.date(2013, 12, 31)).code == "tdkt-2005"
    assert on(datetime.date(2014, 5, 31)).code == "tdkt-2005"
    assert on(datetime.date(2014, 6, 1)).code == "tdkt-2013"
    assert on(datetime.date(2023, 12, 31)).code == "tdkt-2013"
    assert on(datetime.date(2024, 1, 1)).code == "tdkt-2022"
    # The 2013 plan is judged by the 2003 law as amended in 2005, not by the 2013 amendment.
    assert eligibility.ruleset_on(eligibility.judging_date(2013)).title == LAW_2005


@pytest.mark.parametrize(("year", "law"), [(2013, LAW_2005), (2024, LAW_2022)])
def test_chien_si_co_so_needs_lao_dong_tien_tien_that_very_year(year, law):
    initiative(year)
    held("lao-dong-tien-tien", year - 1)
    _ruleset, problems = judge("cstd-co-so", year)
    assert any(p.startswith("Điều 23") and law in p and "Lao động tiên tiến" in p
               for p in problems)  # fmt: skip
    held("lao-dong-tien-tien", year)
    assert judge("cstd-co-so", year)[1] == []


@pytest.mark.parametrize(("year", "law"), [(2013, LAW_2005), (2024, LAW_2022)])
def test_chien_si_co_so_needs_the_nominees_own_initiative_of_that_year(year, law, officer):
    held("lao-dong-tien-tien", year)
    # A dossier resting on another person's initiative is refused, naming it.
    dossier = demo.new_dossier(officer, "cstd-co-so", name=NAME, date_of_birth=BORN, year=year)
    dossier.initiatives.add(initiative(year, authors="Hoàng Văn Khác"))
    problems = [p for p in services.submit_problems(dossier) if "sáng kiến" in p.lower()]
    assert len(problems) == 1 and "không phải của “Lương Thị Kiểm”" in problems[0]
    assert law in problems[0]
    # Judged as a person, another's initiative does not count at all.
    assert "chưa có sáng kiến nào" in judge("cstd-co-so", year)[1][0]

    initiative(2001)
    problems = judge("cstd-co-so", year)[1]
    assert len(problems) == 1 and "năm 2001 nằm ngoài thời gian xét" in problems[0]

    initiative(year, recognised=False)
    assert "năm 2001" in judge("cstd-co-so", year)[1][0]

    initiative(year, authors=f"Hoàng Văn Khác, {NAME}")
    assert judge("cstd-co-so", year)[1] == []


@pytest.mark.parametrize(("year", "law"), [(2013, LAW_2005), (2024, LAW_2022)])
def test_chien_si_cap_tinh_needs_three_years_in_a_row_and_a_provincial_initiative(year, law):
    initiative(year - 1, Scope.PROVINCE)
    held("cstd-co-so", year - 2, year - 1)
    problems = judge("cstd-tinh", year)[1]
    assert len(problems) == 1
    assert problems[0].startswith("Điều 22") and law in problems[0]
    assert "cần 3 năm liên tục đạt “Chiến sĩ thi đua cơ sở”" in problems[0]

    held("cstd-co-so", year - 4)  # a gap year: year-4, _, year-2, year-1
    assert "cần 3 năm liên tục" in judge("cstd-tinh", year)[1][0]

    held("cstd-co-so", year - 3)  # now year-3, year-2, year-1 in a row (ending the year before)
    assert judge("cstd-tinh", year)[1] == []


@pytest.mark.parametrize("year", [2013, 2024])
def test_chien_si_cap_tinh_refuses_an_initiative_recognised_only_at_the_unit(year):
    held("cstd-co-so", year - 2, year - 1, year)
    initiative(year, Scope.UNIT)
    problems = judge("cstd-tinh", year)[1]
    assert len(problems) == 1 and "cần phạm vi “Cấp tỉnh” trở lên" in problems[0]
    initiative(year, Scope.NATION)  # wider than needed is enough
    assert judge("cstd-tinh", year)[1] == []


@pytest.mark.parametrize(("year", "law"), [(2013, LAW_2005), (2024, LAW_2022)])
def test_chien_si_toan_quoc_needs_two_cap_tinh_in_a_row_and_nationwide_reach(year, law):
    initiative(year - 1, Scope.PROVINCE)
    held("cstd-tinh", year - 3, year - 1)  # two, but not in a row
    problems = judge("cstd-toan-quoc", year)[1]
    assert len(problems) == 2 and all(p.startswith("Điều 21") and law in p for p in problems)
    assert "cần 2 năm liên tục đạt “Chiến sĩ thi đua cấp tỉnh”" in problems[0]
    assert "cần phạm vi “Toàn quốc”" in problems[1]

    held("cstd-tinh", year)
    initiative(year, Scope.NATION)
    assert judge("cstd-toan-quoc", year)[1] == []


def test_a_namesake_born_on_another_day_lends_no_titles():
    held("cstd-co-so", 2011, 2012, 2013)
    initiative(2013, Scope.PROVINCE)
    _ruleset, problems = eligibility.person_problems(
        NAME, datetime.date(1990, 1, 1), AwardType.objects.get(code="cstd-tinh"), 2013
    )
    assert "cần 3 năm liên tục" in str(problems[0])


def test_the_cap_warns_the_unit_when_its_list_passes_fifteen_percent(officer):
    for n in range(1, 8):
        held("lao-dong-tien-tien", 2015, name=f"Người {n}")
    cstd = AwardType.objects.get(code="cstd-co-so")
    ruleset = eligibility.ruleset_on(datetime.date(2015, 12, 31))
    unit = Unit.objects.get(code="so-gd-dt")
    held("cstd-co-so", 2015, name="Người 1")
    assert eligibility.cap_warnings(unit.pk, cstd, 2015, ruleset) == []
    held("cstd-co-so", 2015, name="Người 2")
    (warning,) = eligibility.cap_warnings(unit.pk, cstd, 2015, ruleset)
    assert str(warning).startswith("Điều 5, Thông tư 07/2014/TT-BNV")
    assert "quá 15% của 7 “Lao động tiên tiến”" in str(warning)
    # The 2013 plan's rule set has no cap.
    old = eligibility.ruleset_on(datetime.date(2013, 12, 31))
    assert eligibility.cap_warnings(unit.pk, cstd, 2015, old) == []


def test_votes_needed_comes_from_the_rule_set_in_force():
    tinh = AwardType.objects.get(code="cstd-tinh")
    votes = eligibility.votes_needed(tinh, datetime.date(2018, 12, 1))
    assert votes.percent == 90 and "Nghị định 91/2017/NĐ-CP" in votes.article
    assert eligibility.votes_needed(tinh, datetime.date(2013, 12, 1)) is None


def test_the_command_prints_the_rule_set_and_the_articles():
    held("lao-dong-tien-tien", 2013)
    out = io.StringIO()
    call_command(
        "eligibility",
        "--name", NAME, "--born", "1980-04-02", "--award", "cstd-co-so", "--year", "2013",
        stdout=out,
    )  # fmt: skip
    result = json.loads(out.getvalue())
    assert result["ruleset"]["code"] == "tdkt-2005"
    assert result["ruleset"]["title"] == LAW_2005
    assert "Nghị định số 42/2010/NĐ-CP ngày 15/4/2010" in result["ruleset"]["legal_basis"]
    assert result["eligible"] is False
    (problem,) = result["problems"]
    assert problem["article"] == f"Điều 23, {LAW_2005}"
    assert "chưa có sáng kiến nào" in problem["message"]

    initiative(2013)
    out = io.StringIO()
    call_command(
        "eligibility",
        "--name", NAME, "--born", "1980-04-02", "--award", "cstd-co-so", "--year", "2013",
        stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["eligible"] is True


def test_a_submitted_dossier_records_its_rule_set_and_its_page_shows_the_articles(
    client, officer, staff
):
    dossier = demo.new_dossier(officer, "bang-khen-tinh", name="Đinh Văn Căn Cứ")
    services.move_dossier(dossier, DossierState.SUBMITTED, officer)
    dossier.refresh_from_db()
    assert dossier.ruleset.code == "tdkt-2005"

    tinh = demo.new_dossier(officer, "cstd-tinh", name="Đinh Văn Điều")
    client.force_login(staff)
    page = client.get(reverse("awards:dossier", args=[tinh.pk])).content.decode()
    assert LAW_2005 in page and "Điều 22" in page
    assert "Nghị định số 39/2012/NĐ-CP" in page
    assert "chưa kiểm chứng" in page

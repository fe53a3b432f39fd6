"""A grouping's standings and section II's measures: the numbers the office reports."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from emulation import selectors, services
from emulation.models import Inspection, InspectionPlan
from units.models import Cluster, Unit

from .conftest import YEAR, score_all, unit

pytestmark = pytest.mark.django_db
END = datetime.date(YEAR, 12, 31)


def test_ranks_share_a_place_on_equal_totals_and_skip_the_next():
    assert selectors.competition_ranks({"a": 90, "b": 95, "c": 90, "d": 80, "e": None}) == {
        "b": 1,
        "a": 2,
        "c": 2,
        "d": 4,
    }


def test_members_rank_by_checked_score_with_ties(block, staff):
    score_all(block, "so-gd-dt", staff, [40, 60], check=[35, 55], checker=staff)  # 90
    score_all(block, "so-y-te", staff, [40, 60], check=[40, 50], checker=staff)  # 90
    score_all(block, "so-tu-phap", staff, [30, 60], check=[30, 60], checker=staff)  # 90
    score_all(block, "h-cao-loc", staff, [20, 20], check=[20, 20], checker=staff)  # 40
    standing = selectors.grouping_standing(block, END)
    ranks = {m.unit.code: (m.rank, m.checked_score) for m in standing.members}
    assert ranks["so-gd-dt"] == ranks["so-y-te"] == ranks["so-tu-phap"] == (1, Decimal(90))
    assert ranks["h-cao-loc"] == (4, Decimal(40))


def test_the_share_counts_a_member_only_once_every_criterion_is_checked(block, staff):
    score_all(block, "so-gd-dt", staff, [40, 60], check=[40, 60], checker=staff)
    score_all(block, "so-y-te", staff, [40, 60])
    criterion = block.score_sheet.criteria.order_by("position").first()
    score = criterion.scores.get(unit=unit("so-y-te"))
    services.cross_check(score, staff, points=Decimal(30))  # one of two criteria
    standing = selectors.grouping_standing(block, datetime.date.today())
    assert standing.cross_checked_percent == Decimal("25.0")  # 1 of 4 members
    assert not standing.fully_cross_checked
    unchecked = {m.unit.code: m for m in standing.members}["so-y-te"]
    assert unchecked.rank is None and unchecked.checked_score is None
    assert unchecked.self_score == Decimal(100)


def test_the_share_reaches_100_and_is_read_as_of_a_date(block, staff):
    for code in ("so-gd-dt", "so-y-te", "so-tu-phap", "h-cao-loc"):
        score_all(block, code, staff, [10, 10], check=[10, 10], checker=staff)
    assert selectors.grouping_standing(block, END).fully_cross_checked
    # Checked on 20/12: on 19/12 nothing was.
    before = selectors.grouping_standing(block, datetime.date(YEAR, 12, 19))
    assert before.cross_checked_percent == Decimal(0)


def test_a_unit_is_in_one_grouping_of_each_kind_a_year(block, staff):
    with pytest.raises(ValidationError, match="Sở Y tế"):
        services.announce_grouping(
            year=YEAR,
            kind=Cluster.Kind.BLOCK,
            name="Khối khác",
            leader=unit("so-cong-thuong"),
            members=[unit("so-y-te"), unit("so-cong-thuong")],
            by=staff,
        )
    # A cluster (by area) of the same year, or a block of another year, may take it.
    services.announce_grouping(
        year=YEAR, kind=Cluster.Kind.CLUSTER, name="Cụm khác", leader=unit("so-y-te"),
        members=[unit("so-y-te")], by=staff,
    )  # fmt: skip
    services.announce_grouping(
        year=YEAR + 1, kind=Cluster.Kind.BLOCK, name="Khối năm sau", leader=unit("so-y-te"),
        members=[unit("so-y-te")], by=staff,
    )  # fmt: skip


def test_the_admin_form_refuses_a_second_grouping_of_a_kind(block, admin_client):
    response = admin_client.post(
        "/admin/units/cluster/add/",
        {
            "year": YEAR,
            "name": "Khối trùng",
            "kind": Cluster.Kind.BLOCK,
            "leader": unit("so-y-te").pk,
            "members": [unit("so-y-te").pk],
        },
    )
    assert response.status_code == 200
    assert "chỉ thuộc một cụm và một khối" in response.content.decode()
    assert not Cluster.objects.filter(name="Khối trùng").exists()


def _province_plan(inspected, *, done_on=datetime.date(YEAR, 6, 1)):
    plan = InspectionPlan.objects.create(year=YEAR, title="Kiểm tra của tỉnh")
    for member in inspected:
        Inspection.objects.create(plan=plan, unit=member, planned_on=done_on, done_on=done_on)
    return plan


@pytest.mark.parametrize(("share", "meets"), [(29, False), (30, True)])
def test_province_coverage_against_30_percent_at_the_boundary(share, meets):
    # 100 participating units makes a percentage a count; the demo has fewer, so fill up.
    participating = list(Unit.objects.filter(is_participating=True).order_by("code"))
    extra = [
        Unit.objects.create(code=f"dv-them-{n}", name=f"Đơn vị thêm {n}", is_participating=True)
        for n in range(100 - len(participating))
    ]
    units = participating + extra
    _province_plan(units[:share])
    [coverage] = selectors.inspection_coverage(YEAR, END)
    assert (coverage.units_under, coverage.inspected) == (100, share)
    assert coverage.meets_target is meets


def test_a_unit_level_counts_the_units_under_it_and_visits_done_by_the_date():
    parent = unit("so-gd-dt")
    schools = [
        Unit.objects.create(code=f"truong-{n}", name=f"Trường {n}", parent=parent) for n in range(3)
    ]
    plan = InspectionPlan.objects.create(year=YEAR, inspector=parent, title="Kiểm tra của ngành")
    Inspection.objects.create(
        plan=plan, unit=schools[0], planned_on=END, done_on=datetime.date(YEAR, 10, 1)
    )
    Inspection.objects.create(plan=plan, unit=schools[1], planned_on=END)  # not done yet
    [coverage] = selectors.inspection_coverage(YEAR, END)
    assert (coverage.units_under, coverage.inspected, coverage.percent) == (3, 1, Decimal("33.3"))
    assert coverage.meets_target
    [early] = selectors.inspection_coverage(YEAR, datetime.date(YEAR, 9, 30))
    assert early.inspected == 0 and not early.meets_target


def test_exemplars_count_against_two_per_unit(officer):
    own = officer.unit
    fields = {"kind": "person", "field": "Giáo dục", "spread_by": "media"}
    services.record_exemplar(own, YEAR, officer, name="A", spread_on=END, **fields)
    measures, _coverage = selectors.section_two(YEAR, END)
    exemplars = {m.key: m for m in measures}["exemplars"]
    assert exemplars.done == 0
    services.record_exemplar(own, YEAR, officer, name="B", spread_on=END, **fields)
    measures, _coverage = selectors.section_two(YEAR, END)
    assert {m.key: m for m in measures}["exemplars"].done == 1
    assert own in selectors.units_behind(YEAR, END, "exemplars")


def test_the_demo_year_has_groupings_above_and_below_every_target():
    from demo.emulation import create_demo_emulation

    assert create_demo_emulation(YEAR)
    assert not create_demo_emulation(YEAR)  # a second run changes nothing
    standings = selectors.grouping_standings(selectors.groupings_of_year(YEAR), END)
    shares = [s.cross_checked_percent for s in standings]
    assert Decimal(100) in shares and any(share < 100 for share in shares)
    measures, coverage = selectors.section_two(YEAR, END)
    assert {c.meets_target for c in coverage} == {True, False}
    exemplars = {m.key: m for m in measures}["exemplars"]
    assert 0 < exemplars.done < exemplars.total


@pytest.mark.parametrize("as_of", [datetime.date(YEAR, 6, 30), END])
def test_section_two_counts_in_sql_what_the_standings_and_units_behind_list(as_of):
    """The dashboard's panel counts in SQL; the lists behind each number are read one by
    one: the two must say the same, at any date."""
    from demo.emulation import create_demo_emulation

    create_demo_emulation(YEAR)
    measures = {m.key: m for m in selectors.section_two(YEAR, as_of)[0]}
    members = [
        m
        for s in selectors.grouping_standings(selectors.groupings_of_year(YEAR), as_of)
        for m in s.members
    ]
    participating = Unit.objects.filter(is_participating=True).count()
    assert measures["registered"].done == len(selectors.units_behind(YEAR, as_of, "registered"))
    assert measures["registered"].total == measures["exemplars"].total == participating
    assert measures["pact"].total == measures["cross-checked"].total == len(members)
    assert measures["pact"].done == sum(m.pact_signed for m in members)
    assert measures["cross-checked"].done == sum(m.cross_checked for m in members)
    assert measures["exemplars"].done == len(selectors.units_behind(YEAR, as_of, "exemplars"))
    if as_of == END:  # the demo's members have signed and been checked by then
        assert measures["pact"].done and measures["cross-checked"].done


def test_section_two_counts_the_members_as_the_groupings_standings_do():
    """The dashboard's counts (membership_counts, grouped in SQL) agree with the standings
    drawn member by member, on a day before and after the demo's signatures and checks."""
    from demo.emulation import create_demo_emulation

    create_demo_emulation(YEAR)
    for day in (datetime.date(YEAR, 3, 1), datetime.date(YEAR, 9, 30), END):
        members = [
            member
            for standing in selectors.grouping_standings(selectors.groupings_of_year(YEAR), day)
            for member in standing.members
        ]
        assert selectors.membership_counts(YEAR, day) == {
            "total": len(members),
            "pact": sum(member.pact_signed for member in members),
            "cross_checked": sum(member.cross_checked for member in members),
        }
    # Some signed and some cross-checked by the end, so the comparison means something.
    counted = selectors.membership_counts(YEAR, END)
    assert 0 < counted["cross_checked"] < counted["total"] and counted["pact"] > 0


@pytest.mark.parametrize("who", ["staff", "officer"])
def test_the_year_list_counts_each_grouping_as_its_standing_does(who, request):
    """The year's list (grouping_shares, counted in SQL) says of each grouping what its
    standing drawn member by member says: for the office, and for an officer who sees only
    the groupings of their unit, on days before and after the demo's checks."""
    from demo.emulation import create_demo_emulation
    from emulation import rules

    create_demo_emulation(YEAR)
    user = request.getfixturevalue(who)
    visible = rules.visible_groupings(user, selectors.groupings_of_year(YEAR))
    for day in (datetime.date(YEAR, 3, 1), datetime.date(YEAR, 9, 30), END):
        shares = selectors.grouping_shares(visible, day)
        standings = selectors.grouping_standings(visible, day)
        assert [
            (s.cluster, s.member_count, s.cross_checked_count, s.cross_checked_percent)
            for s in shares
        ] == [
            (
                s.cluster,
                len(s.members),
                sum(m.cross_checked for m in s.members),
                s.cross_checked_percent,
            )
            for s in standings
        ]
    # Groupings fully, partly and not cross-checked by the end, so the comparison means
    # something (the officer's unit belongs to some, not all).
    at_end = selectors.grouping_shares(visible, END)
    assert 0 < len(at_end) <= Cluster.objects.filter(year=YEAR).count()
    if who == "staff":
        assert {s.fully_cross_checked for s in at_end} == {True, False}
        assert any(0 < s.cross_checked_count < s.member_count for s in at_end)

"""Reads of the year's emulation work: each grouping's standings and section II's measures,
as of a date. Every percentage here is what section II of the plan measures."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from plan.status import end_of_day
from units.models import Cluster, Unit

from .enums import (
    CROSS_CHECK_TARGET_PERCENT,
    EXEMPLARS_PER_UNIT,
    INSPECTION_TARGET_PERCENT,
    PACT_TARGET_PERCENT,
    REGISTRATION_TARGET_PERCENT,
)
from .models import (
    Criterion,
    CrossCheckedMember,
    Exemplar,
    Inspection,
    InspectionPlan,
    PactSignature,
    Registration,
    Score,
)


def percent(part, whole):
    """part/whole as a percentage with one decimal; 0 when there is nothing to count."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def competition_ranks(totals):
    """{key: rank} by total, highest first; equal totals share a rank and the next rank
    skips (1, 1, 3): the way a grouping ranks its members. Keys with no total get no rank."""
    ordered = sorted((total, key) for key, total in totals.items() if total is not None)
    ordered.reverse()
    ranks, previous, rank = {}, None, 0
    for position, (total, key) in enumerate(ordered, start=1):
        if total != previous:
            rank, previous = position, total
        ranks[key] = rank
    return ranks


@dataclass
class MemberStanding:
    unit: Unit
    registered: bool
    pact_signed: bool
    self_score: Decimal | None
    checked_score: Decimal | None  # only once every criterion is checked
    cross_checked: bool
    rank: int | None = None


@dataclass
class GroupingStanding:
    cluster: Cluster
    members: list = field(default_factory=list)
    criteria_count: int = 0

    @property
    def cross_checked_percent(self):
        return percent(sum(m.cross_checked for m in self.members), len(self.members))

    @property
    def fully_cross_checked(self):
        return self.cross_checked_percent >= CROSS_CHECK_TARGET_PERCENT


def groupings_of_year(year):
    return Cluster.objects.filter(year=year).select_related("leader").order_by("kind", "name")


def grouping_standing(cluster, as_of):
    """Each member's registration, pact, self-score, checked score and rank as of a date.

    A member counts as cross-checked once the leading unit has checked every criterion of
    the grouping's sheet for it by the end of that day; only cross-checked members are
    ranked, by their checked total."""
    return grouping_standings([cluster], as_of)[0]


def grouping_standings(clusters, as_of):
    # Kept whole: each query above the loop feeds it; split up, one table's reading would
    # be spread over several helpers.
    """grouping_standing for several groupings in a fixed number of queries."""
    clusters = list(clusters)
    until = end_of_day(as_of)
    member_rows = Cluster.members.through.objects.filter(cluster__in=clusters).select_related(
        "unit"
    )
    members = defaultdict(list)
    for row in member_rows.order_by("unit__name"):
        members[row.cluster_id].append(row.unit)
    years = {c.year for c in clusters}
    registered = set(
        Registration.objects.filter(year__in=years, registered_at__lt=until).values_list(
            "unit_id", "year"
        )
    )
    signed = set(
        PactSignature.objects.filter(cluster__in=clusters, signed_on__lte=as_of).values_list(
            "cluster_id", "unit_id"
        )
    )
    criteria = dict(
        Criterion.objects.filter(sheet__cluster__in=clusters)
        .values("sheet__cluster_id")
        .annotate(n=Count("pk"))
        .values_list("sheet__cluster_id", "n")
    )
    sums = {}
    scores = (
        Score.objects.filter(criterion__sheet__cluster__in=clusters)
        .values("criterion__sheet__cluster_id", "unit_id")
        .annotate(
            self_total=Sum("self_score"),
            checked_total=Sum("checked_score", filter=Q(checked_at__lt=until)),
            checked=Count("pk", filter=Q(checked_at__lt=until)),
        )
    )
    for row in scores:
        sums[row["criterion__sheet__cluster_id"], row["unit_id"]] = row
    result = []
    for cluster in clusters:
        standing = GroupingStanding(cluster, criteria_count=criteria.get(cluster.pk, 0))
        for unit in members[cluster.pk]:
            row = sums.get((cluster.pk, unit.pk), {})
            done = bool(standing.criteria_count) and row.get("checked") == standing.criteria_count
            standing.members.append(
                MemberStanding(
                    unit=unit,
                    registered=(unit.pk, cluster.year) in registered,
                    pact_signed=(cluster.pk, unit.pk) in signed,
                    self_score=row.get("self_total"),
                    checked_score=row.get("checked_total") if done else None,
                    cross_checked=done,
                )
            )
        ranks = competition_ranks({m.unit.pk: m.checked_score for m in standing.members})
        for member in standing.members:
            member.rank = ranks.get(member.unit.pk)
        standing.members.sort(key=lambda m: (m.rank is None, m.rank or 0, m.unit.name))
        result.append(standing)
    return result


@dataclass
class Coverage:
    """One level's inspections against section II's 30 %."""

    plan: InspectionPlan
    level: str
    units_under: int
    inspected: int

    @property
    def percent(self):
        return percent(self.inspected, self.units_under)

    @property
    def meets_target(self):
        return self.units_under > 0 and self.percent >= INSPECTION_TARGET_PERCENT


def units_under(plan):
    """The units a level inspects: every participating unit for the province, the units
    directly under it for a unit."""
    if plan.inspector_id is None:
        return Unit.objects.filter(is_participating=True)
    return Unit.objects.filter(parent_id=plan.inspector_id)


def inspection_coverage(year, as_of):
    """Every level's coverage: units inspected by the end of the day over units under it."""
    plans = InspectionPlan.objects.filter(year=year).select_related("inspector")
    plans = plans.annotate(
        inspected=Count("visits__unit", filter=Q(visits__done_on__lte=as_of), distinct=True)
    )
    plans = list(plans.order_by("inspector__sort_key"))
    # The units under every level in one query, however many levels keep a plan (and one
    # query when none does, so the pages that show coverage stay flat).
    inspectors = [p.inspector_id for p in plans if p.inspector_id]
    rows = (
        Unit.objects.filter(Q(parent_id__in=inspectors) | Q(is_participating=True))
        .values("parent_id", "is_participating")
        .annotate(n=Count("pk"))
    )
    under, province = defaultdict(int), 0
    for row in rows:
        if row["is_participating"]:
            province += row["n"]
        if row["parent_id"] in inspectors:
            under[row["parent_id"]] += row["n"]
    result = []
    for plan in plans:
        level = plan.inspector.name if plan.inspector else _("Tỉnh")
        count = under.get(plan.inspector_id, 0) if plan.inspector_id else province
        result.append(Coverage(plan, level, count, plan.inspected))
    return result


def exemplar_counts(year, as_of, units):
    """{unit id: exemplars spread by the date} for the given units, zero included."""
    counts = dict(
        Exemplar.objects.filter(year=year, spread_on__lte=as_of, unit__in=units)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return {unit.pk: counts.get(unit.pk, 0) for unit in units}


@dataclass
class Measure:
    """One number of section II: how many of how many, against its target."""

    key: str
    label: str
    done: int
    total: int
    target: Decimal

    @property
    def percent(self):
        return percent(self.done, self.total)

    @property
    def meets_target(self):
        return self.total > 0 and self.percent >= self.target


@dataclass
class GroupingShare:
    """A grouping's line on the year's list: how many members, how many cross-checked."""

    cluster: Cluster
    member_count: int
    cross_checked_count: int

    @property
    def cross_checked_percent(self):
        return percent(self.cross_checked_count, self.member_count)

    @property
    def fully_cross_checked(self):
        return self.cross_checked_percent >= CROSS_CHECK_TARGET_PERCENT


def grouping_shares(clusters, as_of):
    """[GroupingShare] of the clusters (a queryset), in its order: what grouping_standings
    says of each, counted in SQL instead of member by member. Building every member's
    standing made the year's list cost 35 ms of Python at 2,000 units (80 groupings) for
    two numbers a line; three grouped queries now, whatever the number of members."""
    clusters = list(clusters)
    ids = [cluster.pk for cluster in clusters]
    memberships = Cluster.members.through.objects.filter(cluster__in=ids)
    members = dict(memberships.values_list("cluster").annotate(n=Count("pk")))
    checked = cross_checked_members(ids, memberships, as_of)
    return [
        GroupingShare(cluster, members.get(cluster.pk, 0), checked.get(cluster.pk, 0))
        for cluster in clusters
    ]


def cross_checked_members(clusters, memberships, as_of):
    """{cluster id: its members (`memberships`: the clusters' rows of the member table)
    whose every criterion the leading unit has checked by the end of the day}, as
    grouping_standings counts them; clusters with none are left out. Read from the stored
    copy (CrossCheckedMember): one row a member, not every score of the year."""
    checked = (
        CrossCheckedMember.objects.filter(cluster__in=clusters, checked_at__lt=end_of_day(as_of))
        .filter(Exists(memberships.filter(cluster=OuterRef("cluster"), unit=OuterRef("unit"))))
        .values_list("cluster")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(checked)


def membership_counts(year, as_of):
    """{total, pact, cross_checked}: the year's grouping memberships, those whose pact is
    signed and those cross-checked by the date (as grouping_standings says).

    Counted from the signatures and the scores, grouped in SQL, not member by member: a
    query per membership's pact, criteria and scores made the dashboard's panel cost
    2,000 subqueries at 2,000 units. Two or three small queries, whatever the number of units."""
    clusters = Cluster.objects.filter(year=year)
    memberships = Cluster.members.through.objects.filter(cluster__in=clusters)
    signed = PactSignature.objects.filter(
        cluster=OuterRef("cluster"), unit=OuterRef("unit"), signed_on__lte=as_of
    )
    counted = memberships.aggregate(total=Count("pk"), pact=Count("pk", filter=Q(Exists(signed))))
    cross_checked = sum(cross_checked_members(clusters, memberships, as_of).values())
    return {**counted, "cross_checked": cross_checked}


def section_two(year, as_of):
    """Section II's measures for the province as of a date, each with the units behind it
    (see units_behind); counted in SQL, so the dashboard's panel costs the same at any size."""
    until = end_of_day(as_of)
    registered = Registration.objects.filter(year=year, registered_at__lt=until).values("unit")
    units = Unit.objects.filter(is_participating=True).aggregate(
        total=Count("pk"), registered=Count("pk", filter=Q(pk__in=registered))
    )
    members = membership_counts(year, as_of)
    exemplary = (
        Exemplar.objects.filter(year=year, spread_on__lte=as_of, unit__is_participating=True)
        .values("unit")
        .annotate(n=Count("pk"))
        .filter(n__gte=EXEMPLARS_PER_UNIT)
        .count()
    )
    measures = [
        Measure(
            "registered",
            _("Đơn vị đã đăng ký thi đua"),
            units["registered"],
            units["total"],
            REGISTRATION_TARGET_PERCENT,
        ),
        Measure(
            "pact",
            _("Thành viên cụm, khối đã ký giao ước"),
            members["pact"],
            members["total"],
            PACT_TARGET_PERCENT,
        ),
        Measure(
            "cross-checked",
            _("Thành viên cụm, khối đã được thẩm định điểm"),
            members["cross_checked"],
            members["total"],
            CROSS_CHECK_TARGET_PERCENT,
        ),
        Measure(
            "exemplars",
            _("Đơn vị có từ 2 điển hình tiên tiến trở lên"),
            exemplary,
            units["total"],
            Decimal(100),
        ),
    ]
    return measures, inspection_coverage(year, as_of)


MEASURES = ("registered", "not-registered", "pact", "cross-checked", "exemplars")


def units_behind(year, as_of, measure):
    """The units a section II number counts (or, with "not-…", those it is missing)."""
    until = end_of_day(as_of)
    participating = Unit.objects.filter(is_participating=True)
    if measure in ("registered", "not-registered"):
        done = Registration.objects.filter(year=year, registered_at__lt=until).values("unit")
        units = participating.filter(pk__in=done)
        if measure == "not-registered":
            units = participating.exclude(pk__in=done)
        return list(units.order_by("name"))
    standings = grouping_standings(groupings_of_year(year), as_of)
    if measure == "pact":
        return sorted({m.unit for s in standings for m in s.members if m.pact_signed}, key=_name)
    if measure == "cross-checked":
        return sorted({m.unit for s in standings for m in s.members if m.cross_checked}, key=_name)
    if measure == "exemplars":
        counts = exemplar_counts(year, as_of, list(participating))
        return [u for u in participating.order_by("name") if counts[u.pk] >= EXEMPLARS_PER_UNIT]
    raise ValueError(measure)


def _name(unit):
    return unit.name


def inspections_of(plan):
    return Inspection.objects.filter(plan=plan).select_related("unit").order_by("planned_on")

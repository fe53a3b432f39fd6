"""Comparing years: for the province or one unit, the share of parts done on time, of
documents sent on time, and the awards by type, year against year.

Every figure is read in a fixed number of grouped queries, however many years and units
there are (the years are rows of the grouped results, never a query each).

What counts, as of today (the stored copies of each part's latest report):
- a part is done on time when its latest report says done on or before its task's due
  date; cancelled parts are left out of the count;
- a document is sent on time when the unit sent something for the requirement on or before
  its deadline (a local day), whatever the office answered later: returned documents were
  still sent by the deadline;
- the awards are the award records of the year (approved dossiers, unit-level decisions and
  the history entered in admin or imported).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate

from plan.enums import PartState, PlanStatus
from plan.models import Plan, Requirement, Submission, TaskPart

from .models import AwardRecord, AwardType


def share(part, whole):
    """The percentage `part` is of `whole`, to one decimal; None when there is nothing."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass
class YearFigures:
    """One year's figures of the province or a unit."""

    year: int
    parts: int = 0
    parts_on_time: int = 0
    owed: int = 0
    sent_on_time: int = 0
    awards: dict = field(default_factory=dict)  # award type id -> records

    @property
    def parts_share(self):
        return share(self.parts_on_time, self.parts)

    @property
    def sent_share(self):
        return share(self.sent_on_time, self.owed)

    @property
    def awards_total(self):
        return sum(self.awards.values())


@dataclass
class Comparison:
    """Years in order, each with its figures, and the award types that occur in any of them."""

    years: list
    award_types: list  # AwardType rows, in the catalogue's order

    def award_rows(self):
        """[(award type, [records in each year])] in the catalogue's order."""
        return [
            (award_type, [year.awards.get(award_type.pk, 0) for year in self.years])
            for award_type in self.award_types
        ]


def _unit_filter(unit, field_name="unit"):
    return Q(**{field_name: unit}) if unit is not None else Q()


def compared_years():
    """The years that have a published plan or award records, in order (one query)."""
    plans = Plan.objects.published().values_list("year", flat=True).order_by()
    records = AwardRecord.objects.values_list("year", flat=True).order_by()
    return sorted(set(plans.union(records)))


def _parts_by(group, unit=None):
    """Parts of published plans counted (all but cancelled, and done on time) by `group`."""
    done_on_time = Q(latest_state=PartState.DONE, latest_done_on__lte=F("task__due_date"))
    return (
        TaskPart.objects.filter(_unit_filter(unit), task__plan__status=PlanStatus.PUBLISHED)
        .values(*group)
        .annotate(
            total=Count("pk", filter=~Q(latest_state=PartState.CANCELLED)),
            on_time=Count("pk", filter=done_on_time),
        )
        .order_by()
    )


def _owed_by(group, unit=None):
    """Documents owed under published plans (requirement × unit) counted, and those sent on
    or before the requirement's deadline, by `group` (fields of the requirement-unit row)."""
    sent_in_time = (
        Submission.objects.filter(requirement=OuterRef("requirement_id"), unit=OuterRef("unit_id"))
        .annotate(day=TruncDate("submitted_at"))
        .filter(day__lte=OuterRef("requirement__due_on"))
    )
    return (
        Requirement.units.through.objects.filter(
            _unit_filter(unit, "unit_id"), requirement__plan__status=PlanStatus.PUBLISHED
        )
        .annotate(in_time=Exists(sent_in_time))
        .values(*group)
        .annotate(total=Count("pk"), on_time=Count("pk", filter=Q(in_time=True)))
        .order_by()
    )


def year_comparison(unit=None):
    """The province's figures (unit None) or one unit's, for every compared year.

    Four queries: the years, the parts, the documents owed, the awards (with their types).
    """
    years = {year: YearFigures(year) for year in compared_years()}

    def figures(year):
        # A year with parts but neither plan nor records cannot occur (parts hang off a
        # published plan); setdefault keeps the rows whole anyway.
        return years.setdefault(year, YearFigures(year))

    for row in _parts_by(["task__plan__year"], unit):
        year = figures(row["task__plan__year"])
        year.parts, year.parts_on_time = row["total"], row["on_time"]
    for row in _owed_by(["requirement__plan__year"], unit):
        year = figures(row["requirement__plan__year"])
        year.owed, year.sent_on_time = row["total"], row["on_time"]
    awards = (
        AwardRecord.objects.filter(_unit_filter(unit))
        .values("year", "award_type_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    type_ids = set()
    for row in awards:
        figures(row["year"]).awards[row["award_type_id"]] = row["n"]
        type_ids.add(row["award_type_id"])
    award_types = list(AwardType.objects.filter(pk__in=type_ids).order_by("position", "name"))
    return Comparison(years=[years[y] for y in sorted(years)], award_types=award_types)


@dataclass
class UnitRow:
    """One unit's shares in each compared year (None where it owed nothing that year)."""

    name: str
    code: str
    parts_shares: list
    sent_shares: list


def units_by_year(years, units):
    """For the province page: each unit of `units` (a Unit queryset) with its share of parts
    done on time and of documents sent on time in each of `years`. Three queries."""
    unit_ids = units.values("pk")
    parts = defaultdict(dict)
    for row in _parts_by(["unit_id", "task__plan__year"]).filter(unit_id__in=unit_ids):
        parts[row["unit_id"]][row["task__plan__year"]] = share(row["on_time"], row["total"])
    sent = defaultdict(dict)
    for row in _owed_by(["unit_id", "requirement__plan__year"]).filter(unit_id__in=unit_ids):
        sent[row["unit_id"]][row["requirement__plan__year"]] = share(row["on_time"], row["total"])
    return [
        UnitRow(
            name=unit.name,
            code=unit.code,
            parts_shares=[parts[unit.pk].get(year) for year in years],
            sent_shares=[sent[unit.pk].get(year) for year in years],
        )
        for unit in units.only("pk", "name", "code")
        if unit.pk in parts or unit.pk in sent
    ]

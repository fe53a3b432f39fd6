"""Reads the award pages need: who sees which dossiers, with related rows fetched up front."""

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, Subquery

from core import params
from core.names import search_key
from units.lifecycle import with_predecessors
from units.models import Unit
from units.rules import own_unit_ids

from . import rules
from .enums import COUNCIL_STATES, INBOX_STATES
from .models import (
    WAITING_FIRST,
    AwardNameStart,
    AwardRecord,
    AwardType,
    Batch,
    Dossier,
    DossierDocument,
    DossierTransition,
    Initiative,
)

LOOKUP_LIMIT = 200
LOOKUP_MATCHES = 2 * (LOOKUP_LIMIT + 1)


def dossiers():
    """Dossiers with what every list shows (unit, award type, category, batch) in one query."""
    return Dossier.objects.select_related("unit", "award_type", "category", "batch")


def visible_dossiers(user):
    """The dossiers a user may open (rules.dossier_visibility), with what every list shows."""
    return rules.dossier_visibility.filter(user, dossiers())


def visible_documents(user):
    """The dossier documents a user may download: those of the dossiers they may open."""
    return rules.document_visibility.filter(user, DossierDocument.objects.all())


def dossier_page(user, pk):
    """One dossier the user may see, with its documents, history and initiatives; None if not."""
    return (
        visible_dossiers(user)
        .select_related("ruleset")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=DossierDocument.objects.current().select_related("uploaded_by"),
            ),
            Prefetch("transitions", queryset=DossierTransition.objects.select_related("by")),
            "initiatives",
        )
        .filter(pk=pk)
        .first()
    )


def unit_dossiers(user):
    """The officer's unit's dossiers, newest first."""
    return (
        visible_dossiers(user)
        .filter(unit_id__in=own_unit_ids(user))
        .order_by("-year", "-reference")
    )


def inbox(filters):
    """Dossiers units have sent, filtered by state, unit, award type, batch, year, school
    year and name or reference (`filters` holds the cleaned values; empty ones are ignored)."""
    queryset = dossiers().filter(state__in=sorted(INBOX_STATES))
    if filters.get("state"):
        queryset = queryset.filter(state=filters["state"])
    for name in ("unit", "award_type", "batch", "year"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("school_year") is not None:
        queryset = queryset.filter(school_year_start=filters["school_year"])
    if filters.get("q"):
        text = filters["q"].strip()
        key = search_key(text)
        queryset = queryset.filter(nominee_key__contains=key) | queryset.filter(
            reference__iexact=text
        )
    return queryset.order_by("-state_changed_at", "-reference")


BATCH_YEARS_LISTED = 3


def inbox_choices(batch=None):
    """The filter lists of the inbox: one query each, whatever the number of dossiers. Units
    are typed, not listed (units.forms.UnitChoiceField); batches are those of the latest
    BATCH_YEARS_LISTED years, two a year, plus `batch` (the pk a link names) if older."""
    latest_year = Batch.objects.order_by("-year").values("year")[:1]
    batches = Batch.objects.filter(year__gt=Subquery(latest_year) - BATCH_YEARS_LISTED)
    batch = params.whole_number(batch)
    if batch:
        batches = Batch.objects.filter(Q(pk=batch) | Q(pk__in=batches.values("pk")))
    return {"award_types": AwardType.objects.all(), "batches": batches}


def council_dossiers():
    """Dossiers put before the council and what became of them: those waiting first, then
    the latest moved first (the order of an index: Dossier.Meta.indexes)."""
    return (
        dossiers()
        .filter(state__in=sorted(COUNCIL_STATES))
        .order_by(WAITING_FIRST, "-state_changed_at", "-reference")
    )


def look_up_awards(user, text, date_of_birth=None):
    """Award records whose name, from its first word or a later one, begins with `text`
    ("nguyen van an", "van an"), accents and case ignored, among those the user may see
    (rules.award_record_visibility); in Vietnamese alphabetical order (AwardRecord.name_sort),
    then year. With `date_of_birth`, only that person's. An officer also finds a person of
    another unit, but only by their exact name and date of birth: enough to check a nominee,
    not to list another unit's people.

    Found through the index of word starts (models.AwardNameStart), and only as far as a
    person reads: the first LOOKUP_MATCHES word starts the index meets, not every match, so
    the page does not grow with the history. Twice the limit is read because one name can
    match at two of its words ("an" in "An Văn An") and is then counted once."""
    key = search_key(text)
    if not key:
        return AwardRecord.objects.none()
    # No ORDER BY: the index's own (byte) order is what lets the database stop early. The
    # few ids are read first so the records are then fetched by primary key, not by a
    # pass over every record to join them with the matches.
    starts = AwardNameStart.objects.filter(start__startswith=key)
    record_ids = list(starts.values_list("record_id", flat=True)[:LOOKUP_MATCHES])
    found = Q(pk__in=record_ids) & rules.award_record_visibility.q(user)
    if date_of_birth is not None:
        found &= Q(date_of_birth=date_of_birth)
        if rules.can_look_up_awards(user):
            found |= Q(name_key=key, date_of_birth=date_of_birth)
    # NULLS FIRST on a column that is never NULL orders the same, but the name_sort index
    # (ASC NULLS LAST) cannot serve it: the database takes the few records by primary key
    # and sorts them, instead of walking the whole history in name order until a page of
    # them has turned up (12,000 rows read at 2,000 units for "nguyen van").
    return (
        AwardRecord.objects.select_related("award_type", "unit", "dossier")
        .filter(found)
        .order_by(
            F("name_sort").asc(nulls_first=True),
            "name_key",
            "date_of_birth",
            "-year",
            "award_type__position",
            "pk",
        )
    )


def first_awards(user, text):
    """The first SEARCH_LIMIT records of look_up_awards, for the header's search: ordered on
    the records alone, and only those few joined to their award, unit and dossier."""
    found = look_up_awards(user, text)
    first = found.select_related(None).values("pk")[:SEARCH_LIMIT]
    return (
        found.model.objects.select_related("award_type", "unit", "dossier")
        .filter(pk__in=Subquery(first))
        .order_by(*found.query.order_by)
    )


def unit_award_history(unit):
    """The award records of the unit and of every unit merged or dissolved into it, newest
    first: a successor's history includes its predecessors' (units.lifecycle)."""
    return (
        AwardRecord.objects.select_related("award_type", "unit")
        .filter(unit_id__in=with_predecessors(unit))
        .order_by("-year", "award_type__position", "name_sort")
    )


def unit_initiatives(unit):
    """The unit's initiatives, for a dossier to rest on."""
    return Initiative.objects.filter(unit=unit).order_by("-year", "title")


def visible_initiatives(user):
    """Every initiative for the office, leaders and council; an officer's own unit's only
    (rules.initiative_visibility)."""
    initiatives = Initiative.objects.select_related("unit").order_by(
        "-year", "unit__sort_key", "title"
    )
    return rules.initiative_visibility.filter(user, initiatives)


def awards_this_year_and_last(year, top_units=15):
    """The chairman's comparison: awards recorded in `year` and in the year before, by award
    type ([(name, this year, last year)], in the catalogue's order) and by unit (the
    `top_units` units with most this year).

    The records are counted by type and unit id alone, from an index (award_record_by_year),
    and only the counts are joined to the names: grouping by the names joined every record
    to its type and unit first, 18 ms of the overview at 2,000 units against 4 ms now. The
    count still grows with the two years' records, not with anything else."""
    records = AwardRecord.objects.filter(year__in=(year - 1, year)).order_by()
    # Counting the year (never empty), not the id: the index has no id, and the scan would
    # go to every row for it.
    this, last = Count("year", filter=Q(year=year)), Count("year", filter=Q(year=year - 1))
    counts = {
        row[0]: row[1:] for row in records.values_list("award_type").annotate(this=this, last=last)
    }
    types = AwardType.objects.filter(pk__in=counts).order_by("position", "name")
    by_type = [(award_type.name, *counts[award_type.pk]) for award_type in types]
    by_unit_id = records.filter(unit__isnull=False).values("unit").annotate(this=this, last=last)
    sql, params = by_unit_id.query.sql_with_params()
    # Joined after counting, which the ORM cannot say; ordered as order_by("-this",
    # "-last", "unit__name") would be.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit.name, unit.code, counted.this, counted.last FROM ({sql}) counted"
            f" JOIN {Unit._meta.db_table} unit ON unit.id = counted.unit"
            " ORDER BY counted.this DESC, counted.last DESC, unit.name LIMIT %s",
            [*params, top_units],
        )
        by_unit = cursor.fetchall()
    return by_type, by_unit


SEARCH_LIMIT = 10


def find_dossiers(user, text):
    """The first SEARCH_LIMIT dossiers the user may open whose reference is `text` or whose
    nominee's name contains it (accents and case ignored), newest first.

    The matches are found on the dossiers alone, walking the index in the list's order
    (dossier_newest_first) until SEARCH_LIMIT are met; only those few are then joined to
    their unit, award and category, not every match."""
    text = text.strip()
    key = search_key(text)
    if not key:
        return Dossier.objects.none()
    found = Q(nominee_key__contains=key) | Q(reference__iexact=text)
    newest = visible_dossiers(user).filter(found).order_by("-year", "-reference")
    first = newest.select_related(None).values("pk")[:SEARCH_LIMIT]
    return newest.filter(pk__in=Subquery(first))

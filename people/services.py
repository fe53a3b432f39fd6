"""Writes to the person register: find or add a person, record a rating, merge two records."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.history import recorded_as
from core.names import normalise_text, search_key

from .models import AnnualRating, Membership, Person


class PersonError(Exception):
    pass


def find_person(full_name, date_of_birth):
    """The person of that name and date of birth (merged records lead to the one kept)."""
    person = (
        Person.objects.filter(name_key=search_key(full_name), date_of_birth=date_of_birth)
        .order_by("merged_into_id", "pk")
        .first()
    )
    while person is not None and person.merged_into_id:
        person = person.merged_into
    return person


@transaction.atomic
def person_for(full_name, date_of_birth, *, sex="", unit=None, year=None):
    """The register's person of that name and date of birth, added if new; with `unit` and
    `year`, the person is recorded as in that unit that year if no period says otherwise."""
    person = find_person(full_name, date_of_birth)
    if person is None:
        person = Person.objects.create(
            full_name=normalise_text(full_name), date_of_birth=date_of_birth, sex=sex
        )
    if unit is not None and year is not None and person.unit_in(year) is None:
        Membership.objects.create(person=person, unit=unit, start_year=year, end_year=year)
    return person


@transaction.atomic
def rate(person, year, rating, unit=None):
    """Record (or correct) a person's rating of a year."""
    current = AnnualRating.objects.filter(person=person, year=year).first()
    if current is None:
        return AnnualRating.objects.create(person=person, year=year, rating=rating, unit=unit)
    current.rating, current.unit = rating, unit or current.unit
    current.save()
    return current


@transaction.atomic
def merge_people(keep, drop, by):
    """Merge `drop` into `keep` (office staff found them to be one person).

    Everything that pointed to `drop` (award records, dossiers, initiatives, ratings, unit
    periods) now points to `keep`, each change saved with its history row; `drop` stays,
    marked as merged into `keep`. A rating of a year `keep` already has stays with `drop`
    (the two disagree: staff settle it by hand); their number is returned.
    """
    if keep.pk == drop.pk:
        raise PersonError(_("Không thể gộp một người với chính người đó."))
    if drop.merged_into_id or keep.merged_into_id:
        raise PersonError(_("Người này đã được gộp vào người khác."))
    kept_years = set(keep.ratings.values_list("year", flat=True))
    left = 0
    with recorded_as(by, _("Gộp người trùng")):
        for relation in Person._meta.related_objects:
            if relation.related_model is Person:  # the merged records themselves
                continue
            model, field = relation.related_model, relation.field.name
            if relation.many_to_many:
                for row in model.objects.filter(**{field: drop}):
                    getattr(row, field).remove(drop)
                    getattr(row, field).add(keep)
                continue
            for row in model.objects.filter(**{field: drop}):
                if model is AnnualRating and row.year in kept_years:
                    left += 1
                    continue
                setattr(row, field, keep)
                row.save()
        drop.merged_into = keep
        drop.save()
    return left

"""Reads of the person register that pages need."""

from django.db.models import Prefetch

from core.names import search_key
from units.rules import is_office

from .models import Membership, Person

PERSON_MATCHES = 20


def searchable_people(user):
    """The people a user may pick: all of the register for the office; for an officer, those
    the register puts in their unit at some time (a name and birth date are personal data)."""
    people = Person.objects.filter(merged_into=None)
    if is_office(user):
        return people
    unit_id = getattr(user, "unit_id", None)
    return people.filter(pk__in=Membership.objects.filter(unit_id=unit_id).values("person_id"))


def person_matches(user, text):
    """The first PERSON_MATCHES people the user may pick whose name contains `text` (no accents
    needed): what the person type-ahead offers, as {id, name, code} (code: the birth date)."""
    key = search_key(text or "")
    if not key:
        return []
    people = searchable_people(user).filter(name_key__contains=key)
    return [
        {"id": person.pk, "name": person.full_name, "code": born(person)}
        for person in people.order_by("name_key", "date_of_birth", "pk")[:PERSON_MATCHES]
    ]


def born(person):
    return person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else ""


def person_with_records(pk):
    """One person (kept or merged) with their unit periods and ratings, for the merge page; the
    records other apps keep about them are read through `records_of`."""
    memberships = Prefetch("memberships", Membership.objects.select_related("unit"))
    return (
        Person.objects.select_related("merged_into")
        .prefetch_related(memberships, "ratings")
        .filter(pk=pk)
        .first()
    )


def records_of(person):
    """What points at `person` across the apps, by kind: [(label, [str(row), ...])]. Read
    through the model's relations, so the register needs to know no app above it (the merge
    moves the same relations: services.merge_people)."""
    found = []
    for relation in Person._meta.related_objects:
        if relation.related_model is Person:
            continue
        model, name = relation.related_model, relation.field.name
        # Each row names what it points to (str): joined here, one query per kind of record.
        joined = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        rows = [str(row) for row in model.objects.filter(**{name: person}).select_related(*joined)]
        if rows:
            found.append((model._meta.verbose_name_plural, rows))
    return found

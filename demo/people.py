"""The demo's person register: the people of the demo dossiers and history, their units by
period, their annual ratings and Lao động tiên tiến years, so eligibility has data to read."""

import datetime

from django.db import transaction

from awards.enums import NomineeKind
from awards.models import AwardRecord, AwardType, Dossier
from people.models import Membership
from people.services import person_for, rate
from units.models import Unit

YEAR = 2013
RATED_YEARS = range(YEAR - 3, YEAR + 1)


@transaction.atomic
def create_demo_people():
    """Register each person of the demo's dossiers and award history (running it twice
    changes nothing): ratings for 2010-2013 and a Lao động tiên tiến record each year."""
    ldtt = AwardType.objects.get(code="lao-dong-tien-tien")
    dossiers = Dossier.objects.filter(nominee_kind=NomineeKind.INDIVIDUAL, year=YEAR)
    for dossier in dossiers.select_related("unit"):
        person = dossier.person or person_for(
            dossier.full_name, dossier.date_of_birth, sex=dossier.sex
        )
        if dossier.person_id is None:
            Dossier.objects.filter(pk=dossier.pk).update(person=person)
        _settle(person, dossier.unit, ldtt, dossier.workplace)
    # The lookup's teacher moved from a district to the department in 2011.
    teacher = person_for("Nguyễn Văn An", datetime.date(1972, 3, 8), sex="male")
    if not teacher.memberships.exists():
        Membership.objects.create(
            person=teacher, unit=Unit.objects.get(code="h-cao-loc"), start_year=2005, end_year=2010
        )
    _settle(teacher, Unit.objects.get(code="so-gd-dt"), ldtt, "Trường THPT Việt Bắc", since=2011)


def _settle(person, unit, ldtt, workplace, since=RATED_YEARS.start):
    if not person.memberships.filter(unit=unit).exists():
        Membership.objects.create(person=person, unit=unit, start_year=since)
    AwardRecord.objects.filter(
        person__isnull=True, name_key=person.name_key, date_of_birth=person.date_of_birth
    ).update(person=person)
    for year in RATED_YEARS:
        if not person.ratings.filter(year=year).exists():
            rate(person, year, "excellent" if year == YEAR else "good", unit=unit)
        AwardRecord.objects.get_or_create(
            person=person,
            award_type=ldtt,
            year=year,
            defaults={
                "name": person.full_name,
                "date_of_birth": person.date_of_birth,
                "unit": unit,
                "workplace": workplace,
                "decision_number": f"{year - 2000}/QĐ-LĐTT",
                "decision_date": datetime.date(year, 12, 25),
            },
        )

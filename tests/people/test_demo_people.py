"""The demo's people have units by period, ratings and award history eligibility reads."""

import datetime

import pytest

from awards import eligibility
from awards.models import AwardType, Dossier
from demo.awards import create_demo_dossiers
from demo.people import create_demo_people
from people.models import Person
from people.services import find_person

pytestmark = pytest.mark.django_db


def test_demo_people_have_history_and_ratings_and_load_once():
    create_demo_dossiers()
    create_demo_people()
    count = Person.objects.count()
    create_demo_people()
    assert Person.objects.count() == count
    individuals = Dossier.objects.filter(nominee_kind="individual")
    assert not individuals.filter(person__isnull=True).exists()

    teacher = find_person("Nguyễn Văn An", datetime.date(1972, 3, 8))
    assert teacher.unit_in(2009).code == "h-cao-loc"
    assert teacher.unit_in(2013).code == "so-gd-dt"
    assert set(teacher.ratings.values_list("year", flat=True)) == {2010, 2011, 2012, 2013}
    assert {r.award_type.code for r in teacher.award_records.all()} >= {
        "cstd-co-so",
        "lao-dong-tien-tien",
    }
    # Three Chiến sĩ thi đua cơ sở in a row (2010-2012) for a 2013 cấp tỉnh: only the
    # provincial initiative is missing.
    _rs, problems = eligibility.person_problems(
        "Nguyễn Văn An", datetime.date(1972, 3, 8), AwardType.objects.get(code="cstd-tinh"), 2013
    )
    assert [p.article for p in problems] == ["Điều 22"]
    assert "sáng kiến" in problems[0].message

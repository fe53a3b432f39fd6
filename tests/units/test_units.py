import pytest

from tests.plan.plan_text import SPELLINGS
from units.enums import UnitKind
from units.models import Unit
from units.selectors import find_unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("canonical", "spelling"),
    [(canonical, spelling) for canonical, spellings in SPELLINGS.items() for spelling in spellings],
)
def test_every_spelling_of_the_alias_table_resolves_to_its_one_unit(canonical, spelling):
    assert find_unit(spelling) == Unit.objects.get(name=canonical)


@pytest.mark.parametrize(
    "written",
    [
        "- Ban TĐKT, Sở Nội vụ.",
        "Sở\u00a0 Nội vụ, Ban TĐKT;",
        "  ban tđkt sở nội vụ ",
        "Ban TĐKT, Sở Nội vụ",
    ],
)
def test_spelling_tolerates_case_spaces_and_list_punctuation(written):
    unit = find_unit(written.removeprefix("- "))
    assert unit.name == "Ban Thi đua - Khen thưởng, Sở Nội vụ"


def test_unknown_name_resolves_to_nothing():
    assert find_unit("Sở XYZ") is None


def test_demo_units_cover_the_province():
    assert 45 <= Unit.objects.count() <= 60
    districts = Unit.objects.filter(kind=UnitKind.DISTRICT)
    assert districts.count() == 11
    assert districts.filter(name__icontains="thành phố Lạng Sơn").exists()
    assert Unit.objects.filter(kind=UnitKind.DEPARTMENT).count() >= 15
    assert Unit.objects.filter(kind=UnitKind.MASS_ORGANISATION).count() >= 5
    office = Unit.objects.get(short_name="Ban TĐKT")
    assert office.parent.name == "Sở Nội vụ"
    # The bodies that run the plan are not among "Các đơn vị" that carry it out.
    assert not Unit.objects.get(name="Ủy ban nhân dân tỉnh").is_participating
    assert not office.is_participating

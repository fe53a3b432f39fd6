"""One rule per kind of object: "may this user see this one?" and "which may they see?" agree.

For every kind a user may see (units, parts, progress reports, submissions, dossiers,
documents, initiatives, award history), every role, and one object of unit A and one of
unit B, the yes/no predicate the pages ask and the queryset the lists, exports and 404s
use give the same answer, and that answer is the one written in EXPECTED. Besides the roles
of the access matrix: a signed-in account with no role and no unit ("nobody"), and a council
member who is also unit A's officer ("council_officer"): each role a user holds adds its share.
"""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Q

from awards import rules as award_rules
from awards import selectors as awards
from awards.models import AwardRecord
from core.visibility import EVERYTHING, NOTHING, any_of, matches
from plan import rules as plan_rules
from plan import selectors as plan
from units import rules as unit_rules
from units import selectors as unit_selectors
from units.enums import Role
from units.models import User

pytestmark = pytest.mark.django_db

NAME = "Hoàng Thị Khen"


def _records_named(user):
    return awards.look_up_awards(user, NAME)


# kind -> (predicate the pages ask, queryset the pages list, the UnitObjects field to try)
KINDS = {
    "unit": (unit_rules.can_see_unit, unit_selectors.visible_units, "unit"),
    "part": (plan_rules.can_view_part, plan.visible_parts, "part"),
    "report": (plan_rules.report_visibility.allows, plan.visible_reports, "report"),
    "submission": (plan_rules.can_view_submission, plan.visible_submissions, "submission"),
    "draft dossier": (award_rules.can_view_dossier, awards.visible_dossiers, "dossier"),
    "dossier before the council": (
        award_rules.can_view_dossier,
        awards.visible_dossiers,
        "council_dossier",
    ),
    "document": (award_rules.can_view_document, awards.visible_documents, "document"),
    "initiative": (award_rules.can_view_initiative, awards.visible_initiatives, "initiative"),
    "award record": (award_rules.can_view_award_record, _records_named, "record"),
}

BOTH, ONLY_A, ONLY_B, NONE = {"A", "B"}, {"A"}, {"B"}, set()
# Units and what belongs to them: whoever follows every unit sees both; an officer their own.
UNIT_OWNED = {
    "officer": ONLY_A,
    "officer2": ONLY_B,
    "staff": BOTH,
    "council": BOTH,
    "leader": BOTH,
    "admin": BOTH,
    "nobody": NONE,
    "council_officer": BOTH,
}
# A draft is the unit's and the office's; the council sees it once put before the council.
DRAFT = {**UNIT_OWNED, "council": NONE, "council_officer": ONLY_A}
EXPECTED = {
    "unit": UNIT_OWNED,
    "part": UNIT_OWNED,
    "report": UNIT_OWNED,
    "submission": UNIT_OWNED,
    "initiative": UNIT_OWNED,
    "draft dossier": DRAFT,
    "document": DRAFT,
    "dossier before the council": {**UNIT_OWNED, "council_officer": BOTH},
    # The award history: an officer sees their own unit's people in full, no one else's.
    "award record": UNIT_OWNED,
}


@pytest.fixture
def users(officer, officer2, staff, council, leader, admin_user):
    nobody = User.objects.create_user("nobody", password="x")
    both = User.objects.create_user("council_officer", password="x", unit=officer.unit)
    for role in (Role.COUNCIL_MEMBER, Role.UNIT_OFFICER):
        both.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return {
        "officer": officer,
        "officer2": officer2,
        "staff": staff,
        "council": council,
        "leader": leader,
        "admin": admin_user,
        "nobody": nobody,
        "council_officer": User.objects.get(pk=both.pk),
    }


@pytest.fixture
def objects(unit_a, unit_b):
    for objects in (unit_a, unit_b):
        objects.record = AwardRecord.objects.create(
            name=NAME, year=2012, award_type=objects.dossier.award_type, unit=objects.unit
        )
    return {"A": unit_a, "B": unit_b}


@pytest.mark.parametrize("kind", KINDS)
def test_the_predicate_and_the_queryset_of_each_kind_agree_for_every_role(kind, users, objects):
    predicate, visible, field = KINDS[kind]
    wrong = []
    for role, user in users.items():
        listed = set(visible(user).values_list("pk", flat=True))
        seen = set()
        for label, unit_objects in objects.items():
            obj = getattr(unit_objects, field)
            allowed = predicate(user, obj)
            if allowed != (obj.pk in listed):
                wrong.append(f"{kind} of {label} [{role}]: says {allowed}, lists {not allowed}")
            if allowed:
                seen.add(label)
        expected = EXPECTED[kind][role]
        if seen != expected:
            wrong.append(f"{kind} [{role}]: sees {sorted(seen)}, not {sorted(expected)}")
    assert not wrong, "\n".join(["", *wrong])


def test_the_predicate_asks_no_query_of_objects_already_read(
    users, objects, django_assert_num_queries
):
    # A list may ask the predicate for each row it shows: it reads the row, never the database.
    dossier, document = objects["A"].dossier, objects["A"].document
    document.dossier  # noqa: B018 (read once, as a page that lists a dossier's documents has)
    users["officer"].roles  # noqa: B018 (read once per request)
    # The officer's unit and those merged into it (units.lifecycle): also once per request.
    unit_rules.own_unit_ids(users["officer"])
    with django_assert_num_queries(0):
        assert award_rules.can_view_dossier(users["officer"], dossier)
        assert award_rules.can_view_document(users["officer"], document)
        assert plan_rules.can_view_part(users["officer"], objects["A"].part)


def test_any_of_keeps_everything_when_one_role_sees_everything():
    # Django reads Q() | Q(x) as Q(x): the union of "everything" and "some" must stay "everything".
    assert any_of((True, Q(unit_id=1)), (True, EVERYTHING)) == EVERYTHING
    assert any_of((False, EVERYTHING)) == NOTHING


def test_a_lookup_the_python_check_cannot_read_is_refused(objects):
    with pytest.raises(ValueError, match="exact and in"):
        matches(objects["A"].unit, Q(name__icontains="giáo"))


def test_pages_that_list_every_units_rows_open_only_to_who_may_see_those_rows(users, objects):
    # The inbox, the council list and the dashboard read their rows without the user's
    # filter: each page's rule must admit only users whose object rule covers those rows.
    for role, user in users.items():
        dossiers = set(awards.visible_dossiers(user).values_list("pk", flat=True))
        if award_rules.can_see_inbox(user):
            inbox = awards.inbox({}).values_list("pk", flat=True)
            assert set(inbox) <= dossiers, role
        if award_rules.can_see_council_list(user):
            council = awards.council_dossiers().values_list("pk", flat=True)
            assert set(council) <= dossiers, role
        if plan_rules.can_view_dashboard(user):
            assert plan_rules.part_visibility.q(user) == EVERYTHING, role

"""Fixtures of the council tests: the award fixtures, a council of five with accounts, and
dossiers before it."""

import datetime

import pytest
from django.contrib.auth.models import Group

from council import services
from tests.awards import conftest as award_fixtures
from units.enums import Role
from units.models import User

# The award tests' fixtures, used here by name.
awards_catalogue = award_fixtures.awards_catalogue
_catalogue_and_media = award_fixtures._catalogue_and_media
make_dossier = award_fixtures.make_dossier
dossier_in = award_fixtures.dossier_in

YEAR = 2013
DAY = datetime.date(2013, 12, 10)


@pytest.fixture
def members(staff, council):
    """Five members for 2013; the first is the demo council account."""
    group = Group.objects.get(name=Role.COUNCIL_MEMBER.value)
    users = [council]
    for number in range(2, 6):
        user = User.objects.create_user(
            f"hd{number}", password="x", last_name=f"Thành viên {number}"
        )
        user.groups.add(group)
        users.append(user)
    return [
        services.add_member(
            YEAR, staff, full_name=user.get_full_name() or user.username, user=user, order=index
        )
        for index, user in enumerate(users)
    ]


@pytest.fixture
def before_council(dossier_in):
    """n provincial dossiers before the council (Bằng khen tỉnh, and a collective)."""

    def make(n, award_code="bang-khen-tinh"):
        return [dossier_in("before_council", award_code) for _ in range(n)]

    return make


@pytest.fixture
def session(staff, members, before_council):
    """A session on three dossiers with every member present."""
    dossiers = before_council(3)
    session = services.open_session(YEAR, staff, date=DAY, dossiers=dossiers)
    services.set_attendance(session, staff, members)
    return session


def vote_all(session, users, choice_of):
    """Each user votes on every item: choice_of(user_index, item_index) -> "for"/"against"."""
    items = list(session.items.order_by("order"))
    for u, user in enumerate(users):
        services.cast_votes(
            session, user, {item.pk: choice_of(u, i) for i, item in enumerate(items)}
        )
    return items

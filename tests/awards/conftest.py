"""Fixtures of the award tests: the catalogue (once per test database), and dossiers put in
any state through the same services and routes the demo uses."""

import datetime
import itertools

import pytest

from awards.catalogue import load_catalogue
from awards.enums import DossierState
from demo import awards as demo

_names = itertools.count(1)


@pytest.fixture(scope="session")
def awards_catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_catalogue()


@pytest.fixture(autouse=True)
def _catalogue_and_media(awards_catalogue, settings, tmp_path):
    # Uploaded test files go to a throwaway folder, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


def unique_name():
    return f"Nguyễn Văn Thử {next(_names)}"


@pytest.fixture
def make_dossier(officer):
    """A draft with its required documents (by default the officer's, for Bằng khen tỉnh)."""

    def make(award_code="bang-khen-tinh", by=None, **fields):
        fields.setdefault("name", unique_name())
        return demo.new_dossier(by or officer, award_code, **fields)

    return make


@pytest.fixture
def dossier_in(make_dossier, officer, staff, council):
    """A dossier moved, by the right people, to the given state (a state-level award, so
    every move of the table exists for it)."""

    def make(state, award_code="bang-khen-ttg", by=None, **fields):
        dossier = make_dossier(award_code, by=by, **fields)
        route = demo.RESUBMITTED if state == "resubmitted" else DossierState(state)
        return demo.advance(dossier, route, officer=by or officer, staff=staff, council=council)

    return make


# Everything any move may ask for, so a refusal can only come from the state or the role.
EVERYTHING = {
    "comment": "Ý kiến kiểm thử",
    "decision_number": "15/QĐ-UBND",
    "decision_date": datetime.date(2013, 5, 6),
    "central_decision_number": "1234/QĐ-TTg",
    "central_decision_date": datetime.date(2013, 10, 8),
    "recommendation": "approve",
}

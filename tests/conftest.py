"""Shared fixtures: the demo data loaded once per test database, and one user per role.

As in healthchecks' `hc/test.py`, every role the product knows has a ready user:
an officer of unit A (`officer`, Sở Giáo dục và Đào tạo), an officer of unit B
(`officer2`, UBND huyện Cao Lộc), office staff, a council member, a leader and the admin.
"""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import translation

from awards.catalogue import load_catalogue
from demo.accounts import DEMO_PASSWORD, create_demo_accounts
from demo.plan import create_demo_year
from plan.models import Plan, Submission
from plan.rollover import publish_plan, roll_over_plan, update_draft_header
from units.models import User


def load_demo_data():
    """The data `make run` loads (the demo units, the 2013 plan and its year, the demo
    accounts, the award catalogue), less the demo dossiers, which award tests make as needed."""
    call_command("loaddata", "units", verbosity=0)
    call_command("load_plan", verbosity=0, stdout=io.StringIO())
    create_demo_accounts()
    create_demo_year(Plan.objects.get(year=2013))
    load_catalogue()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo_data()


@pytest.fixture
def demo_data_restored_afterwards(django_db_blocker):
    """For transactional tests: request it before `transactional_db`, so it runs after the
    flush that ends such a test, and later tests find the demo data the session loaded."""
    yield
    with django_db_blocker.unblock():
        load_demo_data()


@pytest.fixture
def password():
    return DEMO_PASSWORD


def _user(username):
    return User.objects.get(username=username)


@pytest.fixture
def admin_user(db):
    return _user("admin")


@pytest.fixture
def staff(db):
    return _user("staff")


@pytest.fixture
def officer(db):
    return _user("officer")


@pytest.fixture
def officer2(db):
    return _user("officer2")


@pytest.fixture
def council(db):
    return _user("council")


@pytest.fixture
def leader(db):
    return _user("leader")


@pytest.fixture
def plan_2013(db):
    return Plan.objects.get(year=2013)


def sent_document(requirement, unit, by, when):
    """A document `unit` sent for `requirement` at `when`, written straight to the table (a
    past moment the upload form cannot give): the standing and count tests set up with it."""
    return Submission.objects.create(
        requirement=requirement,
        unit=unit,
        file=ContentFile(b"%PDF-1.4\n", name="a.pdf"),
        original_name="a.pdf",
        submitted_by=by,
        submitted_at=when,
    )


def publish_2014(staff):
    """The 2014 plan as the office makes it: rolled over from 2013, its header filled in,
    published (parts for every unit, as in 2013). The tests of a second year start here."""
    draft = roll_over_plan(2013, 2014, by=staff).plan
    update_draft_header(
        draft,
        staff,
        number="05/KH-UBND",
        issued_on=datetime.date(2014, 1, 20),
        unit_plans_due_on=datetime.date(2014, 3, 1),
    )
    return publish_plan(draft, staff)


@pytest.fixture
def unit_with_address(officer):
    """The officer's unit, with an e-mail address for notices to reach."""
    officer.unit.email = "sogddt@langson.gov.vn"
    officer.unit.save()
    return officer.unit


@pytest.fixture(autouse=True)
def vietnamese_outside_requests():
    """Every test starts in Vietnamese. A request the test client makes in English (the
    language switch) leaves English active in the thread after it (LocaleMiddleware
    activates a language per request and never resets it), and a later test's messages,
    made outside a request, would come out in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)

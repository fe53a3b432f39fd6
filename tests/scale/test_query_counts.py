"""The main pages cost the same number of queries whatever the size of the data.

Each size is generated with seed_scale's own code on top of the demo data, inside a
savepoint rolled back afterwards, so the two sizes see the same demo rows and the test
database is left as it was.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from awards.models import Dossier
from plan.enums import RequirementKind
from plan.models import Plan, Requirement, TaskPart
from plan.rollover import roll_over_plan
from units.models import Unit, User

SMALL = {"units": 8, "years": 1, "dossiers": 80}
LARGE = {key: value * 10 if key != "years" else value for key, value in SMALL.items()}


def seed(size):
    call_command("seed_scale", seed=7, stdout=io.StringIO(), **size)


class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def page_urls():
    plan = Plan.objects.published().order_by("-year").first()
    requirement = Requirement.objects.get(plan=plan, kind=RequirementKind.UNIT_PLAN)
    day = f"ngay=30/09/{plan.year}"
    return {
        "plan page": f"/ke-hoach/?{day}",
        "overview": f"/tong-quan/?{day}",
        "review queue": "/van-ban/cho-xem-xet/",
        "dashboard": f"/bang-dieu-khien/?{day}",
        "task page": f"/ke-hoach/{plan.year}/nhiem-vu/3/?{day}",
        "parts list": f"/phan-viec/?{day}",
        "unit list": "/don-vi/",
        "unit page": f"/don-vi/so-gd-dt/?{day}",
        "requirement page": f"/yeu-cau/{requirement.pk}/?{day}",
        "dossier inbox": "/ho-so/tiep-nhan/",
        "council list": "/ho-so/hoi-dong/",
        # A name found at both sizes: a page with no rows reads no rows (one query fewer).
        "history lookup": "/ho-so/tra-cuu/?q=nguyen",
        "unit search": "/tim-don-vi/?q=thu+nghiem",
        "inbox by unit typed": "/ho-so/tiep-nhan/?unit_ten=dv-00001",
        "parts list by unit": f"/phan-viec/?don_vi=dv-00001&{day}",
        # The pages of the emulation work, the council, the roll-over, reminders and search
        # (seed_scale makes the year's clusters of 25 units, so the groupings grow too).
        "groupings": f"/thi-dua/{plan.year}/",
        "section II": f"/thi-dua/{plan.year}/muc-ii/?{day}",
        "section II units": f"/thi-dua/{plan.year}/muc-ii/registered/?{day}",
        "council sessions": "/hoi-dong-tdkt/",
        "document templates": "/hoi-dong-tdkt/mau-van-ban/",
        "council members": "/hoi-dong-tdkt/thanh-vien/",
        "reminders": "/don-doc/",
        "global search": "/tim-kiem/?q=nguyen",
        "roll-over draft": f"/du-thao/{plan.year + 1}/",
        "plan status xlsx": f"/bang-dieu-khien/xuat/?{day}",
        "parts list xlsx": f"/phan-viec/?xuat=xlsx&{day}",
    }


def query_counts(client):
    counts = {}
    client.get("/")  # warm the caches (content types, session) so both sizes start equal
    for name, url in page_urls().items():
        counter = Counter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = counter.count
    return counts


def counts_at(size, client):
    """Query counts of every page with `size` generated on top of the demo, rolled back."""
    with transaction.atomic():
        seed(size)
        newest = Plan.objects.published().order_by("-year").first().year
        roll_over_plan(newest, newest + 1, User.objects.get(username="staff"))
        sizes = (Unit.objects.count(), TaskPart.objects.count(), Dossier.objects.count())
        counts = query_counts(client)
        transaction.set_rollback(True)
    return counts, sizes


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_main_pages_cost_the_same_queries_at_ten_times_the_data(staff_client):
    small, small_sizes = counts_at(SMALL, staff_client)
    large, large_sizes = counts_at(LARGE, staff_client)
    # The data really grew: ten times the generated units and dossiers.
    assert large_sizes[0] - small_sizes[0] == 9 * SMALL["units"]
    assert large_sizes[2] - small_sizes[2] == 9 * SMALL["dossiers"]
    assert large_sizes[1] > small_sizes[1]
    assert large == small


def test_the_same_seed_generates_the_same_data(db):
    def generated():
        with transaction.atomic():
            seed(SMALL)
            rows = list(
                Dossier.objects.filter(year=2014)
                .order_by("reference")
                .values_list("reference", "full_name", "collective_name", "state", "unit__code")
            )
            transaction.set_rollback(True)
        return rows

    first = generated()
    assert len(first) == SMALL["dossiers"]
    assert generated() == first


def test_generated_parts_keep_their_latest_report_copy(db):
    """seed_scale writes reports in bulk; the copy on each part must match the history."""
    import datetime

    from plan.status import today
    from tests.plan.test_latest_report_copy import states_as_computed, states_from_history_only

    with transaction.atomic():
        seed(SMALL)
        parts = TaskPart.objects.filter(task__plan__year=2014)
        assert parts.filter(latest_reported_at__isnull=False).exists()
        for as_of in (datetime.date(2014, 6, 30), datetime.date(2014, 12, 31), today()):
            assert states_as_computed(parts, as_of) == states_from_history_only(parts, as_of)
        transaction.set_rollback(True)


def test_the_latest_generated_year_has_documents_waiting_for_the_office(staff_client):
    """The review queue is measured at scale with a page of rows, as at demo size; the older
    generated years' documents have all been reviewed."""
    from plan.selectors import awaiting_review

    with transaction.atomic():
        seed({"units": 8, "years": 2, "dossiers": 0})
        older, latest = Plan.objects.filter(year__in=(2014, 2015)).order_by("year")
        waiting = awaiting_review(latest)
        assert waiting.exists()
        assert not awaiting_review(older).exists()
        page = staff_client.get("/van-ban/cho-xem-xet/")
        assert waiting.first().unit.name in page.content.decode()
        transaction.set_rollback(True)


def test_generated_groupings_have_their_pact_sheet_and_scores(db):
    """The groupings, section II and the dashboard at scale read scores as at demo size."""
    from emulation.models import PactSignature, Score
    from units.models import Cluster

    with transaction.atomic():
        seed(SMALL)
        clusters = Cluster.objects.filter(year=2014)
        assert clusters.exists()
        for cluster in clusters:
            criteria = cluster.score_sheet.criteria.count()
            members = cluster.members.count()
            assert criteria > 0
            assert Score.objects.filter(criterion__sheet__cluster=cluster).count() == (
                criteria * members
            )
        assert Score.objects.filter(
            criterion__sheet__cluster__year=2014, checked_score__isnull=False
        ).exists()
        assert PactSignature.objects.filter(cluster__year=2014).exists()
        transaction.set_rollback(True)

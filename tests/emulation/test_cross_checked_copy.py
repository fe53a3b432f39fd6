"""The stored copy of when a member was fully cross-checked (CrossCheckedMember) follows
every path that writes a check, and the migration that made it filled it as the code does."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from emulation import selectors
from emulation.copies import refresh_cross_checked
from emulation.models import CrossCheckedMember, Score

from .conftest import YEAR, score_all, unit

pytestmark = pytest.mark.django_db


def copy_of(block, code):
    return CrossCheckedMember.objects.get(cluster=block, unit=unit(code)).checked_at


def test_a_check_through_the_pages_moves_the_copy(block, staff):
    score_all(block, "so-gd-dt", staff, [40, 60])
    assert not CrossCheckedMember.objects.filter(cluster=block, checked_at__isnull=False).exists()
    at = timezone.make_aware(datetime.datetime(YEAR, 12, 20, 9))
    score_all(block, "so-y-te", staff, [40, 60], check=[40, 60], checker=staff, at=at)
    assert copy_of(block, "so-y-te") == at
    assert selectors.membership_counts(YEAR, datetime.date(YEAR, 12, 20))["cross_checked"] == 1
    assert selectors.membership_counts(YEAR, datetime.date(YEAR, 12, 19))["cross_checked"] == 0


def test_a_check_time_corrected_in_admin_moves_the_copy(block, staff, admin_client):
    at = timezone.make_aware(datetime.datetime(YEAR, 12, 20, 9))
    score_all(block, "so-y-te", staff, [40, 60], check=[40, 60], checker=staff, at=at)
    score = Score.objects.filter(unit=unit("so-y-te")).order_by("criterion__position").last()
    page = admin_client.get(f"/admin/emulation/score/{score.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"checked_at_0": "05/01/" + str(YEAR + 1), "checked_at_1": "08:00:00"})
    response = admin_client.post(f"/admin/emulation/score/{score.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert copy_of(block, "so-y-te").date() == datetime.date(YEAR + 1, 1, 5)
    assert selectors.membership_counts(YEAR, datetime.date(YEAR, 12, 31))["cross_checked"] == 0


def test_the_migration_filled_the_copy_as_the_code_keeps_it(staff):
    from demo.emulation import create_demo_emulation

    create_demo_emulation(YEAR)
    kept = set(CrossCheckedMember.objects.values_list("cluster", "unit", "checked_at"))
    assert any(at is not None for _c, _u, at in kept) and any(at is None for _c, _u, at in kept)
    CrossCheckedMember.objects.all().delete()
    migration = importlib.import_module("emulation.migrations.0002_cross_checked_member")
    migration.fill_the_copy(apps, None)
    assert set(CrossCheckedMember.objects.values_list("cluster", "unit", "checked_at")) == kept
    # And refreshing every grouping changes nothing.
    refresh_cross_checked(list(CrossCheckedMember.objects.values_list("cluster", flat=True)))
    assert set(CrossCheckedMember.objects.values_list("cluster", "unit", "checked_at")) == kept

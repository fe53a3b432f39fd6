"""A small grouping of the demo year, built through the services as the office would."""

import datetime
from decimal import Decimal

import pytest

from emulation import services
from emulation.models import ScoreSheetTemplate, TemplateCriterion
from units.models import Cluster, Unit

YEAR = 2013


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def template(db):
    template = ScoreSheetTemplate.objects.create(name="Mẫu thử")
    for position, points in enumerate([40, 60], start=1):
        TemplateCriterion.objects.create(
            template=template,
            group="I",
            position=position,
            text=f"Tiêu chí {position}",
            max_points=Decimal(points),
        )
    return template


def unit(code):
    return Unit.objects.get(code=code)


@pytest.fixture
def block(staff, template):
    """A block of four units led by Sở Giáo dục và Đào tạo (the demo officer's unit)."""
    Cluster.objects.filter(year=YEAR).delete()
    cluster = services.announce_grouping(
        year=YEAR,
        kind=Cluster.Kind.BLOCK,
        name="Khối thử",
        leader=unit("so-gd-dt"),
        members=[unit(c) for c in ("so-gd-dt", "so-y-te", "so-tu-phap", "h-cao-loc")],
        by=staff,
    )
    services.copy_score_sheet(cluster, template, staff)
    return cluster


def score_all(cluster, code, by, points, *, check=None, checker=None, at=None):
    """Self-score every criterion of a member; with `check`, the leading unit checks each."""
    member = unit(code)
    for criterion, value in zip(
        cluster.score_sheet.criteria.order_by("position"), points, strict=True
    ):
        score = services.score_criterion(criterion, member, by, points=Decimal(value))
        if check is not None:
            services.cross_check(
                score, checker, points=Decimal(check.pop(0)), checked_at=at or _noon(YEAR, 12, 20)
            )


def _noon(*day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(*day, 12))

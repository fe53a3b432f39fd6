import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Quarter(models.IntegerChoices):
    Q1 = 1, _("QUÝ I")
    Q2 = 2, _("QUÝ II")
    Q3 = 3, _("QUÝ III")
    Q4 = 4, _("QUÝ IV")


def quarter_end(year, quarter):
    """The last day of a quarter: a task is due then unless staff set another date."""
    return {
        1: datetime.date(year, 3, 31),
        2: datetime.date(year, 6, 30),
        3: datetime.date(year, 9, 30),
        4: datetime.date(year, 12, 31),
    }[quarter]


class Collective(models.TextChoices):
    """The plan's phrases that stand for a group of units rather than one named unit."""

    ALL_UNITS = "all_units", "Các đơn vị"
    RELATED_UNITS = "related_units", "Các đơn vị liên quan"
    RELATED_SECTORS = "related_sectors", "Các ngành liên quan"

"""Kinds of the person register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """Xếp loại hằng năm (annual rating), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


RATING_ORDER = [Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.FAILED]


def rating_at_least(rating, needed):
    return RATING_ORDER.index(rating) <= RATING_ORDER.index(needed)

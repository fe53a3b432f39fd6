"""Kinds and targets of the year's emulation work (section II of the plan)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Section II of plan 12/KH-UBND (fixtures/ke-hoach-tdkt-2013-lang-son.txt): each level
# inspects at least 30 % of the units under it, each cluster cross-checks the year-end
# scores of 100 % of its units, each unit builds at least 2 exemplars.
INSPECTION_TARGET_PERCENT = Decimal(30)
CROSS_CHECK_TARGET_PERCENT = Decimal(100)
EXEMPLARS_PER_UNIT = 2
# Registration and the pact have no number in section II: every unit is expected to do both.
REGISTRATION_TARGET_PERCENT = Decimal(100)
PACT_TARGET_PERCENT = Decimal(100)


class CollectiveTitle(models.TextChoices):
    """What a unit as a collective aims at when it registers (đăng ký thi đua)."""

    LABOUR_ADVANCED = "tap-the-ldtt", _("Tập thể lao động tiên tiến")
    LABOUR_EXCELLENT = "tap-the-ldxs", _("Tập thể lao động xuất sắc")
    PROVINCE_FLAG = "co-thi-dua-tinh", _("Cờ thi đua của UBND tỉnh")
    GOVERNMENT_FLAG = "co-thi-dua-chinh-phu", _("Cờ thi đua của Chính phủ")


class SpreadMethod(models.TextChoices):
    """How an exemplar was made known (nhân rộng điển hình)."""

    MEDIA = "media", _("Báo chí, truyền thông")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    MEETING = "meeting", _("Sinh hoạt cơ quan, đơn vị")
    OTHER = "other", _("Hình thức khác")


class NomineeKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")

"""The urging messages (đôn đốc) sent to units, kept on record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class Reminder(models.Model):
    """An urging message (đôn đốc) sent to a unit, kept so urging is itself on record."""

    # Not audited: a reminder is itself a record of something done, written once.

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reminders"
    )
    sent_on = models.DateField(_("ngày gửi"))
    as_of = models.DateField(_("tính đến ngày"))
    recipients = models.TextField(_("người nhận"))
    items = models.JSONField(_("nội dung đôn đốc"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("lần đôn đốc")
        ordering = ["-sent_on", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "sent_on"], name="one_reminder_per_unit_a_day")
        ]

    def __str__(self):
        return f"{self.unit} – {self.sent_on:%d/%m/%Y}"

"""Initiatives (sáng kiến) that some titles rest on once recognised."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory
from people.models import Person
from units.models import Unit

from ..enums import Scope


class Initiative(models.Model):
    """Sáng kiến: what a Chiến sĩ thi đua title rests on, once Hội đồng KHSK recognises it."""

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    authors = models.CharField(_("tác giả"), max_length=500)
    # The authors as people of the register: whose initiative it is, for the titles.
    author_people = models.ManyToManyField(
        Person, verbose_name=_("tác giả (trong sổ người)"), blank=True, related_name="initiatives"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognition_decision = models.CharField(_("quyết định công nhận"), max_length=100, blank=True)
    recognised_by = models.CharField(
        _("cơ quan công nhận"),
        max_length=255,
        blank=True,
        default="Hội đồng Khoa học sáng kiến tỉnh",
    )
    # The titles ask how far its effect reaches (Luật TĐKT điều 21-23): the province's
    # council recognises at provincial level, hence the default.
    scope = models.CharField(
        _("phạm vi ảnh hưởng được công nhận"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.PROVINCE,
    )

    history = AuditedHistory(m2m_fields=[author_people])

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def is_recognised(self):
        return self.recognised_on is not None

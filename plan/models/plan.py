"""The year's plan itself: the document's header, bases and closing sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory


class Plan(models.Model):
    """A year's emulation and commendation plan (kế hoạch công tác thi đua, khen thưởng)."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    title = models.CharField(_("trích yếu"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=100)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=100)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100)
    legal_bases = models.TextField(_("căn cứ ban hành"), help_text=_("Mỗi căn cứ một dòng."))
    preamble = models.TextField(_("lời dẫn"), blank=True)
    unit_plans_due_on = models.DateField(
        _("hạn gửi kế hoạch của các đơn vị"),
        help_text=_("Mục III.1: các đơn vị, cụm thi đua gửi kế hoạch về Sở Nội vụ trước ngày này."),
    )
    solutions_text = models.TextField(_("II. Giải pháp chủ yếu"), blank=True)
    organisation_text = models.TextField(_("III. Tổ chức thực hiện"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def legal_bases_list(self):
        return [line for line in self.legal_bases.splitlines() if line.strip()]

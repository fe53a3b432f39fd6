"""The year's plan itself: the document's header, bases and closing sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory

from ..enums import PlanStatus


class PlanQuerySet(models.QuerySet):
    def published(self):
        """The plans everyone reads; a draft is the office's until it is published."""
        return self.filter(status=PlanStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=PlanStatus.DRAFT)


class Plan(models.Model):
    """A year's emulation and commendation plan (kế hoạch công tác thi đua, khen thưởng)."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    # Plans loaded from their document are published; a roll-over makes a draft, which only
    # the office sees and which gets no parts until plan.rollover.publish_plan.
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PUBLISHED
    )
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    title = models.CharField(_("trích yếu"), max_length=255)
    # Empty only on a draft: the office fills it in before publishing.
    issued_on = models.DateField(_("ngày ban hành"), null=True)
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
    # What the roll-over that made this draft moved or kept in the text, for the office to
    # review: {"from_year": 2013, "changes": [...]}. Written once by plan.rollover; it is a
    # record of what was done, not derivable once the office edits the text.
    rollover_review = models.JSONField(
        _("thay đổi khi chuyển năm"), default=dict, blank=True, editable=False
    )

    objects = PlanQuerySet.as_manager()
    history = AuditedHistory()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.number} – {self.title}"

    @property
    def is_draft(self):
        return self.status == PlanStatus.DRAFT

    def legal_bases_list(self):
        return [line for line in self.legal_bases.splitlines() if line.strip()]

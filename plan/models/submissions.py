"""What units must send the office (requirements), what they sent and the office's answer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomUploadPath, validate_document
from core.history import AuditedHistory
from core.schoolyears import RunsBySchoolYear
from units.models import Unit

from ..enums import RequirementKind, ReviewDecision
from .plan import Plan
from .tasks import Task


class Requirement(RunsBySchoolYear):
    """Something units must send to the office by a date (their plan, a review...)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="requirements"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=RequirementKind.choices)
    title = models.CharField(_("tên"), max_length=255)
    due_on = models.DateField(_("hạn gửi"))
    task = models.ForeignKey(
        Task,
        verbose_name=_("phục vụ nhiệm vụ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirements",
    )
    description = models.TextField(_("mô tả"), blank=True)
    units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị phải gửi"), related_name="requirements"
    )

    history = AuditedHistory(m2m_fields=[units])

    class Meta:
        verbose_name = _("yêu cầu nộp")
        verbose_name_plural = _("yêu cầu nộp")
        ordering = ["plan", "due_on", "pk"]

    def __str__(self):
        return self.title


class Submission(models.Model):
    """A document a unit sent for a requirement. Sending again adds a row; none is replaced."""

    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("yêu cầu nộp"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="submissions"
    )
    file = models.FileField(
        _("tệp"), upload_to=RandomUploadPath("submissions"), validators=[validate_document]
    )
    original_name = models.CharField(_("tên tệp"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("văn bản đã gửi")
        verbose_name_plural = _("văn bản đã gửi")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["requirement", "unit", "submitted_at"])]

    def __str__(self):
        return f"{self.unit} – {self.requirement}"


class SubmissionReview(models.Model):
    """The office's answer to a submission: accepted, or returned with a reason."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(_("kết quả"), max_length=20, choices=ReviewDecision.choices)
    reason = models.TextField(_("lý do"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        on_delete=models.PROTECT,
        related_name="submission_reviews",
    )
    reviewed_at = models.DateTimeField(_("lúc"), default=timezone.now)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("kết quả xem xét")
        verbose_name_plural = _("kết quả xem xét")
        ordering = ["reviewed_at", "pk"]

    def __str__(self):
        return f"{self.submission}: {self.get_decision_display()}"

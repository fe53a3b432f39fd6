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
    # A stored copy: whether the office's queue holds this document (no review yet, and no
    # later document of the unit for the requirement replaced it), kept by
    # refresh_awaiting_review at every save of a document or a review. The queue and the
    # dashboard's counts of it read a partial index instead of working the queue out from
    # every document and review of the year (issue 19).
    awaiting_review = models.BooleanField(default=False, editable=False)

    history = AuditedHistory(excluded_fields=["awaiting_review"])

    class Meta:
        verbose_name = _("văn bản đã gửi")
        verbose_name_plural = _("văn bản đã gửi")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["requirement", "unit", "submitted_at"]),
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(awaiting_review=True),
                name="submission_awaiting_review",
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.requirement}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_awaiting_review(self.requirement_id, self.unit_id)


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        submission = Submission.objects.values("requirement_id", "unit_id").get(
            pk=self.submission_id
        )
        refresh_awaiting_review(submission["requirement_id"], submission["unit_id"])


def refresh_awaiting_review(requirement_id, unit_id):
    """Keep Submission.awaiting_review of one unit's documents for one requirement: only
    the latest may wait, and only while no review answers it. Called by every save of a
    document or a review, wherever it comes from (pages, demo, admin); bulk loads call
    it themselves (demo.scale_plan)."""
    documents = Submission.objects.filter(requirement_id=requirement_id, unit_id=unit_id)
    latest = documents.order_by("-submitted_at", "-pk").values_list("pk", flat=True).first()
    waiting = (
        latest is not None and not SubmissionReview.objects.filter(submission_id=latest).exists()
    )
    documents.exclude(pk=latest).filter(awaiting_review=True).update(awaiting_review=False)
    documents.filter(pk=latest).exclude(awaiting_review=waiting).update(awaiting_review=waiting)

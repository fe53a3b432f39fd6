"""The year's emulation work around the clusters and blocks (units.Cluster): registration,
the pact, the year-end score sheets and their cross-check, inspections, exemplars and
movements (tasks 1, 4-7, 15-17, 21, 24, 29, 31 and section II of the plan)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import RandomUploadPath, validate_document
from core.history import AuditedHistory
from plan.models import Submission, Task
from units.models import Cluster, Unit

from .enums import CollectiveTitle, NomineeKind, SpreadMethod


class Registration(models.Model):
    """A unit's emulation targets for the year (đăng ký thi đua). The signed form is a
    submission of the year's "Đăng ký thi đua" requirement, so the office follows it with
    the same standing and reminders as every other document."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    collective_title = models.CharField(
        _("danh hiệu tập thể đăng ký"), max_length=30, choices=CollectiveTitle.choices
    )
    people_advanced = models.PositiveIntegerField(_("số người đăng ký Lao động tiên tiến"))
    people_base_soldier = models.PositiveIntegerField(_("số người đăng ký Chiến sĩ thi đua cơ sở"))
    people_province_soldier = models.PositiveIntegerField(
        _("số người đăng ký Chiến sĩ thi đua cấp tỉnh"), default=0
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("văn bản đăng ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("thời điểm đăng ký"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đăng ký"), on_delete=models.PROTECT
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_registration_a_year")
        ]

    def __str__(self):
        return f"{self.unit} ({self.year})"


class PactSignature(models.Model):
    """A member's signature of its grouping's pact (giao ước thi đua)."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="pact"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    signed_on = models.DateField(_("ngày ký"))
    file = models.FileField(
        _("văn bản giao ước"),
        upload_to=RandomUploadPath("pacts"),
        validators=[validate_document],
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("chữ ký giao ước thi đua")
        verbose_name_plural = _("chữ ký giao ước thi đua")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="one_signature_a_member")
        ]

    def __str__(self):
        return f"{self.unit} – {self.cluster}"


class ScoreSheetTemplate(models.Model):
    """The office's model score sheet, copied into each grouping's sheet for a year."""

    name = models.CharField(_("tên"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("mẫu bảng chấm điểm")
        verbose_name_plural = _("mẫu bảng chấm điểm")

    def __str__(self):
        return self.name


class CriterionFields(models.Model):
    group = models.CharField(_("nhóm tiêu chí"), max_length=255)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.CharField(_("tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    evidence = models.CharField(_("minh chứng cần có"), max_length=255, blank=True)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self):
        return self.text


class TemplateCriterion(CriterionFields):
    template = models.ForeignKey(
        ScoreSheetTemplate, on_delete=models.CASCADE, related_name="criteria"
    )

    class Meta(CriterionFields.Meta):
        verbose_name = _("tiêu chí mẫu")
        verbose_name_plural = _("tiêu chí mẫu")


class ScoreSheet(models.Model):
    """A grouping's score sheet for its year (bảng chấm điểm)."""

    cluster = models.OneToOneField(
        Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="score_sheet"
    )
    template = models.ForeignKey(
        ScoreSheetTemplate, verbose_name=_("theo mẫu"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")

    def __str__(self):
        return str(self.cluster)


class Criterion(CriterionFields):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="criteria")

    class Meta(CriterionFields.Meta):
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")


class Score(models.Model):
    """A member's self-score on one criterion, and the leading unit's checked score."""

    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2)
    evidence = models.FileField(
        _("minh chứng"),
        upload_to=RandomUploadPath("scores"),
        validators=[validate_document],
        blank=True,
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_score = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    check_comment = models.TextField(_("nhận xét của cụm trưởng"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("điểm chấm")
        verbose_name_plural = _("điểm chấm")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit"], name="one_score_a_criterion")
        ]

    def __str__(self):
        return f"{self.unit} – {self.criterion}"


class CrossCheckedMember(models.Model):
    """A stored copy: when the leading unit had checked the last of a member's criteria
    (`checked_at`; None while some criterion is unchecked), kept by
    emulation.copies.refresh_cross_checked after every check.

    The dashboard, section II and the year's groupings count members cross-checked by a
    date; counted from the scores, that read every score of the year (24 ms at 2,000 units,
    issue 19); from this copy it reads one row a member."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="one_cross_check_a_member")
        ]
        indexes = [models.Index(fields=["cluster", "checked_at"], name="cross_checked_by_time")]

    def __str__(self):
        return f"{self.unit_id} – {self.cluster_id}: {self.checked_at}"


class InspectionPlan(models.Model):
    """One level's inspections of the year: the province's (no inspecting unit) or a unit's
    over the units under it (tasks 21, 24, 31)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    inspector = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị kiểm tra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Để trống: kế hoạch kiểm tra của tỉnh."),
        related_name="inspection_plans",
    )
    title = models.CharField(_("tên kế hoạch"), max_length=255)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "inspector"], name="one_inspection_plan_a_level"
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(inspector__isnull=True),
                name="one_province_inspection_plan",
            ),
        ]

    def __str__(self):
        return self.title


class Inspection(models.Model):
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="visits")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT)
    planned_on = models.DateField(_("ngày dự kiến"))
    done_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    findings = models.TextField(_("kết quả, kiến nghị"), blank=True)
    report = models.FileField(
        _("báo cáo kiểm tra"),
        upload_to=RandomUploadPath("inspections"),
        validators=[validate_document],
        blank=True,
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="one_inspection_a_unit")
        ]

    def __str__(self):
        return f"{self.unit} – {self.plan}"


class Exemplar(models.Model):
    """An exemplar a unit built and spread (điển hình tiên tiến, task 17)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="exemplars"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=NomineeKind.choices)
    field = models.CharField(_("lĩnh vực"), max_length=255)
    spread_by = models.CharField(
        _("hình thức nhân rộng"), max_length=12, choices=SpreadMethod.choices
    )
    spread_on = models.DateField(_("ngày nhân rộng"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")

    def __str__(self):
        return self.name


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) launched by a task of the plan."""

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên phong trào"), max_length=500)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ phát động"), on_delete=models.PROTECT, null=True, blank=True
    )
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị tham gia"), blank=True)

    history = AuditedHistory(m2m_fields=[units])

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "starts_on"]

    def __str__(self):
        return self.name

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit

from .enums import Collective, Quarter, quarter_end


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

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def legal_bases_list(self):
        return [line for line in self.legal_bases.splitlines() if line.strip()]


class Task(models.Model):
    """One numbered row of section I: what must be done, in which quarter, by whom."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=Quarter.choices)
    content = models.TextField(_("nội dung nhiệm vụ"))
    due_on = models.DateField(
        _("hạn riêng"),
        null=True,
        blank=True,
        help_text=_("Để trống: hạn là ngày cuối quý."),
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_content}"

    @property
    def short_content(self):
        first_line = self.content.splitlines()[0] if self.content else ""
        return first_line if len(first_line) <= 90 else first_line[:89] + "…"

    @property
    def due_date(self):
        """The set date, else the end of the task's quarter in the plan's year."""
        return self.due_on or quarter_end(self.plan.year, self.quarter)


class ResponsibleUnit(models.Model):
    """One entry of a task's "Đơn vị thực hiện": a named unit or a collective phrase."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="responsible"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibilities",
    )
    collective = models.CharField(
        _("nhóm đơn vị"), max_length=20, choices=Collective.choices, blank=True
    )
    written_as = models.CharField(
        _("cách ghi trong kế hoạch"),
        max_length=255,
        blank=True,
        help_text=_("Giữ nguyên cách viết của văn bản để hiển thị."),
    )

    class Meta:
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = _("đơn vị thực hiện")
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "position"], name="responsible_position_unique_in_task"
            ),
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(collective=""))
                | (Q(unit__isnull=True) & ~Q(collective="")),
                name="responsible_is_unit_xor_collective",
                violation_error_message=_(
                    "Chọn một đơn vị hoặc một nhóm đơn vị, không chọn cả hai."
                ),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """What the page shows: the plan's own words, else the unit's name or the phrase."""
        if self.written_as:
            return self.written_as
        if self.unit_id:
            return self.unit.name
        return self.get_collective_display()

    @property
    def canonical_name(self):
        """The unit's full name, or the collective phrase as written."""
        if self.unit_id:
            return self.unit.name
        return self.written_as or self.get_collective_display()

"""Section I of the plan: its tasks, who carries each out, each unit's part and its reports."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomUploadPath, validate_document
from core.history import AuditedHistory
from core.schoolyears import RunsBySchoolYear
from units.models import Unit

from ..enums import Collective, PartSource, PartState, Quarter, quarter_end
from .plan import Plan

TALLY_FIELDS = [
    "parts_open",
    "parts_done_on_time",
    "parts_done_late",
    "parts_cancelled",
    "parts_reported_until",
]


class TaskQuerySet(models.QuerySet):
    def refresh_tallies(self):
        """Count each task's parts again from the parts' copies of their latest report.

        One UPDATE for all the tasks. Called only by services.copies.refresh_stored_copies,
        which every service that adds reports or parts or moves a due date calls.
        """
        parts = TaskPart.objects.filter(task=OuterRef("pk")).order_by().values("task")

        def count(condition):
            counted = parts.filter(condition).annotate(n=Count("pk")).values("n")
            return Coalesce(Subquery(counted), 0)

        done = Q(latest_state=PartState.DONE)
        on_time = done & Q(latest_done_on__lte=OuterRef("due_date"))
        return self.update(
            parts_open=count(~Q(latest_state__in=[PartState.DONE, PartState.CANCELLED])),
            parts_done_on_time=count(on_time),
            parts_done_late=count(done & ~on_time),
            parts_cancelled=count(Q(latest_state=PartState.CANCELLED)),
            parts_reported_until=Subquery(
                parts.annotate(until=Max("latest_reported_at")).values("until")
            ),
        )


class Task(RunsBySchoolYear):
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
    # Stored so statuses of thousands of parts are computed in SQL; save() keeps it right.
    due_date = models.DateField(_("hạn"), editable=False)
    # The task's parts counted by their latest report, kept by services.copies (after every
    # report, new part and due date change), so a whole plan's picture as of
    # any date after `parts_reported_until` is read from 34 rows, not from every part.
    parts_open = models.PositiveIntegerField(_("phần việc chưa xong"), default=0, editable=False)
    parts_done_on_time = models.PositiveIntegerField(
        _("phần việc xong đúng hạn"), default=0, editable=False
    )
    parts_done_late = models.PositiveIntegerField(
        _("phần việc xong muộn"), default=0, editable=False
    )
    parts_cancelled = models.PositiveIntegerField(_("phần việc đã hủy"), default=0, editable=False)
    parts_reported_until = models.DateTimeField(
        _("báo cáo mới nhất của các phần việc"), null=True, blank=True, editable=False
    )

    objects = TaskQuerySet.as_manager()
    history = AuditedHistory(excluded_fields=TALLY_FIELDS)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_content}"

    def save(self, *args, **kwargs):
        self.fill_due_date()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "due_date"}
        super().save(*args, **kwargs)

    def fill_due_date(self):
        """The due date is the date staff set, else the end of the task's quarter (kept by
        save(); writes in bulk, which skip save(), call this)."""
        self.due_date = self.due_on or quarter_end(self.plan.year, self.quarter)

    @property
    def short_content(self):
        first_line = self.content.splitlines()[0] if self.content else ""
        return first_line if len(first_line) <= 90 else first_line[:89] + "…"

    @property
    def collectives_needing_units(self):
        """The phrases ("Các đơn vị liên quan"...) for which staff still have to name units.

        Uses the prefetched `responsible` rows and the `has_picked_parts` annotation
        (selectors.tasks_for_page) when present.
        """
        phrases = [
            row.written_as or row.get_collective_display()
            for row in self.responsible.all()
            if row.collective in (Collective.RELATED_UNITS, Collective.RELATED_SECTORS)
        ]
        if not phrases:
            return []
        picked = getattr(self, "has_picked_parts", None)
        if picked is None:
            picked = self.parts.filter(source=PartSource.PICKED).exists()
        return [] if picked else phrases


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

    history = AuditedHistory()

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


class TaskPart(models.Model):
    """One unit's share of a task: what the office follows against the task's due date."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="parts"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="task_parts"
    )
    source = models.CharField(_("lý do giao"), max_length=20, choices=PartSource.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # A copy of the latest report, written only by services.copies whenever a report is
    # added: the status as of today (and as of any date after the latest
    # report) then needs no look into the history, so a whole plan's status costs one pass
    # over its parts. As of an earlier date, the reports themselves decide (plan.status).
    latest_state = models.CharField(
        _("tình trạng mới nhất"),
        max_length=20,
        choices=PartState.choices,
        blank=True,
        editable=False,
    )
    latest_done_on = models.DateField(
        _("ngày hoàn thành mới nhất"), null=True, blank=True, editable=False
    )
    latest_reported_at = models.DateTimeField(
        _("thời điểm báo cáo mới nhất"), null=True, blank=True, editable=False
    )
    # When the first report came: as of a date before it the part had no report and is open,
    # so its status needs no look into the history either. Only parts reported on both
    # before and after a date are looked up (plan.status.with_status).
    first_reported_at = models.DateTimeField(
        _("thời điểm báo cáo đầu tiên"), null=True, blank=True, editable=False
    )

    # The reports are the part's history; a copy of the part at each report would add nothing.
    history = AuditedHistory(
        excluded_fields=[
            "latest_state",
            "latest_done_on",
            "latest_reported_at",
            "first_reported_at",
        ]
    )

    class Meta:
        verbose_name = _("phần việc của đơn vị")
        verbose_name_plural = _("phần việc của đơn vị")
        ordering = ["task", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="one_part_per_unit_and_task")
        ]
        indexes = [
            # The open parts of a plan's tasks (the dashboard's overdue list, a status filter)
            # are found without reading every plan's parts: done and cancelled ones, most of
            # them in past years, are left out of the index.
            models.Index(
                fields=["task"],
                condition=~Q(latest_state__in=[PartState.DONE, PartState.CANCELLED]),
                name="open_part_by_task",
            ),
            # ...and, ORed with it, the parts reported on after a past date.
            models.Index(fields=["latest_reported_at"], name="part_latest_reported_at"),
        ]

    def __str__(self):
        return f"{self.task.number}. {self.unit}"


class ProgressReport(models.Model):
    """A dated report on a part. Never changed: the part's history is the list of its reports."""

    # No AuditedHistory here: each row already is a history entry (who, when, from, to), only
    # ever added; a second copy of every row would record nothing new.

    part = models.ForeignKey(
        TaskPart, verbose_name=_("phần việc"), on_delete=models.PROTECT, related_name="reports"
    )
    state = models.CharField(_("tình trạng"), max_length=20, choices=PartState.choices)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    reported_at = models.DateTimeField(
        _("thời điểm báo cáo"),
        default=timezone.now,
        help_text=_("Tình trạng có hiệu lực từ thời điểm này."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    evidence = models.FileField(
        _("tệp minh chứng"),
        upload_to=RandomUploadPath("evidence"),
        validators=[validate_document],
        blank=True,
    )
    evidence_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    # Judged when written (services.progress.is_reported_late): done more than
    # settings.LATE_REPORT_DAYS days before it was reported. Such a report needs its evidence
    # and shows as reported late until the office confirms it (LateReportConfirmation).
    reported_late = models.BooleanField(_("báo cáo muộn"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["reported_at", "pk"]
        indexes = [
            models.Index(fields=["part", "reported_at"]),
            # What arrived since a date (core.arrivals: the office's page and the dashboard's
            # count of the last week) reads only the recent reports, not every year's.
            models.Index(fields=["reported_at"], name="progress_report_arrived"),
        ]

    def __str__(self):
        return f"{self.part}: {self.get_state_display()}"


class LateReportConfirmation(models.Model):
    """The office's word that a report made long after the work was done holds (it saw the
    evidence). A row of its own, so the report itself is never changed."""

    report = models.OneToOneField(
        ProgressReport,
        verbose_name=_("báo cáo"),
        on_delete=models.PROTECT,
        related_name="confirmation",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        on_delete=models.PROTECT,
        related_name="late_report_confirmations",
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), default=timezone.now)
    note = models.TextField(_("ghi chú"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("xác nhận báo cáo muộn")
        verbose_name_plural = _("xác nhận báo cáo muộn")
        ordering = ["confirmed_at", "pk"]

    def __str__(self):
        return f"{self.report}: {self.confirmed_at:%d/%m/%Y}"

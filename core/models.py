"""What core keeps in the database: the export jobs that run in the background, and what
has already been done once (core.once)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OnceToken(models.Model):
    """A key that may be used once: a form's one-time token (posted once), an import's
    confirmation. The unique key is what makes a concurrent second use fail."""

    key = models.CharField(_("khóa"), max_length=80, unique=True)
    # Where the first use sent the user (a form post that succeeded), for a repeat to follow.
    outcome = models.CharField(_("kết quả"), max_length=2000, blank=True)
    used_at = models.DateTimeField(_("dùng lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("khóa dùng một lần")
        verbose_name_plural = _("khóa dùng một lần")

    def __str__(self):
        return self.key


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


def export_path(job, filename):
    # One folder per job: two jobs of the same list never share a file name.
    return f"exports/{job.created_at:%Y/%m}/{job.pk}/{filename}"


class ExportJob(models.Model):
    """A large export written in the background: who asked for which list (the page's URL
    and its filters, replayed by the worker), how far it has come, and the file it made.

    Not audited: a job changes nothing in the plan or the dossiers; this row is its record.
    The file is served only to the user who asked (core.views.export_file).
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    # The list page's URL name ("part-list", "awards:inbox"): what is exported.
    kind = models.CharField(_("loại"), max_length=100)
    path = models.CharField(max_length=255)
    # The page's query string (its filters, the date, ?xuat=xlsx), as the user sent it.
    parameters = models.TextField(blank=True)
    language = models.CharField(max_length=10)
    filename = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ExportJobStatus.choices,
        default=ExportJobStatus.QUEUED,
    )
    rows_total = models.PositiveIntegerField(_("số dòng"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    file = models.FileField(upload_to=export_path, max_length=500, blank=True)
    # The django-tasks result id, to find the worker's own record of the run.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xuất tệp")
        verbose_name_plural = _("yêu cầu xuất tệp")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("export-job", args=[self.pk])

    @property
    def percent(self):
        """How far the file has come, 0-100; 100 only once it is there to download."""
        if self.status == ExportJobStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)


class NoticeKind(models.TextChoices):
    DOCUMENT_RETURNED = "document_returned", _("Văn bản bị trả lại")
    DOSSIER_RETURNED = "dossier_returned", _("Hồ sơ bị trả lại")
    DECISION = "decision", _("Có quyết định về hồ sơ")
    REMINDER = "reminder", _("Đôn đốc")


class Notice(models.Model):
    """What a unit is told in the product (issue 13, point 15), beside the e-mail: written
    by core.notices.notify. Keyed by the unit's id, not a foreign key: core lies below the
    units app (import-linter), and a notice outlives nothing it points to (nothing is
    deleted)."""

    unit_id = models.PositiveIntegerField(_("đơn vị"), db_index=True)
    kind = models.CharField(_("loại"), max_length=30, choices=NoticeKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["unit_id", "read_at", "created_at"])]

    def __str__(self):
        return self.title

    @property
    def preview(self):
        """The body as a list of notices shows it: its first 160 characters. (The template
        filter truncatechars did the same at some 0.2 ms a notice, on the unit page.)"""
        return self.body if len(self.body) <= 160 else self.body[:159] + "…"

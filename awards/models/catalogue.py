"""The catalogue a dossier is drawn from: award types, categories, state-level batches."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory

from ..enums import AwardClass, AwardForm, AwardLevel, DocumentKind, Recipient


class CodeManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class AwardType(models.Model):
    """One emulation title or form of commendation of the catalogue, and what its dossier needs."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255, unique=True)
    form = models.CharField(_("loại"), max_length=20, choices=AwardForm.choices)
    level = models.CharField(_("cấp"), max_length=20, choices=AwardLevel.choices)
    recipient = models.CharField(_("đối tượng"), max_length=20, choices=Recipient.choices)
    decided_by = models.CharField(_("thẩm quyền quyết định"), max_length=255)
    required_documents = models.JSONField(
        _("tài liệu bắt buộc"),
        default=list,
        blank=True,
        help_text=_("Các loại tài liệu hồ sơ phải có trước khi nộp."),
    )
    requires_initiative = models.BooleanField(_("phải có sáng kiến được công nhận"), default=False)
    prerequisite = models.ForeignKey(
        "self",
        verbose_name=_("danh hiệu phải đạt trước"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    prerequisite_times = models.PositiveSmallIntegerField(_("số năm liên tục phải đạt"), default=0)
    # Huân chương and Huy chương come by kind and class (Huân chương Lao động hạng Ba): each
    # kind and class is an award type of its own, under the undifferentiated entry it refines
    # ("Huân chương"), which stays for the records that never said which one.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc hình thức"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinds",
    )
    kind = models.CharField(
        _("loại"), max_length=255, blank=True, help_text=_("Ví dụ: Huân chương Lao động.")
    )
    award_class = models.CharField(_("hạng"), max_length=10, choices=AwardClass.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CodeManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    @property
    def is_state_level(self):
        return self.level == AwardLevel.STATE

    def accepts(self, nominee_kind):
        # A household is accepted here and judged by the rule set in force
        # (awards.eligibility.household_problems): the law, not the catalogue, names the awards
        # that go to households.
        return nominee_kind == "household" or self.recipient in (Recipient.BOTH, nominee_kind)

    def required_document_labels(self):
        return [DocumentKind(kind).label for kind in self.required_documents]


class Category(models.Model):
    """Loại khen thưởng: regular, thematic, extraordinary, for service..."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255, unique=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CodeManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("loại khen thưởng")
        verbose_name_plural = _("loại khen thưởng")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class BatchManager(models.Manager):
    def get_by_natural_key(self, year, number):
        return self.get(year=year, number=number)


class Batch(models.Model):
    """A round of state-level proposals (đợt trình khen thưởng bậc cao) in a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("đợt số"))
    name = models.CharField(_("tên đợt"), max_length=255)
    task = models.ForeignKey(
        "plan.Task",
        verbose_name=_("nhiệm vụ trong kế hoạch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_batches",
    )
    is_open = models.BooleanField(_("đang nhận hồ sơ"), default=True)

    objects = BatchManager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("đợt trình khen thưởng bậc cao")
        verbose_name_plural = _("đợt trình khen thưởng bậc cao")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="batch_number_unique_in_year")
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.year, self.number)

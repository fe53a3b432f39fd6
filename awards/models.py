"""Award types, batches, initiatives, dossiers with their documents and history, award records."""

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.files import RandomUploadPath, validate_document
from core.history import AuditedHistory, shown_label
from core.names import normalise_text, search_key, sort_key
from units.models import Unit

from .enums import (
    COUNCIL_STATES,
    GRANTED_STATES,
    OPEN_STATES,
    STATE_BADGES,
    AwardForm,
    AwardLevel,
    CouncilRecommendation,
    DocumentKind,
    DossierState,
    NomineeKind,
    Recipient,
    Sex,
)


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
        return self.recipient in (Recipient.BOTH, nominee_kind)

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


class Initiative(models.Model):
    """Sáng kiến: what a Chiến sĩ thi đua title rests on, once Hội đồng KHSK recognises it."""

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    authors = models.CharField(_("tác giả"), max_length=500)
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

    history = AuditedHistory()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def is_recognised(self):
        return self.recognised_on is not None


class DossierCounter(models.Model):
    """The last reference number handed out in a year (see services.allocate_reference)."""

    # Not audited: a counter that every new dossier moves on; the dossier's own history shows it.

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm số hồ sơ")
        verbose_name_plural = _("bộ đếm số hồ sơ")

    def __str__(self):
        return f"{self.year}: {self.last}"


# The council's list puts the dossiers still waiting for it first (Dossier.Meta.indexes).
WAITING_FIRST = Case(When(state=DossierState.BEFORE_COUNCIL, then=Value(0)), default=Value(1))

# Stands for a missing date of birth in the duplicate constraint (nobody was born then).
NO_BIRTH_DATE = datetime.date(1, 1, 1)


class Dossier(models.Model):
    """Hồ sơ đề nghị khen thưởng: one nominee, one award, sent by one unit, moved by the rules.

    The state changes only through services.move_dossier.
    """

    reference = models.CharField(_("số hồ sơ"), max_length=20, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="dossiers"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    category = models.ForeignKey(
        Category, verbose_name=_("loại khen thưởng"), on_delete=models.PROTECT
    )
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("đợt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        help_text=_("Bắt buộc với khen thưởng bậc cao."),
    )
    nominee_kind = models.CharField(
        _("đối tượng đề nghị"),
        max_length=20,
        choices=NomineeKind.choices,
        default=NomineeKind.INDIVIDUAL,
    )
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    workplace = models.CharField(_("nơi công tác"), max_length=255, blank=True)
    collective_name = models.CharField(_("tên tập thể"), max_length=255, blank=True)
    nominee_key = models.CharField(max_length=255, db_index=True, editable=False)
    achievements = models.TextField(_("tóm tắt thành tích"))
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("sáng kiến"), blank=True, related_name="dossiers"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=DossierState.choices,
        default=DossierState.DRAFT,
        editable=False,
    )
    state_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), auto_now_add=True)
    council_recommendation = models.CharField(
        _("ý kiến Hội đồng"), max_length=20, choices=CouncilRecommendation.choices, blank=True
    )
    council_opinion = models.TextField(_("nội dung ý kiến Hội đồng"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không khen thưởng"), blank=True)
    central_decision_number = models.CharField(
        _("số quyết định của Trung ương"), max_length=50, blank=True
    )
    central_decision_date = models.DateField(
        _("ngày quyết định của Trung ương"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)

    history = AuditedHistory(m2m_fields=[initiatives])

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-reference"]
        # The office's and the council's lists read a page in these orders (selectors.inbox,
        # selectors.council_dossiers): with an index in the same order the database reads the
        # page's 25 rows and stops, however many dossiers the years have piled up.
        indexes = [
            models.Index(fields=["-state_changed_at", "-reference"], name="dossier_inbox_order"),
            # The inbox filtered by one state (what the office works through: "Đã nộp").
            models.Index(
                fields=["state", "-state_changed_at", "-reference"], name="dossier_state_order"
            ),
            models.Index(
                WAITING_FIRST,
                F("state_changed_at").desc(),
                F("reference").desc(),
                condition=Q(state__in=sorted(COUNCIL_STATES)),
                name="dossier_council_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(nominee_kind=NomineeKind.INDIVIDUAL) & ~Q(full_name=""))
                | (Q(nominee_kind=NomineeKind.COLLECTIVE) & ~Q(collective_name="")),
                name="dossier_names_its_nominee",
                violation_error_message=_("Nhập họ tên cá nhân hoặc tên tập thể được đề nghị."),
            ),
            # The duplicate rule of services._duplicates, held by the database so that two
            # dossiers submitted at the same instant cannot both pass the check: one nominee,
            # one award, one year, while sent and not refused or withdrawn. A missing date of
            # birth counts as one value here (two without a date are the same person); "no
            # date matches any date" is beyond a unique index: on PostgreSQL migration 0004
            # adds an exclusion constraint that holds the rule exactly.
            models.UniqueConstraint(
                F("nominee_key"),
                F("nominee_kind"),
                F("award_type"),
                F("year"),
                Coalesce(F("date_of_birth"), Value(NO_BIRTH_DATE)),
                condition=Q(state__in=sorted(OPEN_STATES | GRANTED_STATES)),
                name="dossier_nominee_once_per_award_and_year",
                violation_error_message=_(
                    "Đối tượng này đã có hồ sơ khác đề nghị cùng danh hiệu, hình thức trong năm."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.nominee_name}"

    def save(self, *args, **kwargs):
        for name in ("full_name", "position", "workplace", "collective_name"):
            setattr(self, name, normalise_text(getattr(self, name)))
        self.achievements = unicodedata.normalize("NFC", self.achievements).strip()
        # The one place the search key is kept right: every save recomputes it.
        self.nominee_key = search_key(self.nominee_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "nominee_key"}
        super().save(*args, **kwargs)

    @property
    def nominee_name(self):
        if self.nominee_kind == NomineeKind.COLLECTIVE:
            return self.collective_name
        return self.full_name

    @property
    def state_badge(self):
        return STATE_BADGES.get(self.state, "secondary")


class DossierDocument(models.Model):
    """A file attached to a dossier; never replaced, only added."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(
        _("tệp"),
        upload_to=RandomUploadPath("dossiers"),
        validators=[validate_document],
        max_length=255,
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["dossier", "uploaded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class DossierTransition(models.Model):
    """One move of a dossier: who, when, from which state to which, and why."""

    # Not audited: this table is the dossier's history of moves, written once per move.

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="transitions"
    )
    from_state = models.CharField(
        _("từ trạng thái"), max_length=20, choices=DossierState.choices, blank=True
    )
    to_state = models.CharField(_("sang trạng thái"), max_length=20, choices=DossierState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["dossier", "at", "pk"]

    def __str__(self):
        return f"{self.dossier.reference}: {self.from_state or '–'} → {self.to_state}"

    @property
    def shown_comment(self):
        """The comment in the reader's language when it is the product's own ("Lập hồ sơ")."""
        return shown_label(self.comment)


def word_starts(key):
    """Every tail of a search key that begins at a word: "nguyen van an", "van an", "an"."""
    words = key.split(" ")
    return sorted({" ".join(words[i:]) for i in range(len(words)) if words[i]})


class AwardRecordQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # seed_scale and imports write records in bulk, past save(): index their names too.
        objs = list(objs)
        for record in objs:
            record.name_key = record.name_key or search_key(record.name)
            record.name_sort = sort_key(record.name)
        objs = super().bulk_create(objs, *args, **kwargs)
        AwardNameStart.objects.bulk_create(
            AwardNameStart(record_id=record.pk, start=start)
            for record in objs
            if record.pk is not None
            for start in word_starts(record.name_key)
        )
        return objs

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "name" in fields:
            objs = list(objs)
            for record in objs:
                record.name_sort = sort_key(record.name)
            fields = [*fields, "name_sort"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class AwardRecord(models.Model):
    """An award someone received: the history eligibility is checked against and people look up.

    Written when a dossier is approved; earlier years are entered in admin or imported.
    """

    nominee_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=NomineeKind.choices, default=NomineeKind.INDIVIDUAL
    )
    name = models.CharField(_("họ tên cá nhân hoặc tên tập thể"), max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    # The name's place in Vietnamese alphabetical order (core.names.sort_key): lists sort by it.
    name_sort = models.CharField(max_length=800, editable=False, default="", db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    workplace = models.CharField(_("nơi công tác"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_record",
    )

    objects = AwardRecordQuerySet.as_manager()

    history = AuditedHistory(excluded_fields=["name_sort"])

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("lịch sử khen thưởng")
        ordering = ["name_sort", "name_key", "-year"]

    def __str__(self):
        return f"{self.name}: {self.award_type} {self.year}"

    def save(self, *args, **kwargs):
        self.name = normalise_text(self.name)
        self.name_key = search_key(self.name)
        self.name_sort = sort_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "name_sort"}
        super().save(*args, **kwargs)
        self.name_starts.all().delete()
        AwardNameStart.objects.bulk_create(
            AwardNameStart(record=self, start=start) for start in word_starts(self.name_key)
        )


class AwardNameStart(models.Model):
    """The history lookup's index: a record's name key from each of its words on.

    People look a name up by its beginning ("nguyen van an") or by its later words ("van
    an"). A `LIKE '%...%'` over the keys reads every record ever given; a prefix of these
    rows is found in an index (on PostgreSQL the `varchar_pattern_ops` one Django adds for
    db_index), however long the history.
    """

    # Not audited, not edited: derived from AwardRecord.name_key whenever a record is saved.

    record = models.ForeignKey(AwardRecord, on_delete=models.CASCADE, related_name="name_starts")
    start = models.CharField(max_length=255, db_index=True)

    class Meta:
        verbose_name = _("từ khóa tra cứu khen thưởng")
        verbose_name_plural = _("từ khóa tra cứu khen thưởng")

    def __str__(self):
        return self.start

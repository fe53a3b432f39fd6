"""Dossiers (hồ sơ đề nghị khen thưởng), their reference counter, documents and moves."""

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.files import RandomUploadPath, validate_document
from core.history import AuditedHistory, shown_label
from core.names import normalise_text, search_key
from core.schoolyears import RunsBySchoolYear
from people.models import Person
from units.models import Unit

from ..enums import (
    COUNCIL_STATES,
    GRANTED_STATES,
    NAMED_NOMINEES,
    OPEN_STATES,
    STATE_BADGES,
    CouncilRecommendation,
    DocumentKind,
    DossierState,
    NomineeKind,
    Sex,
)
from .catalogue import AwardType, Batch, Category
from .initiatives import Initiative


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


class Dossier(RunsBySchoolYear):
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
    # A thematic (chuyên đề) dossier names the movement it comes from (task 5, 15, 16, 29).
    movement = models.ForeignKey(
        "emulation.Movement",
        verbose_name=_("phong trào thi đua"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    nominee_kind = models.CharField(
        _("đối tượng đề nghị"),
        max_length=20,
        choices=NomineeKind.choices,
        default=NomineeKind.INDIVIDUAL,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("người trong sổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        help_text=_("Chọn người đã có trong sổ thay vì gõ lại họ tên, ngày sinh."),
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
    ruleset = models.ForeignKey(
        "awards.RuleSet",
        verbose_name=_("xét theo bộ quy định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="dossiers",
        help_text=_("Bộ quy định có hiệu lực vào ngày xét; ghi lại khi hồ sơ được nộp."),
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
            # The header's search reads the newest matches in this order and stops at a few.
            models.Index(fields=["-year", "-reference"], name="dossier_newest_first"),
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
                | (Q(nominee_kind__in=sorted(NAMED_NOMINEES)) & ~Q(collective_name="")),
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
        if self.person_id and self.nominee_kind == NomineeKind.INDIVIDUAL:
            person = self.person
            if not self.full_name:
                # A known person is picked, not retyped: the register's name and birth date.
                self.full_name = person.full_name
                self.date_of_birth = person.date_of_birth or self.date_of_birth
                self.sex = person.sex or self.sex
            elif search_key(self.full_name) != person.name_key or (
                self.date_of_birth and self.date_of_birth != person.date_of_birth
            ):
                # Renamed to someone else: the link goes; submission finds the right person.
                self.person = None
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
        if self.nominee_kind in NAMED_NOMINEES:
            return self.collective_name
        return self.full_name

    @property
    def state_badge(self):
        return STATE_BADGES.get(self.state, "secondary")


class DocumentQuerySet(models.QuerySet):
    def current(self):
        """The documents still in the dossier: not removed by its unit."""
        return self.filter(removed_at__isnull=True)


class DossierDocument(models.Model):
    """A file attached to a dossier; never replaced. A wrong file may be removed while the
    dossier is the unit's to edit: the row and the file stay, marked removed (who, when)."""

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
    removed_at = models.DateTimeField(_("gỡ khỏi hồ sơ lúc"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gỡ khỏi hồ sơ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Not a filtering default manager: backups (dumpdata), admin and history must keep the
    # removed rows; the pages ask for `.current()`.
    objects = DocumentQuerySet.as_manager()

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
        indexes = [
            # Dossiers submitted since a date (core.arrivals): the few recent submissions,
            # not a pass over every move of every year.
            models.Index(
                fields=["at"],
                name="dossier_submitted_arrived",
                condition=models.Q(to_state=DossierState.SUBMITTED),
            ),
        ]

    def __str__(self):
        return f"{self.dossier.reference}: {self.from_state or '–'} → {self.to_state}"

    @property
    def shown_comment(self):
        """The comment in the reader's language when it is the product's own ("Lập hồ sơ")."""
        return shown_label(self.comment)

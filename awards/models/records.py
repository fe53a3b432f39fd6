"""Awards people received (the history eligibility is checked against) and its name index."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory
from core.names import normalise_text, search_key, sort_key
from people.models import Person
from units.models import Unit

from ..enums import NomineeKind
from .catalogue import AwardType
from .dossiers import Dossier


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
    person = models.ForeignKey(
        Person,
        verbose_name=_("người"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
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
        indexes = [
            # The overview counts two years' records by type and by unit from this index
            # alone (an index-only scan), not from the table's rows.
            models.Index(fields=["year", "unit", "award_type"], name="award_record_by_year"),
        ]

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

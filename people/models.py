"""The person register: who a dossier, an award record, an initiative or a rating is about.

Eligibility is about one person across years and units, so the history points to a Person,
not to a name typed again in each dossier. A person moves between units: `Membership` keeps
the unit by period. Two records found to be one person are merged (services.merge_people):
the one dropped keeps existing, pointing to the one kept, so its history stays readable.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import AuditedHistory
from core.names import normalise_text, search_key
from units.models import Unit

from .enums import Rating


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(models.Model):
    """One person of the register, told apart from namesakes by the date of birth."""

    full_name = models.CharField(_("họ và tên"), max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices, blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã gộp vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged",
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("sổ người")
        ordering = ["name_key", "date_of_birth"]
        indexes = [models.Index(fields=["name_key", "date_of_birth"], name="person_lookup")]

    def __str__(self):
        born = self.date_of_birth.strftime("%d/%m/%Y") if self.date_of_birth else "?"
        return f"{self.full_name} ({born})"

    def save(self, *args, **kwargs):
        self.full_name = normalise_text(self.full_name)
        self.name_key = search_key(self.full_name)
        self.id_number = normalise_text(self.id_number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def unit_in(self, year):
        """The unit the person belonged to in `year` (the latest period that covers it)."""
        for membership in self.memberships.order_by("-start_year"):
            if membership.start_year <= year and (
                membership.end_year is None or year <= membership.end_year
            ):
                return membership.unit
        return None


class Membership(models.Model):
    """A person's unit for a period of years (people move between units)."""

    person = models.ForeignKey(
        Person, verbose_name=_("người"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("đơn vị công tác theo thời kỳ")
        verbose_name_plural = _("đơn vị công tác theo thời kỳ")
        ordering = ["person", "start_year"]

    def __str__(self):
        return f"{self.person}: {self.unit} {self.start_year}-{self.end_year or ''}"


class AnnualRating(models.Model):
    """Xếp loại hằng năm: what some titles ask of a year (e.g. hoàn thành xuất sắc nhiệm vụ)."""

    person = models.ForeignKey(
        Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings",
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["person", "-year"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="one_rating_a_year")]

    def __str__(self):
        return f"{self.person}: {self.year} {self.get_rating_display()}"

    # The import names the person by name and date of birth (people.resources): these read
    # the person's, or hold what a row says until the person is found or added.
    @property
    def person_name(self):
        if getattr(self, "_person_name", None) is not None:
            return self._person_name
        return self.person.full_name if self.person_id else ""

    @person_name.setter
    def person_name(self, value):
        self._person_name = value

    @property
    def person_born(self):
        if hasattr(self, "_person_born"):
            return self._person_born
        return self.person.date_of_birth if self.person_id else None

    @person_born.setter
    def person_born(self, value):
        self._person_born = value

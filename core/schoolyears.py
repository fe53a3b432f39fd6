"""School years (năm học 2012-2013): some of the plan's work runs by school year, not by the
calendar year (tasks 25, 27 and 28 of the 2013 plan: the education sector's awards,
initiatives and emulation titles). A row stores the year its school year starts in."""

import re

from django import forms
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# "năm học 2012-2013", "năm học 2012 - 2013", "năm học 2012 – 2013": consecutive years only.
_IN_TEXT = re.compile(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_GIVEN = re.compile(r"^\s*(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*$")


class RunsBySchoolYear(models.Model):
    """A row that may run by school year: `school_year_start` 2012 is năm học 2012-2013;
    empty, it runs by its calendar year."""

    school_year_start = models.PositiveSmallIntegerField(
        gettext_lazy("năm học"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=gettext_lazy(
            "Năm bắt đầu của năm học, ví dụ 2012 cho năm học 2012-2013. Để trống nếu việc "
            "tính theo năm dương lịch."
        ),
    )

    class Meta:
        abstract = True

    def _school_year(self):
        """ "Năm học 2012-2013", or "" when the row runs by calendar year."""
        return school_year_label(self.school_year_start)

    _school_year.short_description = gettext_lazy("năm học")  # admin's column
    school_year = property(_school_year)


def school_year_label(start):
    if start is None:
        return ""
    return _("Năm học %(first)s-%(second)s") % {"first": start, "second": start + 1}


def school_year_in_text(text):
    """The start of the first school year the text names ("năm học 2012 – 2013" -> 2012), or
    None. Two years that do not follow each other are a period, not a school year."""
    for match in _IN_TEXT.finditer(text or ""):
        first, second = int(match.group(1)), int(match.group(2))
        if second == first + 1:
            return first
    return None


def parse_school_year(value):
    """A filter's or a file's school year ("2012-2013" or "2012") as its start year, or None
    when empty; ValueError when it is not a school year."""
    if value in (None, ""):
        return None
    match = _GIVEN.match(str(value))
    if not match:
        raise ValueError(value)
    first = int(match.group(1))
    if match.group(2) and int(match.group(2)) != first + 1:
        raise ValueError(value)
    return first


def school_year_choices(starts):
    """Choices for a filter: every school year in `starts`, newest first, after "all"."""
    return [("", _("Mọi năm học"))] + [
        (f"{start}-{start + 1}", school_year_label(start))
        for start in sorted(set(starts) - {None}, reverse=True)
    ]


class SchoolYearListFilter(admin.SimpleListFilter):
    """Admin's filter: by calendar year only, by any school year, or by one school year."""

    title = gettext_lazy("năm học")
    parameter_name = "nam_hoc"
    BY_CALENDAR = "khong"

    def lookups(self, request, model_admin):
        starts = (
            model_admin.get_queryset(request)
            .exclude(school_year_start=None)
            .values_list("school_year_start", flat=True)
            .distinct()
            .order_by("-school_year_start")
        )
        return [(self.BY_CALENDAR, _("Theo năm dương lịch"))] + [
            (f"{start}-{start + 1}", school_year_label(start)) for start in starts
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value == self.BY_CALENDAR:
            return queryset.filter(school_year_start=None)
        try:
            return queryset.filter(school_year_start=parse_school_year(value))
        except ValueError:
            return queryset.none()


class SchoolYearFormField(forms.CharField):
    """A form's school year, typed "2012-2013" (or 2012); empty: by calendar year."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Năm học"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Chỉ điền nếu việc tính theo năm học, ví dụ 2012-2013."),
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "2012-2013", "maxlength": "11"})

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value}-{value + 1}"
        return value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            start = parse_school_year(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(value)s” không phải là năm học (ví dụ 2012-2013).") % {"value": text}
            ) from error
        if start is not None and not 1945 <= start <= 2100:
            raise forms.ValidationError(_("Năm học phải trong khoảng 1945-2101."))
        return start


class SchoolYearChoiceField(forms.TypedChoiceField):
    """A list's filter by school year (?nam_hoc=2012-2013): "all", or one of the school years
    that end or start in the years `first`..`last` (no query: the years are the plan's)."""

    def __init__(self, *, first=None, last=None, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Năm học"))
        kwargs.setdefault("required", False)
        super().__init__(coerce=parse_school_year, empty_value=None, **kwargs)
        if first is not None:
            self.set_years(first, last)

    def set_years(self, first, last):
        """School years touching the calendar years `first`..`last`, newest first."""
        self.choices = school_year_choices(range(first - 1, last + 1))

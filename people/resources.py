"""Imports of the person register: annual ratings (xếp loại) by name and date of birth.

Offices keep years of ratings in spreadsheets. Each row names a person by name and date of
birth, the unit and the year; the person is found in the register or added (with the unit
for that year). A person's rating of a year already on record is updated if the file says
otherwise, left as it is if not. All or nothing, like every import (core.resources).
"""

import datetime

from django.utils.translation import gettext as _
from import_export.fields import Field

from core.names import search_key
from core.resources import ChoiceWidget, DateWidget, NumberWidget, TextWidget
from units.resources import UnitAwareResource, UnitNameWidget

from .enums import Rating
from .models import AnnualRating
from .services import person_for

FIRST_YEAR = 1990


def check_year(instance, errors, column="Năm"):
    """A year of history: not before the register's first year, not after next year."""
    last = datetime.date.today().year + 1
    if instance.year and not FIRST_YEAR <= instance.year <= last and column not in errors:
        errors[column] = _("Năm %(year)s không hợp lệ (từ %(first)s đến %(last)s).") % {
            "year": instance.year,
            "first": FIRST_YEAR,
            "last": last,
        }


class PersonRowsResource(UnitAwareResource):
    """Rows that name a person by name and date of birth (`name_attribute`, `born_attribute`
    of the model), found in the register or added when the row is written."""

    name_attribute, born_attribute = "person_name", "person_born"

    def _cell(self, name, row):
        """A cell's cleaned value, None if absent or bad (reported when the row is checked)."""
        try:
            return self.fields[name].clean(row)
        except (KeyError, ValueError):
            return None

    def write(self, rows, user, reason):
        # Row by row: each may add its person to the register (with the unit for that year).
        for row in rows:
            instance = row.instance
            if instance.person_id is None:
                instance.person = person_for(
                    getattr(instance, self.name_attribute),
                    getattr(instance, self.born_attribute),
                    unit=instance.unit,
                    year=instance.year,
                )
            instance.save()


class RatingResource(PersonRowsResource):
    """Họ và tên, Ngày sinh, Đơn vị, Năm, Xếp loại: one person's rating of one year."""

    person_name = Field("person_name", "Họ và tên", widget=TextWidget(required=True))
    person_born = Field("person_born", "Ngày sinh", widget=DateWidget(), saves_null_values=True)
    unit = Field("unit", "Đơn vị", widget=UnitNameWidget(), saves_null_values=True)
    year = Field("year", "Năm", widget=NumberWidget())
    rating = Field("rating", "Xếp loại", widget=ChoiceWidget(Rating))

    other_column_names = {
        "Họ và tên": ("Họ tên",),
        "Ngày sinh": ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"),
        "Xếp loại": ("Xếp loại hằng năm", "Kết quả xếp loại"),
    }
    column_widths = {"Họ và tên": 26, "Ngày sinh": 12, "Đơn vị": 30, "Năm": 8, "Xếp loại": 30}
    duplicate_key = ("Họ và tên", "Ngày sinh", "Năm")
    # The person is found or added when the row is written, not read from a cell.
    unchecked_attributes = ("person",)

    class Meta(PersonRowsResource.Meta):
        model = AnnualRating
        name = "Xếp loại hằng năm"
        fields = ("person_name", "person_born", "unit", "year", "rating")
        import_id_fields = ()
        skip_diff = True

    @staticmethod
    def export_queryset():
        return AnnualRating.objects.select_related("person", "unit").order_by(
            "person__name_key", "year"
        )

    def row_key(self, row):
        name, year = self._cell("person_name", row), self._cell("year", row)
        if not name or year is None:
            return None
        return (search_key(name), self._cell("person_born", row), year)

    def existing_instances(self, dataset):
        keys = {key for key in self.row_keys if key is not None}
        if not keys:
            return {}
        stored = AnnualRating.objects.filter(
            person__name_key__in={k[0] for k in keys}, year__in={k[2] for k in keys}
        ).select_related("person", "unit")
        found = {}
        for rating in stored:
            person = rating.person.merged_into or rating.person
            found.setdefault((person.name_key, person.date_of_birth, rating.year), rating)
        return {key: found[key] for key in keys if key in found}

    def clean_row(self, instance, row, errors):
        check_year(instance, errors)

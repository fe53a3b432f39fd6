"""The award history import: years of titles and commendations an office kept in spreadsheets.

Họ và tên, Ngày sinh, Đơn vị, Năm, Danh hiệu/hình thức, Số quyết định, Ngày quyết định: one
award a person received. The person is found in the register by name and date of birth or
added (with the unit for that year); the record then counts for eligibility like one written
by an approved dossier. A row already on record (same person, award, year) is left as it is,
or updated if its decision differs. All or nothing, like every import (core.resources).
"""

from import_export.fields import Field

from core.names import search_key
from core.resources import DateWidget, NumberWidget, TextWidget
from people.resources import PersonRowsResource, check_year
from units.resources import UnitNameWidget

from .enums import NomineeKind
from .models import AwardRecord, AwardType
from .resources import NamedWidget


class AwardHistoryResource(PersonRowsResource):
    # AwardRecord.save (per row, see PersonRowsResource.write) indexes the name for the lookup.
    name_attribute, born_attribute = "name", "date_of_birth"

    name = Field("name", "Họ và tên", widget=TextWidget(required=True))
    date_of_birth = Field("date_of_birth", "Ngày sinh", widget=DateWidget(), saves_null_values=True)
    unit = Field("unit", "Đơn vị", widget=UnitNameWidget(), saves_null_values=True)
    year = Field("year", "Năm", widget=NumberWidget())
    award_type = Field("award_type", "Danh hiệu/hình thức", widget=NamedWidget(AwardType))
    decision_number = Field("decision_number", "Số quyết định", widget=TextWidget())
    decision_date = Field(
        "decision_date", "Ngày quyết định", widget=DateWidget(), saves_null_values=True
    )

    optional_columns = ("Số quyết định", "Ngày quyết định")
    other_column_names = {
        "Họ và tên": ("Họ tên",),
        "Ngày sinh": ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"),
        "Danh hiệu/hình thức": ("Danh hiệu, hình thức", "Danh hiệu", "Hình thức khen thưởng"),
        "Số quyết định": ("Số QĐ",),
        "Ngày quyết định": ("Ngày QĐ",),
    }
    column_widths = {
        "Họ và tên": 26,
        "Ngày sinh": 12,
        "Đơn vị": 30,
        "Năm": 8,
        "Danh hiệu/hình thức": 30,
        "Số quyết định": 16,
        "Ngày quyết định": 14,
    }
    duplicate_key = ("Họ và tên", "Ngày sinh", "Danh hiệu/hình thức", "Năm")
    # Set when the row is written (the person) or by the save (the search key).
    unchecked_attributes = ("name_key", "person", "dossier")

    class Meta(PersonRowsResource.Meta):
        model = AwardRecord
        name = "Lịch sử khen thưởng"
        fields = (
            "name",
            "date_of_birth",
            "unit",
            "year",
            "award_type",
            "decision_number",
            "decision_date",
        )
        import_id_fields = ()
        skip_diff = True

    @staticmethod
    def export_queryset():
        return AwardRecord.objects.filter(nominee_kind=NomineeKind.INDIVIDUAL).select_related(
            "unit", "award_type"
        )

    def row_key(self, row):
        name, award, year = (self._cell(f, row) for f in ("name", "award_type", "year"))
        if not name or award is None or year is None:
            return None
        return (search_key(name), self._cell("date_of_birth", row), award.pk, year)

    def existing_instances(self, dataset):
        keys = {key for key in self.row_keys if key is not None}
        if not keys:
            return {}
        stored = AwardRecord.objects.filter(
            nominee_kind=NomineeKind.INDIVIDUAL,
            name_key__in={k[0] for k in keys},
            year__in={k[3] for k in keys},
        ).select_related("unit", "award_type")
        found = {}
        for record in stored:
            key = (record.name_key, record.date_of_birth, record.award_type_id, record.year)
            found.setdefault(key, record)
        return {key: found[key] for key in keys if key in found}

    def clean_row(self, instance, row, errors):
        instance.nominee_kind = NomineeKind.INDIVIDUAL
        instance.name_key = search_key(instance.name or "")
        check_year(instance, errors)

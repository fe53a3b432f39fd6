"""The nominees import: a unit's list of proposed people, read as draft award dossiers.

Each row becomes a draft dossier of the unit the import is for, created through
`services.save_dossier` (so it gets its reference and its first history row, exactly as when
an officer fills in the form). A row whose nominee already has a live dossier of the unit for
the same award and year (same name, date of birth, award type, year) is reported as left as it
is: importing the same file again changes nothing, and an import never changes a dossier.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from core.names import name_key, search_key
from core.resources import (
    ChoiceWidget,
    DateWidget,
    NumberWidget,
    SchoolYearWidget,
    SpreadsheetResource,
    TextWidget,
    as_text,
    is_blank,
)
from units.models import Unit

from . import rules, services
from .enums import EDITABLE_STATES, GRANTED_STATES, OPEN_STATES, NomineeKind, Sex
from .models import AwardType, Batch, Category, Dossier

# A dossier in one of these states still stands for its nominee: importing the same person for
# the same award and year again is a repeat, not a new proposal. A withdrawn or refused one
# does not stand in the way of a new draft.
LIVE_STATES = EDITABLE_STATES | OPEN_STATES | GRANTED_STATES


def _not_allowed():
    return _("Chỉ cán bộ của đơn vị hoặc Ban TĐKT mới nhập được danh sách đề nghị của đơn vị.")


class NamedWidget(widgets.Widget):
    """A catalogue row (award type, category) by its name or code, case and spacing ignored.

    `prefixes` are words people leave out ("Thường xuyên" for "Khen thưởng thường xuyên").
    """

    def __init__(self, model, prefixes=()):
        self.model = model
        self.prefixes = prefixes
        self._index = None
        super().__init__()

    def index(self):
        if self._index is None:
            self._index = {}
            for row in self.model.objects.all():
                names = [row.name, row.code]
                names += [
                    row.name[len(p) :] for p in self.prefixes if name_key(row.name).startswith(p)
                ]
                for name in names:
                    self._index.setdefault(name_key(name), row)
        return self._index

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        text = as_text(value)
        found = self.index().get(name_key(text))
        if found is None:
            raise ValueError(
                _("Không có “%(value)s” trong danh mục %(catalogue)s.")
                % {"value": text, "catalogue": self.model._meta.verbose_name}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class BatchWidget(widgets.Widget):
    """Đợt: its number in the row's year (1, "Đợt 1") or its full name; may be left empty."""

    def __init__(self):
        self.batches = None  # every batch, read once per import
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        text = as_text(value)
        try:
            year = NumberWidget().clean((row or {}).get("Năm"))
        except ValueError:
            year = None
        number = name_key(text).removeprefix("đợt").strip()
        if self.batches is None:
            self.batches = list(Batch.objects.all())
        if number.isdigit() and year:
            found = (b for b in self.batches if b.year == year and b.number == int(number))
        else:
            found = (b for b in self.batches if name_key(b.name) == name_key(text))
        batch = next(found, None)
        if batch is None:
            raise ValueError(
                _("Không có đợt “%(value)s” của năm %(year)s.")
                % {"value": text, "year": year or "?"}
            )
        return batch

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


class NomineeResource(SpreadsheetResource):
    """Individuals a unit proposes: name, sex, birth date, position, workplace, award, category,
    year, batch, achievements. Imported for one unit (`unit=` to import_data) by `user=`."""

    full_name = Field("full_name", "Họ và tên", widget=TextWidget(required=True))
    sex = Field("sex", "Giới tính", widget=ChoiceWidget(Sex))
    date_of_birth = Field("date_of_birth", "Ngày sinh", widget=DateWidget(), saves_null_values=True)
    position = Field("position", "Chức vụ", widget=TextWidget())
    workplace = Field("workplace", "Nơi công tác", widget=TextWidget())
    award_type = Field(
        "award_type", "Danh hiệu/hình thức", widget=NamedWidget(AwardType, prefixes=())
    )
    category = Field(
        "category", "Loại khen thưởng", widget=NamedWidget(Category, prefixes=("khen thưởng ",))
    )
    year = Field("year", "Năm", widget=NumberWidget())
    school_year_start = Field("school_year_start", "Năm học", widget=SchoolYearWidget())
    batch = Field("batch", "Đợt", widget=BatchWidget(), saves_null_values=True)
    achievements = Field(
        "achievements", "Tóm tắt thành tích", widget=TextWidget(required=True, multiline=True)
    )

    optional_columns = ("Giới tính", "Ngày sinh", "Chức vụ", "Nơi công tác", "Năm học", "Đợt")
    other_column_names = {
        "Họ và tên": ("Họ tên", "Họ và tên người được đề nghị"),
        "Ngày sinh": ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"),
        "Chức vụ": ("Chức vụ, chức danh",),
        "Nơi công tác": ("Đơn vị công tác",),
        "Danh hiệu/hình thức": (
            "Danh hiệu, hình thức",
            "Danh hiệu, hình thức khen thưởng",
            "Hình thức khen thưởng",
            "Danh hiệu thi đua",
            "Danh hiệu",
        ),
        "Loại khen thưởng": ("Loại",),
        "Đợt": ("Đợt trình",),
        "Tóm tắt thành tích": ("Thành tích", "Tóm tắt thành tích chủ yếu"),
    }
    column_widths = {
        "Họ và tên": 26,
        "Giới tính": 8,
        "Ngày sinh": 12,
        "Chức vụ": 20,
        "Nơi công tác": 30,
        "Danh hiệu/hình thức": 30,
        "Loại khen thưởng": 24,
        "Năm": 8,
        "Năm học": 12,
        "Đợt": 6,
        "Tóm tắt thành tích": 60,
    }
    duplicate_key = ("Họ và tên", "Ngày sinh", "Danh hiệu/hình thức", "Năm")
    # Set by the service when the dossier is created, not by a cell.
    unchecked_attributes = ("reference", "nominee_key", "created_by")

    class Meta(SpreadsheetResource.Meta):
        model = Dossier
        name = "Danh sách đề nghị khen thưởng"
        fields = (
            "full_name",
            "sex",
            "date_of_birth",
            "position",
            "workplace",
            "award_type",
            "category",
            "year",
            "school_year_start",
            "batch",
            "achievements",
        )
        import_id_fields = ()
        # The diff would compare every column of every row: the report needs none of it.
        skip_diff = True

    @staticmethod
    def export_queryset():
        """No rows: the export of this kind is the empty form a unit fills in."""
        return Dossier.objects.none()

    def before_import(self, dataset, **kwargs):
        self.unit = kwargs.get("unit")
        self.user = kwargs.get("user")
        if (
            self.unit is None
            or self.user is None
            or not rules.can_import_nominees(self.user, self.unit)
        ):
            raise ValueError(_not_allowed())
        # One import of a unit's list at a time: two files read at once would both find their
        # nominees without a dossier and both add them. The lock (held to the end of the
        # import's transaction) makes the second wait and then find the first one's drafts; a
        # "no key" lock, so the unit's other dossiers are still created meanwhile.
        Unit.objects.select_for_update(no_key=True).filter(pk=self.unit.pk).first()
        super().before_import(dataset, **kwargs)

    def _cell(self, name, row):
        """The cleaned value of a cell, None if the column is absent or the cell is bad (the
        bad cell is reported with its message when the row is imported)."""
        try:
            return self.fields[name].clean(row)
        except (KeyError, ValueError, ValidationError):
            return None

    def row_key(self, row):
        """(name key, birth date, award type, year) of the row's nominee; None if a cell is bad."""
        full_name = self._cell("full_name", row)
        award_type = self._cell("award_type", row)
        year = self._cell("year", row)
        if not full_name or award_type is None or year is None:
            return None
        return (search_key(full_name), self._cell("date_of_birth", row), award_type.pk, year)

    def existing_instances(self, dataset):
        """The unit's live dossiers for the years of the file, by nominee: a row whose nominee
        already has one for the same award and year is that dossier (the oldest if several)."""
        keys = {key for key in self.row_keys if key is not None}
        if not keys:
            return {}
        dossiers = Dossier.objects.filter(
            unit=self.unit,
            nominee_kind=NomineeKind.INDIVIDUAL,
            year__in={key[3] for key in keys},
            state__in=LIVE_STATES,
        ).order_by("reference")
        found = {}
        for dossier in dossiers:
            key = (dossier.nominee_key, dossier.date_of_birth, dossier.award_type_id, dossier.year)
            found.setdefault(key, dossier)
        return found

    def is_unchanged(self, instance, original, row, changed):
        # An import only ever adds drafts: a nominee already proposed is left as it is.
        return True

    def clean_row(self, instance, row, errors):
        instance.nominee_kind = NomineeKind.INDIVIDUAL
        instance.collective_name = ""
        instance.unit = self.unit
        if instance.pk is None:
            instance.created_by = self.user
        award = instance.award_type if instance.award_type_id else None
        if (
            award
            and not award.accepts(NomineeKind.INDIVIDUAL)
            and "Danh hiệu/hình thức" not in errors
        ):
            errors["Danh hiệu/hình thức"] = _("“%(award)s” không xét tặng cho cá nhân.") % {
                "award": award.name
            }
        batch = instance.batch
        if batch and instance.year and batch.year != instance.year and "Đợt" not in errors:
            errors["Đợt"] = _(
                "Đợt “%(batch)s” thuộc năm %(batch_year)s, không phải năm %(year)s."
            ) % {
                "batch": batch.name,
                "batch_year": batch.year,
                "year": instance.year,
            }

    def write(self, rows, user, reason):
        # One by one through the service, which gives each draft its reference and its first
        # move, as when an officer fills in the form; the rows were all checked before.
        for row in rows:
            try:
                services.save_dossier(row.instance, self.user)
            except services.DossierRuleError as error:
                row.errors[NON_FIELD_ERRORS] = " ".join(error.messages)

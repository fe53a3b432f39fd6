"""Import-export resources for units and users, and the base every spreadsheet import shares.

The base (`SpreadsheetResource`) makes django-import-export behave as the office needs:
all or nothing (one bad row and the whole import is rolled back), every error tied to the
row number of the file and the column's header, re-importing the same file reports every row
as unchanged, and the column list the reader (`units.spreadsheets.read_table`) looks for.
"""

import datetime
from collections import defaultdict

from django.contrib.auth.models import Group
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field
from openpyxl.utils.datetime import from_excel
from simple_history.utils import bulk_create_with_history

from .enums import Role, UnitKind
from .models import Unit, UnitAlias, User
from .names import name_key, normalise_text
from .selectors import unit_name_index
from .spreadsheets import Column, clean_text

# --- widgets: each reads what offices write and says what is wrong in Vietnamese --------------


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


class TextWidget(widgets.CharWidget):
    """Text, NFC and trimmed; `required` refuses an empty cell. One-line values (names, codes)
    have their inner runs of spaces collapsed too; `multiline` text keeps its lines as written."""

    def __init__(self, required=False, multiline=False):
        self.required = required
        self.multiline = multiline
        super().__init__(allow_blank=True)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            if self.required:
                raise ValueError(_("Ô này không được để trống."))
            return ""
        text = _as_text(value)
        return text if self.multiline else normalise_text(text)


class NumberWidget(widgets.Widget):
    """A positive whole number, written as a number or as text."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        text = _as_text(value)
        if text.isdigit() and int(text) > 0:
            return int(text)
        raise ValueError(_("“%(value)s” không phải là số nguyên dương.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """One of a TextChoices, by its Vietnamese label or its stored value."""

    def __init__(self, choices):
        self.choices = choices
        super().__init__()

    def lookup(self, text):
        for choice in self.choices:
            if name_key(text) in (name_key(str(choice.label)), name_key(choice.value)):
                return choice
        labels = ", ".join(f"“{choice.label}”" for choice in self.choices)
        raise ValueError(
            _("“%(value)s” không có trong danh sách: %(labels)s.")
            % {"value": text, "labels": labels}
        )

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return ""
        return self.lookup(_as_text(value)).value

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    """Có / Không (also x, 1, 0, yes, no); an empty cell means yes."""

    YES = {"có", "co", "c", "x", "1", "true", "yes", "y"}
    NO = {"không", "khong", "k", "0", "false", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return True
        if isinstance(value, bool):
            return value
        text = name_key(_as_text(value))
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s” phải là “Có” hoặc “Không”.") % {"value": _as_text(value)})

    def render(self, value, obj=None, **kwargs):
        return _("Có") if value else _("Không")


class DateWidget(widgets.Widget):
    """A date as Excel stores it, or typed as dd/mm/yyyy (also yyyy-mm-dd)."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 2958465:
            # An Excel serial number whose cell lost its date format.
            return from_excel(value).date()
        text = _as_text(value)
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” không phải là ngày (cần dạng ngày/tháng/năm, ví dụ 31/03/2013).")
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value


class UnitNameWidget(widgets.Widget):
    """A unit written by any of its names (full, short, alias); the resource fills `index`."""

    def __init__(self, required=False):
        self.required = required
        self.index = {}
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            if self.required:
                raise ValueError(_("Ô này không được để trống."))
            return None
        text = _as_text(value)
        unit = self.index.get(name_key(text))
        if unit is None:
            raise ValueError(_("Không tìm thấy đơn vị “%(name)s”.") % {"name": text})
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


# --- the shared behaviour ------------------------------------------------------------------


class SpreadsheetResource(resources.ModelResource):
    """A ModelResource that imports all or nothing and reports errors by file row and column.

    Subclasses declare their fields with Vietnamese column names and may set:
    `optional_columns` (columns a file may leave out), `other_column_names` ({column: (other
    headers people write)}), `column_widths` ({column: width} for exports),
    `duplicate_key` (the columns that must not repeat within one file), `compare_attributes`
    (attributes set by hooks rather than fields, compared to tell "unchanged"),
    `unchecked_attributes` (model fields the save fills in, left out of the model's checks),
    and override
    `clean_row(instance, row, errors)` for checks that need more than one cell.
    """

    optional_columns = ()
    other_column_names = {}
    column_widths = {}
    duplicate_key = ()
    compare_attributes = ()
    unchecked_attributes = ()

    @classmethod
    def columns(cls):
        """The `Column`s the reader looks for, in the order the file is exported."""
        resource = cls()
        return [
            Column(
                field.column_name,
                required=field.column_name not in cls.optional_columns,
                other_names=tuple(cls.other_column_names.get(field.column_name, ())),
            )
            for field in resource.get_export_fields()
        ]

    attribute_columns = {}

    def column_of(self, attribute):
        """The header a user sees for an error keyed by a field's attribute or name."""
        for name, field in self.fields.items():
            if attribute in (name, field.attribute):
                return field.column_name
        return self.attribute_columns.get(attribute, "")

    def attribute_of(self, column):
        """The model attribute a column header sets (the header itself if none)."""
        for field in self.fields.values():
            if field.column_name == column and field.attribute:
                return field.attribute
        return column

    def import_data(self, dataset, **kwargs):
        # All or nothing, whoever calls: the admin, the staff page, a command or a test.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("retain_instance_in_row_result", True)
        return super().import_data(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            # A bad key cell: the row is reported with that cell's message by import_instance.
            return None

    # hooks

    def before_import(self, dataset, **kwargs):
        self.source_rows = getattr(dataset, "source_rows", None) or list(range(2, len(dataset) + 2))
        self.unit_index = unit_name_index()
        for field in self.fields.values():
            if isinstance(field.widget, UnitNameWidget):
                field.widget.index = self.unit_index
        self.file_errors = self._duplicates(dataset)

    def file_row(self, row_number):
        """The row number in the file of the dataset's row `row_number` (counted from 1)."""
        if 0 < row_number <= len(self.source_rows):
            return self.source_rows[row_number - 1]
        return row_number

    def _duplicates(self, dataset):
        errors = defaultdict(dict)
        if not self.duplicate_key or not all(c in dataset.headers for c in self.duplicate_key):
            return errors
        seen = {}
        for position, values in enumerate(dataset.dict, start=1):
            key = tuple(
                name_key(str(values[c])) if values[c] is not None else ""
                for c in self.duplicate_key
            )
            if not any(key):
                continue
            if key in seen:
                column = self.duplicate_key[-1]
                errors[position][column] = _("“%(value)s” bị trùng với dòng %(row)s.") % {
                    "value": " – ".join(str(values[c]) for c in self.duplicate_key),
                    "row": self.file_row(seen[key]),
                }
            else:
                seen[key] = position
        return errors

    def clean_row(self, instance, row, errors):
        """Checks across cells; add messages to `errors` ({column header: message})."""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            for attribute, messages in error.message_dict.items():
                errors[self.column_of(attribute) or attribute] = " ".join(messages)
        errors.update(self.file_errors.get(kwargs.get("row_number"), {}))
        self.clean_row(instance, row, errors)
        if errors:
            raise ValidationError({column: [message] for column, message in errors.items()})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The model's own checks, keyed by the column the user knows; a column that already
        # has a message from its cell is not checked twice.
        errors = dict(import_validation_errors or {})
        exclude = {self.attribute_of(column) for column in errors} | set(self.unchecked_attributes)
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(exclude=exclude, validate_unique=validate_unique)
            except ValidationError as error:
                had_errors = bool(errors)
                for key, messages in error.message_dict.items():
                    if key == NON_FIELD_ERRORS and had_errors:
                        continue  # a check across fields fails because a cell already did
                    column = key if key == NON_FIELD_ERRORS else (self.column_of(key) or key)
                    errors.setdefault(column, messages)
        if errors:
            raise ValidationError(errors)

    def extra_changes(self, instance, original, row):
        """Column headers whose data changes beyond the plain fields (aliases, roles...)."""
        return []

    def changed_columns(self, instance, original, row):
        changed = [
            field.column_name
            for field in self.get_import_fields()
            if field.attribute and field.get_value(instance) != field.get_value(original)
        ]
        changed += [
            self.column_of(attribute) or attribute
            for attribute in self.compare_attributes
            if getattr(instance, attribute) != getattr(original, attribute)
            and (self.column_of(attribute) or attribute) not in changed
        ]
        return changed + [
            c for c in self.extra_changes(instance, original, row) if c not in changed
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        return not self.changed_columns(instance, original, row)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        row_result.source_row = self.file_row(kwargs.get("row_number", 0))
        row_result.changed_columns = getattr(self, "_last_changes", [])
        return row_result

    def after_init_instance(self, instance, new, row, **kwargs):
        self._last_changes = []

    def after_save_instance(self, instance, row, **kwargs):
        original = getattr(self, "_original", None)
        self._last_changes = (
            self.changed_columns(instance, original, row) if original is not None else []
        )

    def before_save_instance(self, instance, row, **kwargs):
        self._original = (
            self._meta.model.objects.filter(pk=instance.pk).first() if instance.pk else None
        )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # The admin shows these numbers: make them the rows of the file, not of the dataset.
        for invalid in result.invalid_rows:
            invalid.number = self.file_row(invalid.number)
        for error_row in result.error_rows:
            error_row.number = self.file_row(error_row.number)

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True


# --- units ---------------------------------------------------------------------------------

ALIAS_SEPARATOR = ";"


def split_aliases(text):
    if not text:
        return []
    names = []
    for part in str(text).replace("\n", ALIAS_SEPARATOR).split(ALIAS_SEPARATOR):
        part = normalise_text(part)
        if part and name_key(part) not in {name_key(n) for n in names}:
            names.append(part)
    return names


class UnitResource(SpreadsheetResource):
    """Units: code, names, kind, parent (by any name), e-mail, taking part, other spellings."""

    code = Field("code", "Mã đơn vị", widget=TextWidget(required=True))
    name = Field("name", "Tên đầy đủ", widget=TextWidget(required=True))
    short_name = Field("short_name", "Tên viết tắt", widget=TextWidget())
    kind = Field("kind", "Loại đơn vị", widget=ChoiceWidget(UnitKind))
    parent = Field("parent", "Đơn vị cấp trên", widget=UnitNameWidget(), saves_null_values=True)
    email = Field("email", "Thư điện tử", widget=TextWidget())
    is_participating = Field("is_participating", "Tham gia kế hoạch", widget=YesNoWidget())
    aliases = Field(column_name="Tên gọi khác", dehydrate_method="dehydrate_aliases")

    optional_columns = (
        "Tên viết tắt",
        "Đơn vị cấp trên",
        "Thư điện tử",
        "Tham gia kế hoạch",
        "Tên gọi khác",
    )
    other_column_names = {
        "Mã đơn vị": ("Mã",),
        "Tên đầy đủ": ("Tên đơn vị", "Đơn vị"),
        "Tên viết tắt": ("Tên tắt",),
        "Loại đơn vị": ("Loại",),
        "Thư điện tử": ("Email", "E-mail"),
        "Tên gọi khác": ("Cách viết khác", "Tên khác"),
    }
    column_widths = {
        "Mã đơn vị": 14,
        "Tên đầy đủ": 40,
        "Tên viết tắt": 20,
        "Loại đơn vị": 22,
        "Đơn vị cấp trên": 30,
        "Thư điện tử": 28,
        "Tham gia kế hoạch": 10,
        "Tên gọi khác": 40,
    }
    duplicate_key = ("Mã đơn vị",)

    class Meta(SpreadsheetResource.Meta):
        model = Unit
        name = "Đơn vị"
        fields = (
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "email",
            "is_participating",
            "aliases",
        )
        import_id_fields = ("code",)

    @staticmethod
    def export_queryset():
        """Every unit, parents before their children, so the file imports in one pass."""
        units = list(Unit.objects.select_related("parent").prefetch_related("aliases"))
        depth = {}

        def depth_of(unit):
            if unit.pk not in depth:
                depth[unit.pk] = 0 if unit.parent is None else depth_of(unit.parent) + 1
            return depth[unit.pk]

        return sorted(units, key=lambda unit: (depth_of(unit), unit.name))

    def dehydrate_aliases(self, unit):
        if unit.pk is None:
            return ""
        return f"{ALIAS_SEPARATOR} ".join(alias.name for alias in unit.aliases.all())

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.duplicate_names = self._duplicate_names(dataset)

    def _duplicate_names(self, dataset):
        errors, seen = {}, {}
        if "Tên đầy đủ" not in dataset.headers:
            return errors
        for position, values in enumerate(dataset.dict, start=1):
            key = name_key(str(values["Tên đầy đủ"] or ""))
            if key and key in seen:
                errors[position] = _("Tên “%(name)s” bị trùng với dòng %(row)s.") % {
                    "name": values["Tên đầy đủ"],
                    "row": self.file_row(seen[key]),
                }
            seen.setdefault(key, position)
        return errors

    def import_instance(self, instance, row, **kwargs):
        self._row_number = kwargs.get("row_number")
        super().import_instance(instance, row, **kwargs)

    def _wanted_aliases(self, instance, row):
        return split_aliases(row.get("Tên gọi khác"))

    def clean_row(self, instance, row, errors):
        duplicate = self.duplicate_names.get(self._row_number)
        if duplicate and "Tên đầy đủ" not in errors:
            errors["Tên đầy đủ"] = duplicate
        for column, value in (("Tên đầy đủ", instance.name), ("Tên viết tắt", instance.short_name)):
            owner = self.unit_index.get(name_key(value or ""))
            if value and owner and owner.code != instance.code and column not in errors:
                errors[column] = _("“%(name)s” đã là tên của đơn vị khác: %(unit)s.") % {
                    "name": value,
                    "unit": owner.name,
                }
        if instance.parent is not None and instance.parent.code == instance.code:
            errors["Đơn vị cấp trên"] = _("Một đơn vị không thể là cấp trên của chính nó.")
        for alias in self._wanted_aliases(instance, row):
            owner = self.unit_index.get(name_key(alias))
            if owner and owner.code != instance.code:
                errors["Tên gọi khác"] = _("“%(name)s” đã là tên của đơn vị khác: %(unit)s.") % {
                    "name": alias,
                    "unit": owner.name,
                }
                break

    def _missing_aliases(self, instance, row):
        if instance.pk is None:
            return self._wanted_aliases(instance, row)
        existing = {name_key(name) for name in instance.aliases.values_list("name", flat=True)}
        return [a for a in self._wanted_aliases(instance, row) if name_key(a) not in existing]

    def extra_changes(self, instance, original, row):
        # Aliases are only ever added: a spelling documents used stays known.
        return ["Tên gọi khác"] if self._missing_aliases(instance, row) else []

    def after_save_instance(self, instance, row, **kwargs):
        missing = self._missing_aliases(instance, row)
        super().after_save_instance(instance, row, **kwargs)
        if missing and "Tên gọi khác" not in self._last_changes:
            self._last_changes.append("Tên gọi khác")
        bulk_create_with_history(
            [UnitAlias(unit=instance, name=name) for name in missing], UnitAlias
        )
        # Later rows may name this unit as their parent, by any of its names.
        for name in [instance.name, instance.short_name, *missing]:
            if name:
                self.unit_index[name_key(name)] = instance


# --- users ---------------------------------------------------------------------------------


def split_full_name(full_name):
    """Vietnamese order: family and middle names first, the given name last."""
    parts = full_name.split()
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


class UserResource(SpreadsheetResource):
    """Accounts with their unit and role. Never sets a password: new accounts wait, inactive,
    until staff set one; the admin role cannot be given from a file."""

    username = Field("username", "Tên đăng nhập", widget=TextWidget(required=True))
    full_name = Field(column_name="Họ và tên", dehydrate_method="dehydrate_full_name")
    email = Field("email", "Thư điện tử", widget=TextWidget())
    unit = Field("unit", "Đơn vị", widget=UnitNameWidget(), saves_null_values=True)
    role = Field(column_name="Vai trò", dehydrate_method="dehydrate_role")

    optional_columns = ("Thư điện tử",)
    other_column_names = {
        "Tên đăng nhập": ("Tài khoản",),
        "Họ và tên": ("Họ tên",),
        "Thư điện tử": ("Email", "E-mail"),
    }
    column_widths = {
        "Tên đăng nhập": 18,
        "Họ và tên": 28,
        "Thư điện tử": 28,
        "Đơn vị": 40,
        "Vai trò": 24,
    }
    duplicate_key = ("Tên đăng nhập",)
    compare_attributes = ("first_name", "last_name")
    attribute_columns = {"first_name": "Họ và tên", "last_name": "Họ và tên"}
    role_widget = ChoiceWidget(Role)

    class Meta(SpreadsheetResource.Meta):
        model = User
        name = "Người dùng"
        fields = ("username", "full_name", "email", "unit", "role")
        import_id_fields = ("username",)

    @staticmethod
    def export_queryset():
        """Every account but the admins', who are kept in Django admin only."""
        return (
            User.objects.filter(is_superuser=False)
            .select_related("unit")
            .prefetch_related("groups")
            .order_by("username")
        )

    def dehydrate_full_name(self, user):
        return user.get_full_name()

    def dehydrate_role(self, user):
        return str(user.role.label) if user.role else ""

    def _wanted_role(self, row):
        value = row.get("Vai trò")
        if _is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        role = Role(self.role_widget.lookup(_as_text(value)).value)
        if role == Role.ADMIN:
            raise ValueError(_("Không thể cấp vai trò quản trị hệ thống bằng tệp nhập."))
        return role

    @staticmethod
    def _current_roles(user):
        if user.pk is None:
            return set()
        return set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))

    def clean_row(self, instance, row, errors):
        if instance.pk and instance.is_superuser:
            errors["Tên đăng nhập"] = _("Tài khoản quản trị hệ thống không sửa được bằng tệp nhập.")
        last_name, first_name = split_full_name(
            normalise_text(_as_text(row.get("Họ và tên") or ""))
        )
        if not first_name:
            errors["Họ và tên"] = _("Ô này không được để trống.")
        instance.last_name, instance.first_name = last_name, first_name
        try:
            self._role = self._wanted_role(row)
        except ValueError as error:
            errors["Vai trò"] = str(error)
        if instance.pk is None:
            # Never a password from a file: the account waits, closed, until staff set one.
            instance.set_unusable_password()
            instance.is_active = False

    def extra_changes(self, instance, original, row):
        try:
            role = self._wanted_role(row)
        except ValueError:
            return []
        return [] if self._current_roles(instance) == {role.value} else ["Vai trò"]

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        role = self._role
        current = self._current_roles(instance)
        if current != {role.value}:
            instance.groups.remove(*Group.objects.filter(name__in=current - {role.value}))
            instance.groups.add(Group.objects.get_or_create(name=role.value)[0])
            if "Vai trò" not in self._last_changes:
                self._last_changes.append("Vai trò")

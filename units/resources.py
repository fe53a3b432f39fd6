"""Import-export resources for units and users, and the base of every resource whose rows
name a unit (by its full name, short name or an alias)."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from core.history import record_history
from core.names import name_key, normalise_text
from core.resources import (
    BATCH_SIZE,
    NEW,
    ChoiceWidget,
    SpreadsheetResource,
    TextWidget,
    YesNoWidget,
    as_text,
    is_blank,
)

from .enums import Role, UnitKind
from .models import Unit, UnitAlias, User
from .selectors import unit_name_index


class UnitNameWidget(widgets.Widget):
    """A unit written by any of its names (full, short, alias); the resource fills `index`."""

    def __init__(self, required=False):
        self.required = required
        self.index = {}
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("Ô này không được để trống."))
            return None
        text = as_text(value)
        unit = self.index.get(name_key(text))
        if unit is None:
            raise ValueError(_("Không tìm thấy đơn vị “%(name)s”.") % {"name": text})
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class UnitAwareResource(SpreadsheetResource):
    """A resource whose rows may name units: the index of every unit's names is read once
    per import and shared with its UnitNameWidget columns."""

    def prepare_lookups(self):
        super().prepare_lookups()
        self.unit_index = unit_name_index()
        for field in self.fields.values():
            if isinstance(field.widget, UnitNameWidget):
                field.widget.index = self.unit_index


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


class UnitResource(UnitAwareResource):
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
        for position, values in enumerate(self.dataset_rows, start=1):
            key = name_key(str(values["Tên đầy đủ"] or ""))
            if key and key in seen:
                errors[position] = _("Tên “%(name)s” bị trùng với dòng %(row)s.") % {
                    "name": values["Tên đầy đủ"],
                    "row": self.file_row(seen[key]),
                }
            seen.setdefault(key, position)
        return errors

    def existing_queryset(self):
        return super().existing_queryset().prefetch_related("aliases")

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
        wanted = self._wanted_aliases(instance, row)
        if instance.pk is None or not wanted:
            return wanted
        existing = {name_key(alias.name) for alias in instance.aliases.all()}  # prefetched
        return [a for a in wanted if name_key(a) not in existing]

    def extra_changes(self, instance, original, row):
        # Aliases are only ever added: a spelling documents used stays known.
        return ["Tên gọi khác"] if self._missing_aliases(instance, row) else []

    def row_checked(self, checked):
        instance = checked.instance
        checked.extra = self._missing_aliases(instance, checked.row)
        # Later rows may name this unit as their parent, by any of its names.
        for name in [instance.name, instance.short_name, *checked.extra]:
            if name:
                self.unit_index[name_key(name)] = instance

    def after_write(self, rows, user, reason):
        aliases = [UnitAlias(unit=row.instance, name=name) for row in rows for name in row.extra]
        UnitAlias.objects.bulk_create(aliases, batch_size=BATCH_SIZE)
        record_history(UnitAlias, [alias.pk for alias in aliases], "+", user, reason)
        for row in rows:
            cache = getattr(row.instance, "_prefetched_objects_cache", None)
            if row.extra and cache:
                # The aliases read before are out of date (the admin's preview shows them);
                # a new dict, since the copy in `original` shares the old one.
                row.instance._prefetched_objects_cache = {
                    name: value for name, value in cache.items() if name != "aliases"
                }


# --- users ---------------------------------------------------------------------------------


def split_full_name(full_name):
    """Vietnamese order: family and middle names first, the given name last."""
    parts = full_name.split()
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


class UserResource(UnitAwareResource):
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
        if is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        role = Role(self.role_widget.lookup(as_text(value)).value)
        if role == Role.ADMIN:
            raise ValueError(_("Không thể cấp vai trò quản trị hệ thống bằng tệp nhập."))
        return role

    @staticmethod
    def _current_roles(user):
        if user.pk is None:
            return set()
        return {group.name for group in user.groups.all()} & set(Role.values)  # prefetched

    def existing_queryset(self):
        return super().existing_queryset().prefetch_related("groups")

    def clean_row(self, instance, row, errors):
        if instance.pk and instance.is_superuser:
            errors["Tên đăng nhập"] = _("Tài khoản quản trị hệ thống không sửa được bằng tệp nhập.")
        last_name, first_name = split_full_name(normalise_text(as_text(row.get("Họ và tên") or "")))
        if not first_name:
            errors["Họ và tên"] = _("Ô này không được để trống.")
        instance.last_name, instance.first_name = last_name, first_name
        try:
            self._wanted_role(row)
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

    def after_write(self, rows, user, reason):
        # Each account ends with exactly the role of its row (other groups are left alone).
        wanted = {}
        for row in rows:
            role = self._wanted_role(row.row).value
            current = set() if row.import_type == NEW else self._current_roles(row.instance)
            if current != {role}:
                wanted[row.instance.pk] = role
        if not wanted:
            return
        groups = {group.name: group for group in Group.objects.filter(name__in=wanted.values())}
        for name in set(wanted.values()) - groups.keys():
            groups[name] = Group.objects.create(name=name)
        links = User.groups.through
        links.objects.filter(user_id__in=wanted, group__name__in=Role.values).delete()
        links.objects.bulk_create(
            [links(user_id=pk, group_id=groups[name].pk) for pk, name in wanted.items()],
            batch_size=BATCH_SIZE,
        )

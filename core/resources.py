"""The base every spreadsheet import shares, and the widgets that read offices' cells.

`SpreadsheetResource` makes django-import-export behave as the office needs:
all or nothing (one bad row and the whole import is rolled back), every error tied to the
row number of the file and the column's header, re-importing the same file reports every row
as unchanged, and the column list the reader (`core.spreadsheets.read_table`) looks for.
"""

import copy
import datetime
import gc
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, connections, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import resources, widgets
from import_export.exceptions import ImportError
from import_export.results import RowResult
from openpyxl.utils.datetime import from_excel

from .history import acting, in_batches, record_history
from .names import name_key, normalise_text
from .spreadsheets import Column, clean_text

# --- widgets: each reads what offices write and says what is wrong in Vietnamese --------------


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value):
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
        if is_blank(value):
            if self.required:
                raise ValueError(_("Ô này không được để trống."))
            return ""
        text = as_text(value)
        return text if self.multiline else normalise_text(text)


class NumberWidget(widgets.Widget):
    """A positive whole number, written as a number or as text."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        text = as_text(value)
        if text.isdigit() and int(text) > 0:
            return int(text)
        raise ValueError(_("“%(value)s” không phải là số nguyên dương.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """One of a TextChoices, by its Vietnamese label or its stored value."""

    def __init__(self, choices):
        self.choices = choices
        self._keys = None  # {name key of a value or of a label in any language: choice}
        super().__init__()

    def lookup(self, text):
        if self._keys is None:
            # Built once with the labels of every language of the site, so a file in either
            # is read and no row pays for finding the active language.
            keys = {}
            for language, _name in reversed(settings.LANGUAGES):
                with override(language):
                    keys.update({name_key(str(c.label)): c for c in reversed(self.choices)})
            keys.update({name_key(c.value): c for c in reversed(self.choices)})
            self._keys = keys
        choice = self._keys.get(name_key(text))
        if choice is not None:
            return choice
        labels = ", ".join(f"“{choice.label}”" for choice in self.choices)
        raise ValueError(
            _("“%(value)s” không có trong danh sách: %(labels)s.")
            % {"value": text, "labels": labels}
        )

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        return self.lookup(as_text(value)).value

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    """Có / Không (also x, 1, 0, yes, no); an empty cell means yes."""

    YES = {"có", "co", "c", "x", "1", "true", "yes", "y"}
    NO = {"không", "khong", "k", "0", "false", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return True
        if isinstance(value, bool):
            return value
        text = name_key(as_text(value))
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s” phải là “Có” hoặc “Không”.") % {"value": as_text(value)})

    def render(self, value, obj=None, **kwargs):
        return _("Có") if value else _("Không")


class DateWidget(widgets.Widget):
    """A date as Excel stores it, or typed as dd/mm/yyyy (also yyyy-mm-dd)."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 2958465:
            # An Excel serial number whose cell lost its date format.
            return from_excel(value).date()
        text = as_text(value)
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


# --- the shared behaviour ------------------------------------------------------------------

NEW, UPDATE, SKIP = (
    RowResult.IMPORT_TYPE_NEW,
    RowResult.IMPORT_TYPE_UPDATE,
    RowResult.IMPORT_TYPE_SKIP,
)
INVALID = RowResult.IMPORT_TYPE_INVALID
# Rows per INSERT/UPDATE statement (SQLite's parameter limit makes Django's batches smaller).
BATCH_SIZE = 2000


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while an import runs. Each row's objects live
    until the import ends, and every full collection their allocations trigger scans them
    and the rest of the process for garbage they are not: a fifth of a 10,000-row import in
    a server process. Reference counting still frees what is dropped; the collector runs
    again after."""
    if not gc.isenabled():
        yield  # already paused by an outer import
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _key_value(value):
    return value.pk if isinstance(value, Model) else value


class CheckedRow:
    """One row of the file after its checks: the object as the file wants it, and what is wrong."""

    __slots__ = (
        "changed",
        "errors",
        "extra",
        "import_type",
        "instance",
        "number",
        "original",
        "row",
    )

    def __init__(self, number, row, instance, original, errors):
        self.number = number  # in the dataset, from 1; `file_row` gives the file's
        self.row = row
        self.instance = instance
        # A copy of the stored object before the file's values; None for a new one.
        self.original = original
        self.errors = errors  # {column header: message}
        self.import_type = INVALID if errors else ""
        self.changed = []
        self.extra = None  # what a resource notes for the write (a unit's new aliases)


class SpreadsheetResource(resources.ModelResource):
    """A ModelResource that imports all or nothing and reports errors by file row and column.

    The import checks every row in memory first: each cell through its widget, the columns
    that must not repeat in the file, `clean_row`, the model's own checks, then the unique
    fields against the file and the database in one query each. If any row is wrong, nothing
    is written and every bad row is reported. Otherwise the rows are written in bulk: the
    stored objects the file names are read in one query (`existing_instances`), new ones are
    inserted and changed ones updated a few thousand per statement, and each gets its history
    row (`record_history`, with the user and reason of `recorded_as`). django-import-export's
    own loop, which did a lookup, a savepoint, a save and a history row per row, is not used;
    its results (`Result`, `RowResult`, `InvalidRow`) are, so the admin's preview works as is.

    Subclasses declare their fields with Vietnamese column names and may set:
    `optional_columns` (columns a file may leave out), `other_column_names` ({column: (other
    headers people write)}), `column_widths` ({column: width} for exports),
    `duplicate_key` (the columns that must not repeat within one file), `compare_attributes`
    (attributes set by hooks rather than fields, compared to tell "unchanged"),
    `unchecked_attributes` (model fields the save fills in, left out of the model's checks),
    and override `clean_row(instance, row, errors)` for checks that need more than one cell,
    `row_checked(checked)` to note a good row for the rows after it, `before_write(rows)` and
    `after_write(rows, user, reason)` around the bulk write, or `write` itself.
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
        with collector_paused():
            return super().import_data(dataset, **kwargs)

    # reading what is stored

    def existing_queryset(self):
        """The stored objects a file may name, with the objects their imported relations point
        to (compared to tell what changed); subclasses prefetch what else their checks read."""
        options = self._meta.model._meta
        names = {f.name for f in options.concrete_fields if f.is_relation}
        related = [f.attribute for f in self.get_import_fields() if f.attribute in names]
        return self._meta.model._default_manager.select_related(*related)

    def _id_fields(self):
        return [self.fields[name] for name in self.get_import_id_fields()]

    def row_key(self, row):
        """The import key of a row (cleaned cells of the id fields); None if a cell is bad."""
        fields = self._id_fields()
        if not fields or any(field.column_name not in row for field in fields):
            return None
        try:
            return tuple(_key_value(field.clean(row)) for field in fields)
        except (ValueError, ValidationError):
            # A bad key cell: the row is reported with that cell's message by check_row.
            return None

    def existing_instances(self, dataset):
        """{import key: stored object} for the keys of the file (`self.row_keys`): what
        get_instance did row by row, in one query for the file.

        A file with as many keys as the table has rows (a first import, an export sent back)
        reads the whole table instead of naming each key, and notes the stored values of the
        unique fields so that `check_unique` needs no query either: on PostgreSQL an IN (...)
        of 10,000 values costs more than reading a table of 2,000 units."""
        keys = {key for key in self.row_keys if key is not None}
        if not keys:
            return {}
        fields = [self._meta.model._meta.get_field(f.attribute) for f in self._id_fields()]
        queryset = self.existing_queryset()
        if len(keys) >= queryset.count():
            stored = list(queryset)
            # Noted before any row changes these objects.
            self.stored_unique = {
                names: {tuple(getattr(obj, name) for name in names): obj.pk for obj in stored}
                for names in (tuple(f.attname for f in s) for s in self._unique_sets())
            }
        else:
            connection = connections[self.get_db_connection_name()]
            stored = [
                instance
                for chunk in in_batches(connection, {key[0] for key in keys})
                for instance in queryset.filter(**{f"{fields[0].name}__in": chunk})
            ]
        found = {}
        for instance in stored:
            key = tuple(getattr(instance, field.attname) for field in fields)
            if key in keys:
                found[key] = instance
        return found

    # hooks

    def before_import(self, dataset, **kwargs):
        # The rows as {column: cell}, made once: every check below reads them.
        self.dataset_rows = [dict(zip(dataset.headers, values, strict=True)) for values in dataset]
        self.source_rows = getattr(dataset, "source_rows", None) or list(range(2, len(dataset) + 2))
        self.prepare_lookups()
        self.file_errors = self._duplicates(dataset)
        self.row_keys = [self.row_key(row) for row in self.dataset_rows]
        self.stored_unique = None  # set by existing_instances when it reads the whole table
        self.existing = self.existing_instances(dataset)

    def prepare_lookups(self):
        """Read what the rows will be looked up against, once per import, before any check
        (units.resources fills its unit index here)."""

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
        for position, values in enumerate(self.dataset_rows, start=1):
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

    def row_checked(self, checked):
        """A row passed its checks: note what later rows of the file may refer to."""

    def validate_model(self, instance, errors):
        # The model's own checks, keyed by the column the user knows; a column that already
        # has a message from its cell is not checked twice. Unique fields and constraints are
        # checked for all rows at once (`check_unique`), not with a query per row.
        if not self._meta.clean_model_instances:
            return
        exclude = {self.attribute_of(column) for column in errors} | set(self.unchecked_attributes)
        # A relation set to an object is not checked again: the object came from a lookup
        # (or is a row of this file), and Django would query the database for each row.
        exclude |= {
            field.name
            for field in self._relations
            if field.is_cached(instance) and field.get_cached_value(instance) is not None
        }
        found = self._clean_fields(instance, exclude)
        # Model.clean() runs even when a field failed, as in full_clean().
        try:
            instance.clean()
        except ValidationError as error:
            error.update_error_dict(found)
        if found:
            had_errors = bool(errors)
            for key, messages in ValidationError(found).message_dict.items():
                if key == NON_FIELD_ERRORS and had_errors:
                    continue  # a check across fields fails because a cell already did
                column = key if key == NON_FIELD_ERRORS else (self.column_of(key) or key)
                errors.setdefault(column, " ".join(messages))

    _MEMO_TYPES = (str, int, bool, datetime.date)

    def _clean_fields(self, instance, exclude):
        """Model.clean_fields(), remembering the values a field has accepted: most columns
        repeat the same few values (a kind, "Có") down a file, and each check costs."""
        errors = {}
        for field in self._meta.model._meta.concrete_fields:
            if field.name in exclude or field.generated:
                continue
            value = getattr(instance, field.attname)
            if field.blank and value in field.empty_values:
                continue
            key = (field.attname, value) if type(value) in self._MEMO_TYPES else None
            if key is not None and key in self._accepted:
                continue
            try:
                cleaned = field.clean(value, instance)
            except ValidationError as error:
                errors[field.name] = error.error_list
                continue
            setattr(instance, field.attname, cleaned)
            # The value stays as it was: the next row with it skips the checks.
            unchanged = type(cleaned) is type(value) and cleaned == value
            if key is not None and not field.is_relation and unchanged:
                self._accepted.add(key)
        return errors

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

    def is_unchanged(self, instance, original, row, changed):
        """Whether a row naming a stored object is left as it is (reported as "skip")."""
        return not changed

    # checking

    def check_row(self, number, row):
        """The row's object as the file wants it, with every problem found in the row."""
        instance = self.existing.get(self.row_keys[number - 1])
        new = instance is None
        # The copy (Model.__getstate__ copies its caches too) tells what the file changed.
        original = None if new else copy.copy(instance)
        if new:
            instance = self.init_instance(row)
        errors = {}
        for field in self._fields_to_import:
            if field.column_name not in row:
                continue  # an optional column the file leaves out
            try:
                field.save(instance, row)
            except ValueError as error:
                errors[field.column_name] = str(error)
        errors.update(self.file_errors.get(number, {}))
        self._row_number = number
        self.clean_row(instance, row, errors)
        self.validate_model(instance, errors)
        checked = CheckedRow(number, row, instance, original, errors)
        if errors:
            return checked
        if new:
            checked.import_type = NEW
        else:
            checked.changed = self.changed_columns(instance, original, row)
            skip = self.is_unchanged(instance, original, row, checked.changed)
            checked.import_type = SKIP if skip else UPDATE
        self.row_checked(checked)
        return checked

    def _unique_sets(self):
        """The model's unique fields and unconditional unique constraints that the file sets:
        [(model fields)]."""
        options = self._meta.model._meta
        imported = {f.attribute for f in self.get_import_fields() if f.attribute}
        imported |= set(self.compare_attributes)
        sets = [(f,) for f in options.concrete_fields if f.unique and not f.primary_key]
        sets += [
            tuple(options.get_field(name) for name in names) for names in options.unique_together
        ]
        sets += [
            tuple(options.get_field(name) for name in constraint.fields)
            for constraint in options.total_unique_constraints
        ]
        return [s for s in sets if all({f.name, f.attname} & imported for f in s)]

    def check_unique(self, checked):
        """Unique fields against the other rows of the file and the stored objects: one query
        per unique field (or constraint) for the whole file."""
        model = self._meta.model
        key_names = [model._meta.get_field(f.attribute).attname for f in self._id_fields()]
        for fields in self._unique_sets():
            columns = [self.column_of(f.name) or self.column_of(f.attname) for f in fields]
            column = columns[-1] or fields[-1].name
            wanted = {}  # key -> the first row with it
            for row in checked:
                if any(c in row.errors for c in columns):
                    continue
                key = tuple(getattr(row.instance, f.attname) for f in fields)
                if any(value in (None, "") for value in key):
                    continue
                if key in wanted:
                    row.errors.setdefault(column, self._duplicate_message(wanted[key], key))
                else:
                    wanted[key] = row
            if not wanted:
                continue
            names = tuple(f.attname for f in fields)
            if list(names) == key_names:
                continue  # the import key: its stored objects were found in before_import
            if self.stored_unique is not None:
                stored = self.stored_unique[names].items()  # the whole table was read
            else:
                connection = connections[self.get_db_connection_name()]
                stored = [
                    (tuple(key), pk)
                    for chunk in in_batches(connection, {key[0] for key in wanted})
                    for *key, pk in model._default_manager.filter(
                        **{f"{names[0]}__in": chunk}
                    ).values_list(*names, "pk")
                ]
            for key, pk in stored:
                row = wanted.get(key)
                if row is not None and row.instance.pk != pk:
                    message = row.instance.unique_error_message(model, [f.name for f in fields])
                    row.errors.setdefault(column, " ".join(message.messages))
        for row in checked:
            if row.errors:
                row.import_type = INVALID

    def _duplicate_message(self, first, key):
        return _("“%(value)s” bị trùng với dòng %(row)s.") % {
            "value": " – ".join(str(value) for value in key),
            "row": self.file_row(first.number),
        }

    # writing

    def before_write(self, rows):
        """Fill what the model's save() would, before the rows are written in bulk."""

    def after_write(self, rows, user, reason):
        """Write what goes with the rows (aliases, roles) once they have their ids."""

    def _create(self, instances):
        # A new object may point to another new one (a unit under a unit defined higher in
        # the file): those wait for the next INSERT, once the one they point to has its id.
        model = self._meta.model
        relations = [f for f in model._meta.concrete_fields if f.is_relation]

        def waits(instance):
            return any(
                f.is_cached(instance)
                and f.get_cached_value(instance) is not None
                and f.get_cached_value(instance).pk is None
                for f in relations
            )

        pending = list(instances)
        while pending:
            ready = [instance for instance in pending if not waits(instance)]
            if not ready:
                raise ValueError("new rows point to one another")  # a file cannot do this
            model._default_manager.bulk_create(ready, batch_size=BATCH_SIZE)
            pending = [instance for instance in pending if instance.pk is None]

    def _changed_fields(self, rows):
        """The model fields that differ from what is stored in any of `rows`."""
        fields = [f for f in self._meta.model._meta.concrete_fields if not f.primary_key]
        for row in rows:
            for field in fields:
                # A relation set to an object created above: take its new id.
                if field.is_relation and field.is_cached(row.instance):
                    target = field.get_cached_value(row.instance)
                    if target is not None and getattr(row.instance, field.attname) != target.pk:
                        setattr(row.instance, field.attname, target.pk)
        return [
            field.name
            for field in fields
            if any(
                getattr(row.instance, field.attname) != getattr(row.original, field.attname)
                for row in rows
            )
        ]

    def write(self, rows, user, reason):
        """Write the good rows of a good file (no "skip" rows): inserts, updates, history."""
        model = self._meta.model
        created = [row.instance for row in rows if row.import_type == NEW]
        updated = [row for row in rows if row.import_type == UPDATE]
        self.before_write(rows)
        self._create(created)
        fields = self._changed_fields(updated)
        if fields:
            model._default_manager.bulk_update(
                [row.instance for row in updated], fields, batch_size=BATCH_SIZE
            )
        record_history(model, [instance.pk for instance in created], "+", user, reason)
        record_history(model, [row.instance.pk for row in updated], "~", user, reason)
        self.after_write(rows, user, reason)

    # the import

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        """Check every row, then write them all in bulk if none is wrong (see the class).

        Runs inside import_data's transaction, rolled back on a dry run or on any error: the
        preview writes (and undoes) exactly what the confirm will."""
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        if collect_failed_rows:
            result.add_dataset_headers(dataset.headers)
        try:
            self.before_import(dataset, **kwargs)
            self._check_import_id_fields(dataset.headers)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
            return result
        self._fields_to_import = [f for f in self.get_import_fields() if f.attribute]
        self._relations = [f for f in self._meta.model._meta.concrete_fields if f.is_relation]
        self._accepted = set()  # (field, value) the model's checks accepted in this file
        checked = [
            self.check_row(number, row) for number, row in enumerate(self.dataset_rows, start=1)
        ]
        self.check_unique(checked)
        if not any(row.errors for row in checked):
            file_name = kwargs.get("file_name")
            reason = _("Nhập từ tệp “%(file)s”") % {"file": file_name} if file_name else ""
            user, reason = acting(kwargs.get("user"), reason)
            try:
                with transaction.atomic(using=self.get_db_connection_name()):
                    self.write(
                        [row for row in checked if row.import_type in (NEW, UPDATE)], user, reason
                    )
            except DatabaseError as error:
                self.handle_import_error(result, error, raise_errors)
        show_diff = dry_run and kwargs.get("show_diff", False)  # a preview asks for it
        for row in checked:
            row_result = self._row_result(row, show_diff)
            result.increment_row_result_total(row_result)
            if row.errors:
                result.append_invalid_row(
                    row_result.source_row, row.row, row_result.validation_error
                )
                if collect_failed_rows:
                    result.append_failed_row(row.row, row_result.validation_error)
                if raise_errors:
                    raise ImportError(
                        row_result.validation_error, number=row_result.source_row, row=row.row
                    )
            if row_result.import_type != SKIP or self._meta.report_skipped:
                result.append_row_result(row_result)
        try:
            self.after_import(dataset, result, **kwargs)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        return result

    def _row_result(self, row, show_diff):
        row_result = self.get_row_result_class()()
        row_result.import_type = INVALID if row.errors else row.import_type
        row_result.source_row = self.file_row(row.number)
        row_result.changed_columns = row.changed
        if row.errors:
            row_result.validation_error = ValidationError(
                {column: [message] for column, message in row.errors.items()}
            )
            return row_result
        row_result.add_instance_info(row.instance)
        row_result.instance = row.instance
        if row.import_type != NEW:
            row_result.original = row.original
        if show_diff:
            # The admin's preview shows each column before and after.
            before = row.original if row.original is not None else self.init_instance(row.row)
            diff = self.get_diff_class()(self, before, row.import_type == NEW)
            diff.compare_with(self, row.instance)
            row_result.diff = diff.as_html()
        return row_result

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the id sequences here, for files that carry ids; ours never do,
        # and a reset could move a sequence back under another transaction's new rows.
        pass

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True

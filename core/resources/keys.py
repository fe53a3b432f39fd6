"""The import key and the unique fields: which stored objects a file names, and which rows
repeat one another or a stored object, in one query per file rather than one per row."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Model
from django.utils.translation import gettext as _

from ..history import in_batches
from ..names import name_key
from .rows import INVALID


def _key_value(value):
    return value.pk if isinstance(value, Model) else value


class StoredKeysMixin:
    """SpreadsheetResource's reading of what is stored, by import key and by unique field."""

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

"""Checking one row: its cells through their widgets, the resource's own checks, the model's
checks (remembering the values already accepted), and what the row changes."""

import copy
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .rows import NEW, SKIP, UPDATE, CheckedRow


class RowChecksMixin:
    """SpreadsheetResource's checks of each row, with the hooks subclasses override."""

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

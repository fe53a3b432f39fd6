"""SpreadsheetResource: the import all or nothing, errors by file row and column (see the class)."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from import_export import resources
from import_export.exceptions import ImportError

from ..history import acting
from ..spreadsheets import Column
from .checks import RowChecksMixin
from .keys import StoredKeysMixin
from .rows import INVALID, NEW, SKIP, UPDATE, collector_paused
from .writing import BulkWriteMixin


class SpreadsheetResource(StoredKeysMixin, RowChecksMixin, BulkWriteMixin, resources.ModelResource):
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
        self._report(result, checked, show_diff, raise_errors, collect_failed_rows)
        try:
            self.after_import(dataset, result, **kwargs)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        return result

    def _report(self, result, checked, show_diff, raise_errors, collect_failed_rows):
        """Each checked row into `result` as django-import-export reports it (the admin's
        preview and the staff page read it)."""
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

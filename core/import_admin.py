"""Django admin's import and export buttons, reading and writing files the way the staff page does.

django-import-export's admin flow (upload, preview, confirm) is kept; only the file formats are
ours: one import format that reads XLSX or CSV by content with `read_table` (title rows,
header search, size and row limits, Vietnamese messages), and export formats that write the
same files as the staff page (XLSX with an official document's header block, guarded CSV).
"""

import io

from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import Format

from .spreadsheets import SpreadsheetError, read_table, write_csv, write_official_xlsx


class _SpreadsheetImport(Format):
    resource_class = None

    def __init__(self, encoding=None):
        # Bytes in, whatever the encoding setting: read_table decodes a CSV itself.
        self.encoding = encoding

    def get_title(self):
        return "XLSX / CSV"

    def create_dataset(self, in_stream):
        return read_table(bytes(in_stream), self.resource_class.columns())

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "xlsx"

    def can_import(self):
        return True

    @classmethod
    def is_available(cls):
        return True


class _XLSXExport(Format):
    resource_class = None
    title = ""
    CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return "xlsx"

    def get_extension(self):
        return "xlsx"

    def get_content_type(self):
        return self.CONTENT_TYPE

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def can_export(self):
        return True

    @classmethod
    def is_available(cls):
        return True

    def export_data(self, dataset, **kwargs):
        widths = self.resource_class.column_widths
        stream = io.BytesIO()
        write_official_xlsx(
            stream,
            columns=[(header, widths.get(header, 16)) for header in dataset.headers],
            rows=[list(row) for row in dataset],
            title=self.title,
        )
        return stream.getvalue()


class _CSVExport(_XLSXExport):
    CONTENT_TYPE = "text/csv"

    def get_title(self):
        return "csv"

    def get_extension(self):
        return "csv"

    def is_binary(self):
        return False

    def get_read_mode(self):
        return "r"

    def export_data(self, dataset, **kwargs):
        stream = io.StringIO()
        write_csv(stream, dataset.headers, [list(row) for row in dataset])
        return "\ufeff" + stream.getvalue()


class SpreadsheetImportExportMixin(ImportExportMixin):
    """Import and export buttons for an admin whose `resource_classes` is one of our resources."""

    export_title = ""

    def _bound(self, base, **attributes):
        resource_class = self.resource_classes[0]
        return type(base.__name__, (base,), {"resource_class": resource_class, **attributes})

    def get_import_formats(self):
        return [self._bound(_SpreadsheetImport)]

    def get_export_formats(self):
        title = self.export_title or str(self.model._meta.verbose_name_plural).upper()
        return [self._bound(_XLSXExport, title=title), self._bound(_CSVExport, title=title)]

    def get_import_data_kwargs(self, **kwargs):
        # The admin's preview shows each column before and after (the staff page does not).
        return {**super().get_import_data_kwargs(**kwargs), "show_diff": True}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", e.message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

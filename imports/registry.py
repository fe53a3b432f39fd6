"""Spreadsheet imports and their matching exports: one place the staff page, the admin, the
commands and the tests all call.

`preview_import` reads a file and runs the import in a transaction it rolls back: the report
says what would be created, changed or left as it is, and lists every bad row. `run_import`
does the same and keeps the result only when there is no error at all (all or nothing).
`export_table` writes the same columns the import reads, as XLSX (with an official
document's header block) or CSV, so an exported file imports back unchanged.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.history_resources import AwardHistoryResource
from awards.resources import NomineeResource
from core.history import recorded_as
from core.resources import collector_paused
from core.spreadsheets import SpreadsheetError, read_table, write_csv, write_official_xlsx
from people.resources import RatingResource
from plan.resources import ResponsibleUnitResource, TaskResource
from units.resources import UnitResource, UserResource


@dataclass(frozen=True)
class ImportKind:
    slug: str
    label: str
    resource_class: type
    title: str
    # The rows belong to one unit, chosen on the form (or the officer's own): `unit=` is
    # passed to the import. Unit officers may run only these imports, for their unit.
    for_unit: bool = False
    # The rows belong to one year's plan: the export takes the year (?year=2013).
    per_plan: bool = False


IMPORT_KINDS = {
    kind.slug: kind
    for kind in (
        ImportKind("don-vi", gettext_lazy("Đơn vị"), UnitResource, "DANH SÁCH ĐƠN VỊ"),
        ImportKind(
            "nhiem-vu",
            gettext_lazy("Nhiệm vụ của kế hoạch"),
            TaskResource,
            "DANH SÁCH NHIỆM VỤ",
            per_plan=True,
        ),
        ImportKind(
            "don-vi-thuc-hien",
            gettext_lazy("Đơn vị thực hiện nhiệm vụ"),
            ResponsibleUnitResource,
            "ĐƠN VỊ THỰC HIỆN NHIỆM VỤ",
            per_plan=True,
        ),
        ImportKind("nguoi-dung", gettext_lazy("Người dùng"), UserResource, "DANH SÁCH NGƯỜI DÙNG"),
        ImportKind(
            "de-nghi-khen-thuong",
            gettext_lazy("Danh sách đề nghị khen thưởng của đơn vị"),
            NomineeResource,
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            for_unit=True,
        ),
        ImportKind(
            "lich-su-khen-thuong",
            gettext_lazy("Lịch sử khen thưởng"),
            AwardHistoryResource,
            "LỊCH SỬ KHEN THƯỞNG",
        ),
        ImportKind(
            "xep-loai", gettext_lazy("Xếp loại hằng năm"), RatingResource, "XẾP LOẠI HẰNG NĂM"
        ),
    )
}

# The names `manage.py import_data` also takes for the kinds (English, for scripts).
COMMAND_NAMES = {
    "units": "don-vi",
    "tasks": "nhiem-vu",
    "responsible_units": "don-vi-thuc-hien",
    "users": "nguoi-dung",
    "nominees": "de-nghi-khen-thuong",
    "award_history": "lich-su-khen-thuong",
    "ratings": "xep-loai",
}


def kind_named(name):
    """The import kind a command names by its slug or its English name; None if unknown."""
    return IMPORT_KINDS.get(COMMAND_NAMES.get(name, name))


@dataclass
class RowOutcome:
    row: int
    action: str  # "new", "update" or "skip"
    label: str
    changed: list = field(default_factory=list)


@dataclass
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    """What an import did or would do; nothing is written when `errors` is not empty."""

    kind: ImportKind
    file_name: str
    written: bool = False
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def _of(self, action):
        return [row for row in self.rows if row.action == action]

    @property
    def created(self):
        return self._of("new")

    @property
    def updated(self):
        return self._of("update")

    @property
    def skipped(self):
        return self._of("skip")


def _errors_of(result, resource):
    errors = []
    for error in result.base_errors:
        errors.append(RowError(None, "", str(error.error)))
    for invalid in result.invalid_rows:
        for key, messages in invalid.error_dict.items():
            column = "" if key == NON_FIELD_ERRORS else (resource.column_of(key) or key)
            errors.extend(RowError(invalid.number, column, str(m)) for m in messages)
    for error_row in result.error_rows:
        for error in error_row.errors:
            errors.append(RowError(error_row.number, "", str(error.error)))
    return sorted(errors, key=lambda e: (e.row or 0, e.column))


def _import(kind, data, file_name, user, dry_run, options):
    with collector_paused():  # reading the file too
        return _import_file(kind, data, file_name, user, dry_run, options)


def _import_file(kind, data, file_name, user, dry_run, options):
    report = ImportReport(kind=kind, file_name=file_name)
    resource = kind.resource_class()
    try:
        dataset = read_table(data, kind.resource_class.columns())
    except SpreadsheetError as error:
        report.errors.append(RowError(None, "", error.message))
        return report
    result = resource.import_data(
        dataset, dry_run=dry_run, user=user, file_name=file_name, **options
    )
    report.errors = _errors_of(result, resource)
    if report.errors:
        return report
    for row in result.rows:
        report.rows.append(
            RowOutcome(
                row=getattr(row, "source_row", 0),
                action=row.import_type,
                label=row.object_repr or "",
                changed=list(getattr(row, "changed_columns", [])),
            )
        )
    report.written = not dry_run
    return report


def preview_import(kind, data, file_name="", user=None, **options):
    """What importing `data` (the file's bytes) as `kind` would do; writes nothing.

    `options` go to the resource's import (`unit=` for a kind `for_unit`)."""
    return _import(kind, data, file_name, user, True, options)


@transaction.atomic
def run_import(kind, data, file_name="", user=None, **options):
    """Import `data` as `kind`, all or nothing; returns the report (errors mean nothing written).

    Every row it writes enters the audit trail (django-simple-history) under `user`, with the
    file's name as reason: one history row per object created or changed, which the record's
    page and the admin's history show. (Django admin's LogEntry is not written as well: it
    repeated the same who/when/file, a second row per object.)"""
    reason = _("Nhập từ tệp “%(file)s”") % {"file": file_name}
    with recorded_as(user, reason):
        return _import(kind, data, file_name, user, False, options)


# --- exports -------------------------------------------------------------------------------

EXPORT_FORMATS = ("xlsx", "csv")


def _table(kind, plan=None):
    resource = kind.resource_class()
    # Units, users and nominees are not kept per year: a year asked for them is ignored.
    queryset = (
        kind.resource_class.export_queryset(plan=plan)
        if plan is not None and kind.per_plan
        else kind.resource_class.export_queryset()
    )
    dataset = resource.export(queryset)
    return list(dataset.headers), [list(row) for row in dataset]


def export_table(kind, fmt, plan=None):
    """The file (bytes) of every row of `kind` (of `plan` for tasks), in the columns its import
    reads: XLSX under an official document's header block, or a plain CSV."""
    headers, rows = _table(kind, plan)
    if fmt == "csv":
        stream = io.StringIO()
        write_csv(stream, headers, rows)
        return stream.getvalue().encode("utf-8-sig")
    widths = kind.resource_class.column_widths
    subtitles = []
    if plan is not None:
        subtitles.append(
            _("Kế hoạch số %(number)s, năm %(year)s")
            % {
                "number": plan.number,
                "year": plan.year,
            }
        )
    subtitles.append(_("Xuất ngày %(date)s") % {"date": datetime.date.today().strftime("%d/%m/%Y")})
    stream = io.BytesIO()
    write_official_xlsx(
        stream,
        columns=[(header, widths.get(header, 16)) for header in headers],
        rows=rows,
        title=kind.title,
        subtitles=subtitles,
        sheet_title=str(kind.label),
    )
    return stream.getvalue()

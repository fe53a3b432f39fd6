"""Export units and tasks, import them into an empty database, export again: the same data."""

import io

import openpyxl
import pytest

from awards.models import Batch
from imports.registry import IMPORT_KINDS, export_table, run_import
from plan.models import (
    ProgressReport,
    Reminder,
    Requirement,
    ResponsibleUnit,
    Submission,
    SubmissionReview,
    Task,
    TaskPart,
)
from units.models import Cluster, Unit, UnitAlias, User

pytestmark = pytest.mark.django_db

KINDS = ["don-vi", "nhiem-vu", "don-vi-thuc-hien"]


def table(data, fmt):
    """The rows of an exported file from its header row down, as text."""
    if fmt == "csv":
        import csv

        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        first = next(i for i, row in enumerate(rows) if row[0] in ("Mã đơn vị", "Năm"))
        rows = rows[first:]
    return [["" if v is None else str(v) for v in row] for row in rows]


def empty_the_database():
    for model in (Reminder, SubmissionReview, Submission, ProgressReport, TaskPart, Requirement):
        model.objects.all().delete()
    Cluster.objects.all().delete()
    Batch.objects.all().delete()  # the award catalogue's batches point at tasks 13 and 26
    ResponsibleUnit.objects.all().delete()
    Task.objects.all().delete()
    User.objects.update(unit=None)
    UnitAlias.objects.all().delete()
    while Unit.objects.exists():
        Unit.objects.filter(children__isnull=True).delete()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_import_export_gives_the_same_data(plan_2013, fmt):
    first = {slug: export_table(IMPORT_KINDS[slug], fmt) for slug in KINDS}
    empty_the_database()
    assert not Unit.objects.exists() and not Task.objects.exists()
    for slug in KINDS:
        report = run_import(IMPORT_KINDS[slug], first[slug], f"{slug}.{fmt}")
        assert report.ok, report.errors
        assert report.created and not report.updated and not report.skipped
    assert Unit.objects.count() == 52 and Task.objects.count() == 34
    for slug in KINDS:
        again = export_table(IMPORT_KINDS[slug], fmt)
        assert table(again, fmt) == table(first[slug], fmt), slug

"""Files for the import tests, built in the test the way offices make them."""

import csv
import io

import openpyxl
import pytest


def xlsx_bytes(rows, title_rows=()):
    """An XLSX file: optional title rows above the header, then `rows` (header first)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in title_rows:
        sheet.append(line)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_bytes(rows, encoding="utf-8-sig", delimiter=","):
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return stream.getvalue().encode(encoding)


@pytest.fixture
def make_xlsx():
    return xlsx_bytes


@pytest.fixture
def make_csv():
    return csv_bytes

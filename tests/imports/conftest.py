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


UNIT_HEADER = [
    "Mã đơn vị",
    "Tên đầy đủ",
    "Tên viết tắt",
    "Loại đơn vị",
    "Đơn vị cấp trên",
    "Thư điện tử",
    "Tham gia kế hoạch",
    "Tên gọi khác",
]


def unit_row(code, name, parent="UBND tỉnh", kind="Sở, ban, ngành", aliases="", short=""):
    email = f"{code.strip()}@langson.gov.vn" if code.strip() else ""
    return [code, name, short, kind, parent, email, "Có", aliases]


@pytest.fixture
def plan_2014(plan_2013):
    """An empty 2014 plan to import tasks into (plans themselves come whole via load_plan)."""
    from plan.models import Plan

    fields = {
        f.name: getattr(plan_2013, f.name)
        for f in Plan._meta.concrete_fields
        if f.name not in ("id", "year")
    }
    return Plan.objects.create(year=2014, **{**fields, "number": "5/KH-UBND"})

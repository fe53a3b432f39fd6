"""The "Năm học" column of the nominees' import, driven as an officer does it: choose the
kind, pick the file, preview, confirm; a badly written school year is shown at its row and
column and nothing is written."""

import pytest
from playwright.sync_api import expect

from awards.models import Dossier
from tests.browser.conftest import sign_in
from tests.imports.conftest import xlsx_bytes
from tests.imports.test_nominees_import import HEADER, nominee

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nominees_file(school_year):
    rows = [
        [*HEADER[:8], "Năm học", *HEADER[8:]],
        [*nominee("Nông Thị Thu")[:8], school_year, *nominee("Nông Thị Thu")[8:]],
    ]
    return {"name": "de-nghi.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}


def upload(page, file):
    page.goto(page.base_url + "/nhap-du-lieu/")
    page.get_by_label("Loại dữ liệu").select_option("de-nghi-khen-thuong")
    page.get_by_label("Tệp XLSX hoặc CSV").set_input_files(file)
    page.get_by_role("button", name="Xem trước").click()


def test_an_officer_imports_a_nominee_with_a_school_year(page, password):
    sign_in(page, "officer", password)
    upload(page, nominees_file("2012/2013"))
    errors = page.locator("table.import-errors")
    expect(errors).to_contain_text("Năm học")
    expect(errors).to_contain_text("Năm học “2012/2013” không hợp lệ (ví dụ 2012-2013).")
    assert not Dossier.objects.filter(full_name="Nông Thị Thu").exists()

    upload(page, nominees_file("2012-2013"))
    expect(page.locator("table.import-preview")).to_contain_text("Nông Thị Thu")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhập xong.")
    dossier = Dossier.objects.get(full_name="Nông Thị Thu")
    assert dossier.school_year_start == 2012
    page.goto(page.base_url + f"/ho-so/{dossier.pk}/")
    expect(page.locator(".school-year")).to_have_text("Năm học 2012-2013")

"""The staff page: preview writes nothing, confirm writes; only the office and admins get in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db


def upload(client, rows, kind="don-vi"):
    data = SimpleUploadedFile("don-vi.xlsx", xlsx_bytes(rows))
    return client.post(reverse("import-data"), {"kind": kind, "file": data})


@pytest.mark.parametrize("username", ["officer", "council", "leader"])
def test_other_roles_are_refused(client, username, django_user_model):
    client.force_login(django_user_model.objects.get(username=username))
    # An officer sees the page for their unit's list of nominees only (test_nominees_import).
    assert client.get(reverse("import-data")).status_code == (200 if username == "officer" else 403)
    assert upload(client, [UNIT_HEADER, unit_row("so-x", "Sở X")]).status_code == 403
    confirm = client.post(reverse("import-confirm"), {"token": "x"})
    if username == "officer":
        assert "Không còn tệp nào chờ xác nhận" in confirm.content.decode()
    else:
        assert confirm.status_code == 403
    assert client.get(reverse("export-data", args=["don-vi"])).status_code == 403
    assert not Unit.objects.filter(code="so-x").exists()


@pytest.mark.parametrize("username", ["staff", "admin"])
def test_office_staff_and_admin_see_the_page_and_the_password_rule(
    client, username, django_user_model
):
    client.force_login(django_user_model.objects.get(username=username))
    page = client.get(reverse("import-data")).content.decode()
    assert "Nhập dữ liệu từ bảng tính" in page
    assert "không bao giờ đặt mật khẩu" in page


def test_preview_writes_nothing_and_confirm_writes(client, staff):
    client.force_login(staff)
    response = upload(client, [UNIT_HEADER, unit_row("so-x", "Sở X")])
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước: chưa có gì được ghi." in page and "Thêm mới" in page
    assert not Unit.objects.filter(code="so-x").exists()
    token = response.context["token"]
    response = client.post(reverse("import-confirm"), {"token": token})
    assert "Đã nhập xong." in response.content.decode()
    assert Unit.objects.get(code="so-x").name == "Sở X"
    # the waiting file is gone: confirming twice does nothing more
    again = client.post(reverse("import-confirm"), {"token": token})
    assert "Không còn tệp nào chờ xác nhận" in again.content.decode()


def test_errors_are_listed_with_row_and_column_and_no_confirm_button(client, staff):
    client.force_login(staff)
    rows = [UNIT_HEADER, unit_row("so-x", "Sở X"), unit_row("so-y", "Sở Y", parent="Sở XYZ")]
    response = upload(client, rows)
    page = response.content.decode()
    assert "Không tìm thấy đơn vị “Sở XYZ”." in page
    assert "<td>3</td><td>Đơn vị cấp trên</td>" in page
    assert reverse("import-confirm") not in page
    assert not Unit.objects.filter(code__in=["so-x", "so-y"]).exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_page(client, staff):
    client.force_login(staff)
    data = SimpleUploadedFile("don-vi.xlsx", b"%PDF-1.4 \x00\x01\x02")
    response = client.post(reverse("import-data"), {"kind": "don-vi", "file": data})
    assert "không phải là bảng tính" in response.content.decode()


def test_export_downloads_the_import_format(client, staff):
    client.force_login(staff)
    response = client.get(
        reverse("export-data", args=["nhiem-vu"]), {"format": "csv", "year": 2013}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhiem-vu-2013.csv"'
    assert response.content.decode("utf-8-sig").startswith("Năm,TT,Quý,Nội dung nhiệm vụ,Hạn")
    assert client.get(reverse("export-data", args=["khac"])).status_code == 404


def test_a_year_asked_for_units_is_ignored_not_an_error(client, staff):
    """Units are not kept per year: the file is every unit, whatever the address says."""
    client.force_login(staff)
    response = client.get(reverse("export-data", args=["don-vi"]), {"format": "csv", "year": 2013})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) - 1 == Unit.objects.count()

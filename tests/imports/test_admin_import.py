"""Django admin's import goes through the same reader and resources: preview, then confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_admin_import_previews_then_confirms(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:units_unit_import")
    data = SimpleUploadedFile(
        "don-vi.xlsx", xlsx_bytes([UNIT_HEADER, unit_row("so-ad", "Sở Admin")])
    )
    response = client.post(url, {"import_file": data, "format": "0", "resource": "0"})
    assert response.status_code == 200
    assert not Unit.objects.filter(code="so-ad").exists()
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:units_unit_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Unit.objects.get(code="so-ad").parent.code == "ubnd-tinh"


def test_admin_import_shows_our_message_for_a_bad_file(client, admin_user):
    client.force_login(admin_user)
    data = SimpleUploadedFile("don-vi.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    response = client.post(
        reverse("admin:units_unit_import"), {"import_file": data, "format": "0", "resource": "0"}
    )
    assert "mật khẩu" in response.content.decode()


def test_admin_import_reports_the_file_row(client, admin_user):
    client.force_login(admin_user)
    rows = [UNIT_HEADER, unit_row("so-a", "Sở A"), unit_row("so-b", "Sở B", parent="Sở XYZ")]
    data = SimpleUploadedFile("don-vi.xlsx", xlsx_bytes(rows, title_rows=[["DANH SÁCH"]]))
    response = client.post(
        reverse("admin:units_unit_import"), {"import_file": data, "format": "0", "resource": "0"}
    )
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 4
    assert "Không tìm thấy đơn vị “Sở XYZ”." in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None


def test_admin_export_of_units_is_the_official_xlsx(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:units_unit_export"),
        {"format": "0", "resource": "0", "unitresource_code": True, "unitresource_name": True},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")

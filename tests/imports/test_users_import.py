"""Accounts from a spreadsheet: unit by any name, role by its label, never a password."""

import pytest

from imports.registry import IMPORT_KINDS, export_table, run_import
from tests.imports.conftest import xlsx_bytes
from units.enums import Role
from units.models import User

pytestmark = pytest.mark.django_db

USERS = IMPORT_KINDS["nguoi-dung"]
HEADER = ["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Đơn vị", "Vai trò"]


def test_new_accounts_get_unit_and_role_but_no_password_and_stay_closed():
    rows = [
        HEADER,
        ["canbo1", "Nguyễn Văn An", "an@langson.gov.vn", "Sở NN & PTNT", "Cán bộ đơn vị"],
        ["canbo2", "Lê Thị Bình", "", "UBND tỉnh", "leader"],
    ]
    report = run_import(USERS, xlsx_bytes(rows), "u.xlsx")
    assert report.ok, report.errors
    user = User.objects.get(username="canbo1")
    assert (user.last_name, user.first_name) == ("Nguyễn Văn", "An")
    assert user.unit.code == "so-nn-ptnt"
    assert user.roles == [Role.UNIT_OFFICER]
    assert not user.has_usable_password()
    assert not user.is_active
    assert User.objects.get(username="canbo2").roles == [Role.LEADER]


def test_an_existing_account_keeps_its_password_and_state(officer, password):
    rows = [HEADER, ["officer", "Hoàng Văn Minh", "", "Sở Giáo dục và Đào tạo", "Cán bộ Ban TĐKT"]]
    report = run_import(USERS, xlsx_bytes(rows), "u.xlsx")
    assert report.ok, report.errors
    officer.refresh_from_db()
    assert officer.check_password(password) and officer.is_active
    assert officer.roles == [Role.OFFICE_STAFF]
    assert report.updated[0].changed == ["Vai trò"]


def test_the_admin_role_and_admin_accounts_cannot_come_from_a_file():
    rows = [
        HEADER,
        ["moi", "Trần Văn Mới", "", "", "Quản trị hệ thống"],
        ["admin", "Quản trị hệ thống", "", "", "Cán bộ đơn vị"],
        ["khac", "Trần Văn Khác", "", "Sở XYZ", "vai trò lạ"],
    ]
    report = run_import(USERS, xlsx_bytes(rows), "u.xlsx")
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "Vai trò"),
        (3, "Tên đăng nhập"),
        (4, "Đơn vị"),
        (4, "Vai trò"),
    }
    assert not User.objects.filter(username__in=["moi", "khac"]).exists()


def test_the_users_export_reimports_unchanged():
    report = run_import(USERS, export_table(USERS, "xlsx"), "u.xlsx")
    assert report.ok, report.errors
    assert len(report.skipped) == User.objects.filter(is_superuser=False).count()
    assert not report.created and not report.updated

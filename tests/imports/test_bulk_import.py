"""Imports check every row, then write in bulk: the guarantees of the row-by-row import hold
(history naming the importer, all or nothing, every bad row, duplicates, updates) and the
number of queries does not grow with the rows."""

import math
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.registry import IMPORT_KINDS, preview_import, run_import
from plan.models import ResponsibleUnit, Task
from tests.imports.conftest import UNIT_HEADER, unit_row, xlsx_bytes
from units.enums import Role
from units.models import Unit, UnitAlias, User

pytestmark = pytest.mark.django_db

UNITS = IMPORT_KINDS["don-vi"]
USERS = IMPORT_KINDS["nguoi-dung"]
RESPONSIBLE = IMPORT_KINDS["don-vi-thuc-hien"]


def many_units(count, prefix="bulk"):
    """`count` rows of new units under UBND tỉnh, every tenth with another spelling."""
    return [
        unit_row(
            f"{prefix}-{i:04d}",
            f"Đơn vị {prefix} {i:04d}",
            aliases=f"ĐV {prefix} {i:04d}" if i % 10 == 0 else "",
        )
        for i in range(1, count + 1)
    ]


def test_each_created_or_changed_row_has_one_history_row_naming_the_importer(staff):
    school = Unit.objects.get(code="so-gd-dt")
    school_history = school.history.count()
    rows = [
        UNIT_HEADER,
        unit_row("so-lich-su", "Sở Lịch Sử", aliases="SLS"),
        # under a unit defined on the row above, by its alias
        ["phong-lich-su", "Phòng Lịch Sử", "", "Cơ quan, đơn vị khác", "SLS", "", "Có", ""],
        # an existing unit with a new e-mail
        ["so-gd-dt", school.name, school.short_name, "Sở, ban, ngành", "UBND tỉnh",
         "moi@langson.gov.vn", "Có", ""],
    ]  # fmt: skip
    report = run_import(UNITS, xlsx_bytes(rows), "lich-su.xlsx", staff)
    assert report.ok, report.errors
    assert [r.action for r in report.rows] == ["new", "new", "update"]

    for code in ("so-lich-su", "phong-lich-su"):
        [record] = Unit.objects.get(code=code).history.all()
        assert (record.history_type, record.history_user) == ("+", staff)
        assert record.history_change_reason == "Nhập từ tệp “lich-su.xlsx”"
    child = Unit.objects.get(code="phong-lich-su")
    assert child.parent.code == "so-lich-su"
    assert child.history.get().parent_id == child.parent_id  # the row as written, parent included

    assert school.history.count() == school_history + 1
    record = school.history.latest()
    assert (record.history_type, record.history_user, record.email) == (
        "~",
        staff,
        "moi@langson.gov.vn",
    )
    assert record.history_change_reason == "Nhập từ tệp “lich-su.xlsx”"

    [alias] = UnitAlias.objects.filter(name="SLS")
    [record] = alias.history.all()
    assert (record.history_type, record.history_user) == ("+", staff)

    # The same file again changes nothing, so it writes no history either.
    before = Unit.history.count()
    again = run_import(UNITS, xlsx_bytes(rows), "lich-su.xlsx", staff)
    assert [r.action for r in again.rows] == ["skip", "skip", "skip"]
    assert Unit.history.count() == before


def test_a_bad_row_at_the_end_of_a_large_file_writes_nothing(staff):
    counts = (Unit.objects.count(), Unit.history.count(), UnitAlias.objects.count())
    rows = [UNIT_HEADER, *many_units(600), unit_row("bulk-cuoi", "Đơn vị cuối", kind="Loại lạ")]
    report = run_import(UNITS, xlsx_bytes(rows), "lon.xlsx", staff)
    assert not report.ok and not report.written
    assert [(e.row, e.column) for e in report.errors] == [(602, "Loại đơn vị")]
    assert "“Loại lạ” không có trong danh sách" in report.errors[0].message
    assert (Unit.objects.count(), Unit.history.count(), UnitAlias.objects.count()) == counts


def test_every_bad_row_of_a_large_file_is_reported_with_its_row_and_column(staff):
    rows = [UNIT_HEADER, *many_units(500)]
    rows[1][4] = "Sở Không Có"  # file row 2: an unknown parent
    rows[250][5] = "khong-phai-email"  # row 251
    rows[300][0] = "bulk-0007"  # row 301: the code of row 8 again
    rows[400][1] = "đơn vị BULK 0009"  # row 401: the name of row 10, written differently
    rows[450][1] = "Sở Giáo dục và Đào tạo"  # row 451: the name of a stored unit
    rows[500][0] = "mã có dấu cách"  # row 501: not a code
    report = run_import(UNITS, xlsx_bytes(rows), "lon.xlsx", staff)
    assert not report.ok and not report.written
    found = {(e.row, e.column): e.message for e in report.errors}
    assert set(found) == {
        (2, "Đơn vị cấp trên"),
        (251, "Thư điện tử"),
        (301, "Mã đơn vị"),
        (401, "Tên đầy đủ"),
        (451, "Tên đầy đủ"),
        (501, "Mã đơn vị"),
    }
    assert found[(2, "Đơn vị cấp trên")] == "Không tìm thấy đơn vị “Sở Không Có”."
    assert found[(301, "Mã đơn vị")] == "“bulk-0007” bị trùng với dòng 8."
    assert found[(401, "Tên đầy đủ")] == "Tên “đơn vị BULK 0009” bị trùng với dòng 10."
    assert "đã là tên của đơn vị khác" in found[(451, "Tên đầy đủ")]
    assert not Unit.objects.filter(code__startswith="bulk-").exists()


def test_an_existing_unit_is_updated_in_place_not_duplicated(staff):
    school = Unit.objects.get(code="so-gd-dt")
    count = Unit.objects.count()
    rows = [
        UNIT_HEADER,
        unit_row("khoi-giao-duc", "Khối Giáo dục"),
        ["so-gd-dt", school.name, "Sở GDĐT LS", "Sở, ban, ngành", "Khối Giáo dục", "", "Có",
         "Sở Giáo dục"],
    ]  # fmt: skip
    report = run_import(UNITS, xlsx_bytes(rows), "a.xlsx", staff)
    assert report.ok, report.errors
    [updated] = report.updated
    changed = {"Tên viết tắt", "Đơn vị cấp trên", "Thư điện tử", "Tên gọi khác"}
    assert set(updated.changed) == changed
    assert Unit.objects.count() == count + 1  # the new parent only
    school.refresh_from_db()
    assert (school.short_name, school.parent.code, school.email) == (
        "Sở GDĐT LS",
        "khoi-giao-duc",
        "",
    )
    assert school.aliases.filter(name="Sở Giáo dục").exists()


def test_the_preview_writes_no_row_and_no_history(staff):
    counts = (Unit.objects.count(), Unit.history.count(), UnitAlias.history.count())
    report = preview_import(UNITS, xlsx_bytes([UNIT_HEADER, *many_units(50)]), "a.xlsx", staff)
    assert report.ok and not report.written and len(report.created) == 50
    assert (Unit.objects.count(), Unit.history.count(), UnitAlias.history.count()) == counts


def test_imported_accounts_have_history_naming_the_importer_and_their_roles(staff):
    rows = [["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Đơn vị", "Vai trò"]]
    rows += [[f"canbo{i}", f"Nguyễn Văn {i}", "", "UBND tỉnh", "Cán bộ đơn vị"] for i in range(30)]
    rows.append(["officer", "Hoàng Văn Minh", "", "Sở Giáo dục và Đào tạo", "Lãnh đạo"])
    report = run_import(USERS, xlsx_bytes(rows), "nguoi-dung.xlsx", staff)
    assert report.ok, report.errors
    for user in User.objects.filter(username__startswith="canbo"):
        assert user.roles == [Role.UNIT_OFFICER]
        [record] = user.history.all()
        assert (record.history_type, record.history_user) == ("+", staff)
    officer = User.objects.get(username="officer")
    assert officer.roles == [Role.LEADER]
    assert officer.history.latest().history_user == staff


def test_an_admin_import_names_the_admin_and_the_file(client, admin_user):
    client.force_login(admin_user)
    data = SimpleUploadedFile("tu-admin.xlsx", xlsx_bytes([UNIT_HEADER, *many_units(3, "ad")]))
    response = client.post(
        reverse("admin:units_unit_import"), {"import_file": data, "format": "0", "resource": "0"}
    )
    # The preview shows each row's columns as they would be.
    [first, *_others] = response.context["result"].valid_rows()
    assert first.import_type == "new"
    assert "Đơn vị ad 0001" in "".join(first.diff)
    confirm = response.context["confirm_form"]
    client.post(reverse("admin:units_unit_process_import"), confirm.initial)
    record = Unit.objects.get(code="ad-0001").history.get()
    assert record.history_user == admin_user
    assert "tu-admin.xlsx" in record.history_change_reason


# --- queries -------------------------------------------------------------------------------


def _import_queries(count, staff):
    """The statements a units import of `count` rows makes: new units with parents and
    aliases, one under a unit defined on the first row, and five stored units changed."""
    rows = [UNIT_HEADER, unit_row(f"dau-{count}", f"Khối đầu {count}")]
    rows += many_units(count - 6, prefix=f"n{count}")
    rows[-1][4] = f"Khối đầu {count}"  # under the unit of the first row
    for unit in Unit.objects.exclude(code="ubnd-tinh").order_by("code")[:5]:
        rows.append([unit.code, unit.name, unit.short_name, unit.kind, "UBND tỉnh",
                     f"{unit.code}@moi{count}.vn", "Có", f"{unit.name} ({count})"])  # fmt: skip
    data = xlsx_bytes(rows)
    with CaptureQueriesContext(connection) as captured:
        report = run_import(UNITS, data, "a.xlsx", staff)
    assert report.ok, report.errors[:3]
    assert (len(report.created), len(report.updated)) == (count - 5, 5)
    return [query["sql"] for query in captured.captured_queries]


def _batches(model, count):
    """INSERT statements Django makes on this database for `count` new objects of `model`."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return math.ceil(count / connection.ops.bulk_batch_size(fields, [None] * count))


def _statements(queries):
    """How many statements of each kind: INSERTs by table, the others by their first word."""
    return Counter(
        f"INSERT {sql.split()[2]}" if sql.startswith("INSERT") else sql.split()[0]
        for sql in queries
    )


def assert_only_insert_batches_grow(small, large, extra):
    """The larger import makes no more statements than the smaller one, but for the INSERTs
    the database's limit on parameters splits: `extra` {INSERT "table": more statements}
    (999 parameters at a time on SQLite with Django 5.2; no limit on PostgreSQL)."""
    small, large = _statements(small), _statements(large)
    for statement, count in large.items():
        allowed = small[statement]
        if connection.vendor == "sqlite":
            allowed += extra.get(statement, 0)
        assert count <= allowed, (statement, count, allowed)


def test_a_500_row_units_import_makes_no_more_queries_than_a_50_row_one(staff):
    small, large = _import_queries(50, staff), _import_queries(500, staff)
    # New units go in two rounds: all but the last, then the last (it waits for its parent).
    extra = _batches(Unit, 500 - 6) - _batches(Unit, 50 - 6)
    assert_only_insert_batches_grow(small, large, {'INSERT "units_unit"': extra})


def _users_queries(count, staff):
    rows = [["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Đơn vị", "Vai trò"]]
    rows += [
        [f"cb{count}-{i}", f"Nguyễn Văn {i}", "", "UBND tỉnh", "Cán bộ đơn vị"]
        for i in range(count - 1)
    ]
    # and a stored account whose role changes
    role = "Lãnh đạo" if count == 50 else "Cán bộ Ban TĐKT"
    rows.append(["officer", "Hoàng Văn Minh", "", "Sở Giáo dục và Đào tạo", role])
    with CaptureQueriesContext(connection) as captured:
        report = run_import(USERS, xlsx_bytes(rows), "u.xlsx", staff)
    assert report.ok, report.errors[:3]
    assert (len(report.created), len(report.updated)) == (count - 1, 1)
    return [query["sql"] for query in captured.captured_queries]


def test_a_500_row_users_import_makes_no_more_queries_than_a_50_row_one(staff):
    small, large = _users_queries(50, staff), _users_queries(500, staff)
    links = User.groups.through
    extra = {
        'INSERT "units_user"': _batches(User, 499) - _batches(User, 49),
        'INSERT "units_user_groups"': _batches(links, 500) - _batches(links, 50),
    }
    assert_only_insert_batches_grow(small, large, extra)


def _responsible_queries(tasks, plan):
    rows = [["Năm", "TT nhiệm vụ", "Thứ tự", "Đơn vị thực hiện"]]
    rows += [[plan.year, task, place, "UBND tỉnh"] for task in tasks for place in range(1, 11)]
    rows[-1][3] = "Các đơn vị"
    with CaptureQueriesContext(connection) as captured:
        report = run_import(RESPONSIBLE, xlsx_bytes(rows), "r.xlsx")
    assert report.ok, report.errors[:3]
    assert len(report.created) == len(tasks) * 10
    return [query["sql"] for query in captured.captured_queries]


def test_a_500_row_responsible_units_import_makes_no_more_queries_than_a_50_row_one(plan_2014):
    tasks = [Task(plan=plan_2014, number=n, quarter=1, content=f"Việc {n}") for n in range(1, 56)]
    for task in tasks:
        task.fill_due_date()
    Task.objects.bulk_create(tasks)
    small = _responsible_queries(range(1, 6), plan_2014)
    large = _responsible_queries(range(6, 56), plan_2014)
    extra = _batches(ResponsibleUnit, 500) - _batches(ResponsibleUnit, 50)
    assert_only_insert_batches_grow(small, large, {'INSERT "plan_responsibleunit"': extra})

"""English mode is complete: the XLSX reports, a dossier's history and Django admin read in
English; and admin reads in Vietnamese in Vietnamese mode (not Django's "Bản ghi nhớ")."""

import io

import openpyxl
import pytest
from django.urls import reverse

from awards.enums import DossierState as S
from demo import awards as demo
from plan.models import Task
from units.models import User

pytestmark = pytest.mark.django_db


def _in(client, language):
    client.cookies["django_language"] = language
    return client


def _cells(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    return [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]


@pytest.mark.parametrize(
    ("url", "query", "english", "vietnamese"),
    [
        ("dashboard-export", {"ngay": "31/12/2013"}, "PLAN PROGRESS REPORT", "Nội dung nhiệm vụ"),
        ("part-list", {"xuat": "xlsx"}, "UNITS' PARTS OF THE TASKS", "Trạng thái"),
        ("unit-list", {"xuat": "xlsx", "q": "cao loc"}, "UNITS", "Tên đơn vị"),
        ("awards:inbox", {"xuat": "xlsx"}, "COMMENDATION DOSSIERS SENT BY THE UNITS", "Số hồ sơ"),
        ("awards:council", {"xuat": "xlsx"}, "EMULATION AND COMMENDATION COUNCIL", "Đối tượng"),
        ("awards:initiatives", {"xuat": "xlsx"}, "INITIATIVES", "Tác giả"),
    ],
)
def test_xlsx_reports_are_in_english_in_english_mode(
    client, staff, url, query, english, vietnamese
):
    client.force_login(staff)
    cells = _cells(_in(client, "en").get(reverse(url), query))
    assert english in cells
    assert "SOCIALIST REPUBLIC OF VIET NAM" in cells
    assert vietnamese not in cells
    # In Vietnamese mode, the office's own document as before.
    cells = _cells(_in(client, "vi").get(reverse(url), query))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert english not in cells


def test_a_dossiers_history_names_its_moves_in_the_readers_language(client):
    people = {name: User.objects.get(username=name) for name in ("officer", "staff", "council")}
    dossier = demo.new_dossier(people["officer"], "bang-khen-tinh", name="Hoàng Văn Bình")
    demo.advance(dossier, S.IN_APPRAISAL, **people)
    client.force_login(people["staff"])
    english = _in(client, "en").get(reverse("awards:dossier", args=[dossier.pk]))
    page = english.content.decode()
    assert "Create dossier" in page and "Lập hồ sơ" not in page
    reasons = [entry["reason"] for entry in english.context["change_history"]]
    assert "Receive and appraise" in reasons[0] and "Nộp hồ sơ" not in reasons
    page = _in(client, "vi").get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert "Lập hồ sơ" in page and "Tiếp nhận, thẩm định" in page


def _admin_pages(client):
    task = Task.objects.get(plan__year=2013, number=4)
    pages = [
        reverse("admin:index"),
        reverse("admin:plan_task_change", args=[task.pk]),
        reverse("admin:plan_task_history", args=[task.pk]),
        reverse("admin:units_unit_import"),
        reverse("admin:axes_accessattempt_changelist"),
    ]
    return " ".join(client.get(url).content.decode() for url in pages)


def test_admin_reads_in_vietnamese_in_vietnamese_mode(client, admin_user):
    client.force_login(admin_user)
    page = _admin_pages(_in(client, "vi"))
    for wrong in ("Trang quản trị cho Django", "Bản ghi nhớ", "Site quản trị", "Thêm vào"):
        assert wrong not in page
    for english in ("Skip to main content", "View history", "Changed by", "File to import"):
        assert english not in page
    for right in (
        "Quản trị hệ thống thi đua, khen thưởng",
        ">Lịch sử<",
        "Lịch sử thay đổi: ",
        "Người thay đổi",
        "Tệp cần nhập",
        "Lượt đăng nhập sai",
        "Đăng nhập sai, khóa tài khoản",
    ):
        assert right in page


def test_admin_reads_in_english_in_english_mode(client, admin_user):
    client.force_login(admin_user)
    page = _admin_pages(_in(client, "en"))
    for vietnamese in ("Quản trị hệ thống", "Lịch sử", "Đăng nhập sai", "Tệp cần nhập"):
        assert vietnamese not in page
    for english in (
        "Emulation and commendation administration",
        ">History<",
        "Failed logins and lockouts",
        "File to import",
        "access attempts",
    ):
        assert english in page

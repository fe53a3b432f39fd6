"""Screenshots of the main pages at desktop width, for the README (docs/screenshots/).

Each run rewrites the files under the same names. Status pages are drawn as of 31/12/2013,
so what they show does not move with the calendar.
"""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from awards.models import Dossier
from demo.awards import create_demo_dossiers
from plan.enums import RequirementKind
from plan.models import Requirement, TaskPart

from .conftest import sign_in

pytestmark = pytest.mark.browser

# `make screenshots` refreshes the README's pictures; other runs write to a scratch folder so
# running the browser tests does not leave the working tree changed.
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "thidua-screenshots"
)
DESKTOP = {"width": 1366, "height": 900}
AS_OF = "ngay=31%2F12%2F2013"


def _pages():
    """(file name, path, heading the page must show before it is taken)."""
    part = TaskPart.objects.get(task__plan__year=2013, task__number=10, unit__code="so-gd-dt")
    unit_plans = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    dossier = Dossier.objects.filter(state="approved").order_by("reference").first()
    return [
        ("plan.png", f"/?{AS_OF}", "KẾ HOẠCH"),
        ("dashboard.png", f"/bang-dieu-khien/?{AS_OF}", "Bảng điều khiển"),
        ("task.png", f"/ke-hoach/2013/nhiem-vu/3/?{AS_OF}", "Nhiệm vụ 3"),
        ("part.png", f"/phan-viec/{part.pk}/?{AS_OF}", "Nhiệm vụ 10"),
        ("unit.png", f"/don-vi/so-gd-dt/?{AS_OF}", "Sở Giáo dục và Đào tạo"),
        ("requirement.png", f"/yeu-cau/{unit_plans.pk}/?{AS_OF}", unit_plans.title),
        ("parts-list.png", f"/phan-viec/?{AS_OF}", "Tiến độ các phần việc"),
        ("dossier-inbox.png", "/ho-so/tiep-nhan/", "Hồ sơ đề nghị khen thưởng các đơn vị gửi"),
        ("dossier.png", f"/ho-so/{dossier.pk}/", dossier.reference),
        ("import.png", "/nhap-du-lieu/", "Nhập dữ liệu từ bảng tính"),
    ]


def _shoot(page, name):
    path = SCREENSHOTS / name
    page.screenshot(path=path, animations="disabled", caret="hide")
    assert path.read_bytes().startswith(b"\x89PNG")


def test_screenshots_of_the_main_pages(page, password):
    create_demo_dossiers()  # what `make run` shows in the dossier pages
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)

    page.goto(page.base_url + "/accounts/login/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    _shoot(page, "login.png")

    sign_in(page, "staff", password)
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    for name, path, heading in _pages():
        page.goto(page.base_url + path)
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        _shoot(page, name)

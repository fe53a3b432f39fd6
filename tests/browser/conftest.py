"""Browser tests: Debian's Chromium, headless, driven by Playwright against the live server."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import load_demo_data

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium stalls on a closed network trying to reach Google's services.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it (loading demo data) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_context():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does).")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            locale="vi-VN",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context, live_server, transactional_db):
    load_demo_data()
    browser_context.clear_cookies()
    page = browser_context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    page.close()


def sign_in(page, username, password):
    page.goto(page.base_url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


# A small but real PDF: uploads are checked by their bytes, not by their names.
PDF = b"%PDF-1.4\n% test\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name):
    """A file for `set_input_files`: a PDF named `name`."""
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").wait_for()


def switch_user(page, username, password):
    """Sign out whoever is signed in, then sign in as `username`."""
    sign_out(page)
    sign_in(page, username, password)
    page.get_by_role("button", name="Đăng xuất").wait_for()


def draft_dossier(page, name, award, achievements, workplace="Trường THPT Việt Bắc"):
    """An officer drafts a dossier for a teacher from the unit's dossiers page."""
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Chức vụ").fill("Giáo viên")
    page.get_by_label("Nơi công tác").fill(workplace)
    page.get_by_label("Danh hiệu, hình thức").select_option(label=award)
    page.get_by_label("Loại khen thưởng").select_option(label="Khen thưởng thường xuyên")
    # The current plan's year (by its id: its label "Năm" also begins "Năm học").
    expect(page.locator("#id_year")).to_have_value("2013")
    page.get_by_label("Tóm tắt thành tích").fill(achievements)
    page.get_by_role("button", name="Lưu hồ sơ").click()

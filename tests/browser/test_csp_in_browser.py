"""The Content-Security-Policy blocks nothing our pages or Django admin need."""

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_pages_and_admin_run_under_the_policy_without_violations(page, password):
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message),
    )
    sign_in(page, "admin", password)
    expect(page.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()
    for path in ["/admin/", "/admin/units/user/", "/admin/units/user/add/", "/admin/plan/task/"]:
        page.goto(page.base_url + path)
        expect(page.locator("#content")).to_be_visible()
    # A record's history page (django-simple-history's template, without its inline style).
    page.goto(page.base_url + "/admin/units/unit/")
    page.locator("#result_list tbody th a").first.click()
    page.goto(page.url.replace("/change/", "/history/"))
    expect(page.locator("#content")).to_be_visible()
    page.goto(page.base_url + "/admin/plan/task/")
    # Admin's own scripts ran: the changelist's "select all" box ticks every row.
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() == 34
    assert [message.text for message in violations] == []

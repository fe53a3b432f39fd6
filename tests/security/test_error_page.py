"""The error page a user sees when the server fails (the database down, say): Vietnamese, the
site's own files only, nothing of the error itself."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

from config import urls as config_urls


def broken_view(request):
    raise RuntimeError("SECRET-DETAIL of a failure")


# The project's URLs (the page links home) and one that fails.
urlpatterns = [*config_urls.urlpatterns, path("hong/", broken_view)]


def test_the_error_page_draws_without_a_request_or_database():
    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page
    # The site's layout and its own files; no inline script or style (the CSP forbids them).
    assert 'href="/"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "style=" not in page and "<style" not in page


@pytest.mark.django_db
def test_a_failing_request_gets_the_plain_page_and_no_traceback(settings, officer):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.get("/hong/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in page
    assert "SECRET-DETAIL" not in page and "Traceback" not in page


@pytest.mark.django_db
def test_refusals_and_missing_pages_are_in_the_site_layout_with_a_way_home(client, officer):
    client.force_login(officer)
    refused = client.get("/bang-dieu-khien/")
    missing = client.get("/ke-hoach/2013/nhiem-vu/99/")
    assert refused.status_code == 403 and missing.status_code == 404
    assert "Bạn không có quyền xem trang này" in refused.content.decode()
    assert "Không tìm thấy trang" in missing.content.decode()
    for response in (refused, missing):
        page = response.content.decode()
        assert "Về trang chủ" in page and "Đăng xuất" in page  # the header of every page


@pytest.mark.django_db
def test_a_stale_form_gets_a_page_that_says_so(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/ho-so/sang-kien/", {"title": "Sáng kiến"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()

"""The error page a user sees when the server fails (the database down, say): Vietnamese, the
site's own files only, nothing of the error itself."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path


def broken_view(request):
    raise RuntimeError("SECRET-DETAIL of a failure")


urlpatterns = [path("hong/", broken_view)]


def test_the_error_page_draws_without_a_request_or_database():
    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page
    assert "<script" not in page and "style=" not in page and "<style" not in page


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

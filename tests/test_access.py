"""Every page needs a login; each demo account can sign in and sees the plan."""

import pytest
from django.urls import reverse

from demo.accounts import DEMO_ACCOUNTS
from tests.urls import project_urls

pytestmark = pytest.mark.django_db

# Pages that must answer a visitor who is not signed in: signing in and getting back in.
PUBLIC = {
    "login",
    "set_language",
    "admin:login",
    "logout",
    "admin:logout",
}


@pytest.mark.parametrize(
    ("name", "path"), [u for u in project_urls() if u[0] not in PUBLIC], ids=lambda v: v
)
def test_anonymous_visitor_is_sent_to_a_login_page(client, name, path):
    response = client.get(path)
    assert response.status_code == 302, path
    assert "login/" in response["Location"]


def test_root_shows_the_login_form_to_a_visitor(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert 'name="password"' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.parametrize("username", [account[0] for account in DEMO_ACCOUNTS])
def test_each_demo_account_signs_in_and_sees_the_plan(client, password, username):
    response = client.post(
        reverse("login"), {"username": username, "password": password}, follow=True
    )
    assert response.status_code == 200  # each role lands on its own page (awards.overview)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "12/KH-UBND" in page
    assert "QUÝ IV" in page
    assert "Vy Văn Thành" in page


def test_wrong_password_is_refused_in_vietnamese(client):
    response = client.post(reverse("login"), {"username": "staff", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()

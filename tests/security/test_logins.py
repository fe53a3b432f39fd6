"""Signing in: lockout after repeated failures, idle sessions, password rules, locked accounts."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from units.models import User

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _signed_in(client):
    return SESSION_KEY in client.session


def _fail_until_locked(client, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, username, "mat-khau-sai")
    return response


def test_defaults_five_failures_and_thirty_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME


def test_failures_below_the_limit_still_let_the_right_password_in(client, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "officer", "mat-khau-sai").status_code == 200
    assert _login(client, "officer", password).status_code == 302
    assert _signed_in(client)


def test_after_the_limit_even_the_right_password_is_refused_in_vietnamese(client, password):
    response = _fail_until_locked(client, "officer")
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()

    response = _login(client, "officer", password)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Đăng nhập sai 5 lần liên tiếp" in page
    assert "Vui lòng thử lại sau 30 phút" in page
    assert not _signed_in(client)


def test_the_lockout_is_for_that_username_only(client, password):
    _fail_until_locked(client, "officer")
    assert _login(client, "officer2", password).status_code == 302
    assert _signed_in(client)


def test_the_right_password_works_again_after_the_cool_off(client, password):
    _fail_until_locked(client, "officer")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert _login(client, "officer", password).status_code == 302
    assert _signed_in(client)


def test_a_session_ends_after_the_idle_time(client, password):
    _login(client, "officer", password)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_using_the_site_keeps_the_session_alive(client, password):
    _login(client, "officer", password)
    # An hour of reading later (pretend the last renewal was an hour ago)...
    session = client.session
    session["_renewed_at"] = int(time.time()) - 3600
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/ke-hoach/").status_code == 200
    # ...the next page gives the session a full idle time again.
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_pages_within_a_minute_do_not_rewrite_the_session(client, password, officer):
    client.force_login(officer)
    before = Session.objects.get().expire_date
    client.get("/ke-hoach/")
    assert Session.objects.get().expire_date == before


def test_a_signed_in_officer_is_read_with_their_unit(
    client, password, officer, django_assert_num_queries
):
    # Every page shows the unit beside the name: each request reads the user (through the
    # backend that signed them in) and the unit in one query.
    _login(client, "officer", password)
    backend = load_backend(client.session[BACKEND_SESSION_KEY])
    unit_name = officer.unit.name
    with django_assert_num_queries(1):
        assert backend.get_user(officer.pk).unit.name == unit_name


@pytest.mark.parametrize(
    ("weak", "message"),
    [
        ("Ab1x", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("12345678", "Mật khẩu này quá phổ biến."),
        ("84937261", "Mật khẩu này hoàn toàn là số."),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(officer, weak, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(weak, officer)
    assert message in refused.value.messages
    form = SetPasswordForm(officer, {"new_password1": weak, "new_password2": weak})
    assert not form.is_valid()
    assert message in form.errors["new_password2"]


def test_staff_lock_the_account_of_an_officer_who_left(admin_client, client, password):
    officer_client = client
    _login(officer_client, "officer", password)
    officer = User.objects.get(username="officer")

    response = admin_client.post(
        reverse("admin:units_user_changelist"),
        {"action": "deactivate_selected", "_selected_action": [officer.pk]},
        follow=True,
    )
    assert "Đã khóa 1 tài khoản." in response.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active  # locked, never deleted

    # The session they still had stops working, and they cannot sign in again.
    assert officer_client.get("/").status_code == 302
    response = _login(officer_client, "officer", password)
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert officer_client.get("/").status_code == 302


def test_the_lock_action_skips_ones_own_account(admin_client, admin_user):
    admin_client.post(
        reverse("admin:units_user_changelist"),
        {"action": "deactivate_selected", "_selected_action": [admin_user.pk]},
    )
    admin_user.refresh_from_db()
    assert admin_user.is_active


# --- one address, many usernames -----------------------------------------------------------


def _spray(client, count, address="203.0.113.7"):
    """One wrong password at each of `count` usernames (real or not), from one address."""
    for number in range(count):
        response = client.post(
            reverse("login"),
            {"username": f"nguoi-{number}", "password": "Matkhau@2013"},
            REMOTE_ADDR=address,
        )
    return response


def test_one_try_at_many_usernames_from_one_address_locks_that_address(client, password):
    assert _spray(client, settings.LOGIN_ADDRESS_FAILURE_LIMIT).status_code == 200
    # Then any username is refused from there, even a real account with its right password.
    assert _spray(client, 1).status_code == 429
    response = client.post(
        reverse("login"), {"username": "officer", "password": password}, REMOTE_ADDR="203.0.113.7"
    )
    page = response.content.decode()
    assert response.status_code == 429
    assert "từ địa chỉ mạng này" in page and "Vui lòng thử lại sau 30 phút" in page
    assert not _signed_in(client)


def test_an_office_sharing_one_address_survives_its_people_mistyping(client, password):
    # Nineteen officers each mistype once, from the office's one address: nobody is locked.
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 20
    _spray(client, settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1)
    response = client.post(
        reverse("login"), {"username": "officer", "password": password}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302


def test_the_address_limit_is_per_address(client, password):
    _spray(client, settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    response = client.post(
        reverse("login"), {"username": "officer", "password": password}, REMOTE_ADDR="203.0.113.8"
    )
    assert response.status_code == 302


def test_the_proxy_header_is_believed_only_from_the_proxy(client, settings, password):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    # Straight to the app server, a sprayer cannot pass as many addresses by the header.
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": f"nguoi-{number}", "password": "sai"},
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_REAL_IP=f"192.0.2.{number}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}
    # Through the proxy, each visitor is counted at their own address.
    client.post(
        reverse("login"),
        {"username": "officer", "password": "sai"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_REAL_IP="192.0.2.200",
    )
    assert AccessAttempt.objects.filter(ip_address="192.0.2.200").exists()

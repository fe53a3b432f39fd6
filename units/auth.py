"""Signing in: idle sessions, the page a locked-out username sees, Vietnamese password rules."""

import ipaddress
import time

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, password_validation
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


def lockout_response(request, original_response, credentials):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): who is locked, for how long, why."""
    cool_off = get_cool_off(request)
    address = getattr(request, "address_locked_out", False)
    context = {
        "address": address,
        "failure_limit": (
            settings.LOGIN_ADDRESS_FAILURE_LIMIT
            if address
            else get_failure_limit(request, credentials)
        ),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)


def _from_trusted_proxy(address):
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The visitor's address for django-axes: the proxy's header (CLIENT_IP_HEADER) when the
    request comes from the proxy (TRUSTED_PROXIES), else the connection's own address, so a
    visitor who reaches the app server directly cannot choose the address they are counted at."""
    remote = request.META.get("REMOTE_ADDR")
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header) and _from_trusted_proxy(remote):
        return request.META[header].split(",")[-1].strip()
    return remote


def address_failures(request):
    """Wrong passwords from the visitor's address within the cool-off, whatever the username."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLimitBackend(AxesStandaloneBackend):
    """django-axes' check (LOGIN_FAILURE_LIMIT wrong passwords for one username from one
    address), and a second one across usernames: LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords
    from one address, whichever usernames, refuse that address for the cool-off. One try at
    each of many usernames (password spraying) is stopped; an office sharing one address
    survives its people's typing mistakes, which are far fewer."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        if request is not None and address_failures(request) >= limit:
            # Read by axes' middleware (the lockout page) and by `lockout_response`.
            request.axes_locked_out = True
            request.address_locked_out = True
            raise AxesBackendPermissionDenied("too many failures from this address")
        return super().authenticate(request, username, password, **kwargs)


class UserBackend(ModelBackend):
    """Django's ModelBackend, reading the signed-in user together with their unit: every page
    shows the unit beside the user's name and the rules ask it, so a request reads the user
    in one query instead of two."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("unit")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    # Django's Vietnamese catalogue misses this message (its msgid changed in Django 5).
    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


# When the session (and its cookie) were last given a fresh SESSION_COOKIE_AGE.
_RENEWED_AT = "_renewed_at"
# Renew at most this often: the idle limit is then exact to within a minute.
RENEW_EVERY_SECONDS = 60


@receiver(user_logged_in)
def _mark_session_renewed(sender, request, user, **kwargs):
    # login() saves the session with a full lifetime: that is the first renewal.
    if request is not None and hasattr(request, "session"):
        request.session[_RENEWED_AT] = int(time.time())


class IdleSessionMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE seconds without a request.

    Each request of a signed-in user renews the session's lifetime, as
    SESSION_SAVE_EVERY_REQUEST would, but writes the session row at most once a minute
    instead of on every page (a write and three queries per page otherwise).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(_RENEWED_AT, 0) >= RENEW_EVERY_SECONDS:
                session[_RENEWED_AT] = now  # modified: SessionMiddleware saves it with a new expiry
        return self.get_response(request)

"""Things done once: a form posted twice (a double click, a reload, the back button) and an
import confirmed twice do their work once.

Every POST form of ours carries a one-time token (`{% form_token %}`, a builtin tag). The
middleware records the token before the view runs; the database's unique key makes a second
post of the same token, even one arriving at the same instant, find it taken. That second post
waits for the first to finish and is sent where the first went, with a message; if the first
did not succeed (its form came back with errors, or it failed) the token is released and the
second post is handled as a fresh one, so a user who corrects a form can send it again.

A POST without a token (Django admin, scripts, the access matrix's empty posts) is handled as
it always was: the token protects our forms, it is not a permission.
"""

import datetime
import re
import time
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .models import OnceToken

FIELD = "form_token"
_TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP_FOR = datetime.timedelta(days=30)
# How long a repeated post waits for the first one to finish before it gives up.
WAIT_SECONDS = 10
_POLL_SECONDS = 0.1


def new_token():
    return uuid.uuid4().hex


def claim(key):
    """Record `key` as used; False if it already was. Inside a transaction the row stays
    uncommitted until it ends, and a concurrent claim of the same key waits for that end."""
    try:
        with transaction.atomic():
            OnceToken.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def release(key):
    OnceToken.objects.filter(key=key).delete()


def forget_old(now=None):
    """Tokens are kept KEEP_FOR: long enough for any back button."""
    OnceToken.objects.filter(used_at__lt=(now or timezone.now()) - KEEP_FOR).delete()


def _form_key(request):
    token = request.POST.get(FIELD, "")
    return f"form-{token}" if _TOKEN.fullmatch(token) else None


def _succeeded(request, response):
    # Our views answer a post that did its work with a redirect; a form with errors comes back
    # with 200 (or a redirect carrying an error message: the posts made from a list page).
    if response.status_code not in (301, 302, 303) or not response.get("Location"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return not any(message.level >= messages.ERROR for message in queued)


def _first_outcome(key):
    """Where the first post of `key` went, once it is done; None if it was released."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        outcome = OnceToken.objects.filter(key=key).values_list("outcome", flat=True).first()
        if outcome != "" or time.monotonic() > deadline:
            return outcome
        time.sleep(_POLL_SECONDS)


def _back(request, outcome):
    for target in (outcome, request.headers.get("Referer")):
        if target and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, request.is_secure()
        ):
            return redirect(target)
    return redirect("/")


class OnceFormMiddleware:
    """Lets each form token through once (see the module's docstring). Placed after the
    session, authentication and message middleware; signed-in users only (the login form
    has nothing to repeat)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.user.is_authenticated:
            return self.get_response(request)
        key = _form_key(request)
        if key is None:
            return self.get_response(request)
        while not claim(key):
            outcome = _first_outcome(key)
            if outcome is not None:
                messages.warning(request, _("Biểu mẫu này đã được gửi, không gửi lại."))
                return _back(request, outcome)
        try:
            response = self.get_response(request)
        except BaseException:
            release(key)
            raise
        if _succeeded(request, response):
            OnceToken.objects.filter(key=key).update(outcome=response["Location"])
            forget_old()
        else:
            release(key)
        return response

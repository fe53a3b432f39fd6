"""Production settings: `check --deploy` is clean, and every page carries a strict CSP."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

# Variables a developer's shell or the test run sets (the browser tests' conftest sets
# DJANGO_ALLOW_ASYNC_UNSAFE) that would change what is checked.
_SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)
_SETTINGS_PREFIXES = ("SECURE_", "SESSION_", "CSRF_")


def test_check_deploy_reports_no_issue_under_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _SETTINGS_VARIABLES and not k.startswith(_SETTINGS_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="thidua.langson.gov.vn",
        CSRF_TRUSTED_ORIGINS="https://thidua.langson.gov.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _policy(response):
    header = response["Content-Security-Policy"]
    return dict(
        (directive.split()[0], directive.split()[1:])
        for directive in header.split(";")
        if directive.strip()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/"])
def test_pages_carry_a_policy_without_inline_script_or_outside_hosts(client, officer, url):
    client.force_login(officer)
    policy = _policy(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for sources in policy.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources
        assert not any(source.startswith(("http", "*")) for source in sources)


@pytest.mark.django_db
def test_pages_refuse_to_be_framed(client, officer):
    client.force_login(officer)
    assert client.get("/")["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["admin:index", "admin:units_user_changelist", "admin:units_user_add", "admin:plan_task_add"],
)
def test_admin_pages_work_under_the_policy_with_no_inline_script(admin_client, name):
    response = admin_client.get(reverse(name))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    # Every script loads a file (JSON data blocks are never run): inline code would be blocked.
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert "src=" in tag or 'type="application/json"' in tag, tag

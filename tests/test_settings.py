import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from demo.accounts import create_demo_accounts
from units.models import User


def _run(code, *args, **env):
    """Run Python in a fresh process with the real settings and only the given variables."""
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_server_refuses_to_start_without_a_secret_key():
    result = _run("import config.wsgi", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_server_starts_with_a_secret_key():
    result = _run("import config.wsgi", DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_development_has_a_default_key():
    assert _run("import config.wsgi", DEBUG="true").returncode == 0, "no dev key"


def test_manage_py_checks_migrations_in_a_bare_checkout():
    """No .env, no variables: commands that need no key still run (CI and reviewers use it)."""
    result = _run(None, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_file_storage_and_its_options_come_from_the_environment():
    """Several app servers without a shared disk name a shared store, with its options."""
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print(type(s).__name__, s.base_location)"
    )
    result = _run(
        code,
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="config.settings",
        FILE_STORAGE="django.core.files.storage.InMemoryStorage",
        FILE_STORAGE_OPTIONS='{"location": "/srv/shared-store"}',
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["InMemoryStorage", "/srv/shared-store"]


def test_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ


@pytest.mark.django_db
def test_demo_accounts_are_refused_when_debug_is_off():
    assert not settings.DEBUG
    with pytest.raises(CommandError):
        call_command("setup_demo")


@pytest.mark.django_db
def test_demo_accounts_are_created_once_with_their_roles():
    before = list(User.objects.order_by("pk").values("pk", "password", "unit_id"))
    create_demo_accounts()
    assert list(User.objects.order_by("pk").values("pk", "password", "unit_id")) == before
    roles = {user.username: user.role for user in User.objects.prefetch_related("groups")}
    assert roles == {
        "admin": "admin",
        "staff": "office_staff",
        "officer": "unit_officer",
        "officer2": "unit_officer",
        "officer3": "unit_officer",
        "council": "council_member",
        "leader": "leader",
    }
    assert User.objects.get(username="officer").unit.name == "Sở Giáo dục và Đào tạo"
    assert User.objects.get(username="officer2").unit.name == "Ủy ban nhân dân huyện Cao Lộc"


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_page_queries():
    """With JIT on, the whole-plan status query spent 1.5 s compiling for 80 ms of work."""

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

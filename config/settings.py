"""Settings, read from the environment (see .env.example for every variable)."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# A development key exists only so `make run` works out of the box; production must set its own.
# Without one, the settings still load (so `manage.py makemigrations`, `check`, `migrate` work in
# a bare checkout), but the server refuses to start (config/wsgi.py) and Django refuses every
# use of the key (sessions, signing).
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "csp",
    "config.apps.AxesConfig",  # django-axes, under a name admin shows in both languages
    "simple_history",
    # Background jobs (large exports): Django's Tasks API, backported, with its database
    # backend, so the queue lives in the same database and needs no broker.
    "django_tasks",
    "django_tasks_db",
    # Layers, lowest first: a package imports only those above it in this list
    # (the import-linter contract in pyproject.toml checks it).
    "core",
    "units",
    "people",
    "plan",
    "emulation",
    "awards",
    "council",
    "imports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Cache-Control: no-store on signed-in pages and downloads.
    "core.middleware.NoStoreMiddleware",
    # An uploaded file whose row a failed request rolled back is removed again.
    "core.middleware.StoredFilesNeedRowsMiddleware",
    "units.auth.IdleSessionMiddleware",
    # The audit trail names the signed-in user of the request that made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form posted twice does its work once (a double click, a reload): core/once.py.
    "core.once.OnceFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "units.context_processors.current_role",
                "plan.context_processors.year_switch",
                "config.menu.main_menu",
            ],
            # {% form_token %} beside every {% csrf_token %}, with nothing to load.
            "builtins": ["core.templatetags.forms"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Keep connections between requests (seconds; 0 closes each after its request), and check a
# kept one before use, so the app reconnects by itself after the database restarts.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles any query whose estimated cost is high. The status queries
    # look expensive to the planner (a history subquery per part that is almost never run)
    # but take tens of milliseconds; compiling them took 1.5 s. Pages are short queries.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # each role lands on its own page (awards.overview)
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "units.auth.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded files go through Django's storage API only, so several app servers can share
    # one store, e.g. FILE_STORAGE=storages.backends.s3.S3Storage (django-storages) with
    # FILE_STORAGE_OPTIONS='{"bucket_name": "thidua", "endpoint_url": "https://..."}'.
    "default": {
        "BACKEND": env.str("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("FILE_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django admin's import keeps the uploaded file between its preview and its confirm; the default
# (a file in the server's own temp folder) breaks when the confirm reaches another app server.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Nothing keeps state in the cache (sessions and login attempts are in the database), so each
# process may have its own; whatever is added to it must be fine to lose or differ per server.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Backups dump with this: Django's JSON, with times to the microsecond (core.exact_json).
SERIALIZATION_MODULES = {"json_exact": "core.exact_json"}
FORMAT_MODULE_PATH = ["config.formats"]

# How many days before its due date a part counts as "due soon".
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=14)

# A part reported done more than this many days after the day it was done is "reported
# late": the report needs its evidence file and shows as such until the office confirms it.
LATE_REPORT_DAYS = env.int("LATE_REPORT_DAYS", default=7)

# Who signs the office's reports (the plan status report): the head of Ban TĐKT. An empty
# name leaves the line blank for the pen.
OFFICE_SIGNER_TITLE = env.str("OFFICE_SIGNER_TITLE", default="TRƯỞNG BAN")
OFFICE_SIGNER_NAME = env.str("OFFICE_SIGNER_NAME", default="")

# Largest file a user may upload, in megabytes.
MAX_UPLOAD_SIZE_MB = env.int("MAX_UPLOAD_SIZE_MB", default=20)

# Spreadsheet imports: the largest file (megabytes) and the most data rows one file may hold.
IMPORT_MAX_SIZE_MB = env.int("IMPORT_MAX_SIZE_MB", default=5)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=10000)

# Exports of more rows than this run as a background job (core.exports): the page shows its
# progress and keeps the file for the user to download, so no request waits for them. Smaller
# ones (about a second at most) are written in the request as before. The jobs run in
# `manage.py db_worker` (README).
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=2000)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# E-mail (reminders): EMAIL_URL such as smtp+tls://user:password@mail.example.gov.vn:587;
# in development the messages are printed on the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Ban TĐKT <thiduakhenthuong@localhost>")
# --- Security: production values unless DEBUG is on (`make run`); each can be set in the env.
# Behind a reverse proxy that terminates HTTPS, name the header it sets (and always overwrites),
# e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https. Unset: Django trusts no header.
SECURE_PROXY_SSL_HEADER = tuple(env.list("SECURE_PROXY_SSL_HEADER", default=[])) or None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_REFERRER_POLICY = env.str("SECURE_REFERRER_POLICY", default="same-origin")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): our own files only, no inline script, no outside host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap's CSS draws its small icons (select arrows, menu button) as data: SVGs.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logins: a session ends after this many seconds without a request (units.auth renews it on use,
# at most once a minute, rather than SESSION_SAVE_EVERY_REQUEST's write on every page).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
# django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# username is refused there (even with the right password) for LOGIN_COOLOFF_MINUTES. Counting per
# username and address means a stranger cannot lock an officer out of the office. Across
# usernames, LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one address within the cool-off
# refuse that address (units.auth.LoginLimitBackend): one try at each of many usernames
# (password spraying) is stopped, while an office behind one shared address has room for its
# people's mistakes. Behind a proxy, CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP, which the proxy must
# overwrite) names the visitor's address, read only from requests that come from TRUSTED_PROXIES
# (addresses or networks; the local machine unless set); else all share the proxy's address.
# Attempts live in the database.
AUTHENTICATION_BACKENDS = [
    "units.auth.LoginLimitBackend",
    # ModelBackend, reading the user with their unit. Sessions signed in through
    # django.contrib.auth.backends.ModelBackend (before 01/12/2026) sign in again once.
    "units.auth.UserBackend",
]
# Axes announces its configuration on every start; the settings above say it.
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "units.auth.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.auth.lockout_response"

# Audit trail (django-simple-history): history is read, never used to roll a record back, since
# a revert would bypass the services' rules (a dossier's state changes only by a move).
SIMPLE_HISTORY_REVERT_DISABLED = True

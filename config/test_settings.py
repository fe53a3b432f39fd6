"""Settings for the test suite: the real settings, with a test key and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploaded files of a test run go to a throwaway folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="thidua-test-media-")
# The test client and the live server speak plain HTTP; the production values are proven by
# tests/test_deploy.py, which runs `check --deploy` on the real settings.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

# Background jobs run at once, in the request that starts them, so tests see their result.
# The database backend stays configured under another name for the admin's page of the
# worker's records (tests/security/test_access_matrix.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

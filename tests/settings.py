"""Test settings: the real settings module, with fast and isolated overrides."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 48)
os.environ.setdefault("AUDIT_HMAC_KEY", "test-audit-key-" + "y" * 40)

from clinic.settings import *  # noqa: E402,F403
from clinic.settings import INSTALLED_APPS, MIDDLEWARE, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Automatic N+1 detection: any N+1 query pattern in a request fails the test.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True

# Tasks run at once, in the test's own transaction (one test goes through the database queue
# and a worker run: tests/plans/test_pdf_tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite tests use an in-memory database (Django's default), named so that pytest-xdist's
# per-worker suffix leaves it alone: pytest-django would otherwise read this project's own
# SQLite engine (clinic.db.sqlite3) as a server database and name a file after it.
from clinic.settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "clinic.db.sqlite3":
    DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "NAME": ":memory:"}

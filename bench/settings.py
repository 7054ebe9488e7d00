"""Settings of benchmark runs: the production settings (DEBUG off), plus what a throwaway run on
127.0.0.1 needs. Used by bench/run.py and its children, the load test's gunicorn and ci_gates.

- Plain static storage: a throwaway run has no collectstatic manifest (page templates would
  refuse every {% static %} otherwise). The lookup it replaces is a dict lookup per URL.
- SESSION_COOKIE_SECURE / CSRF_COOKIE_SECURE from the environment: the load test speaks plain
  http to 127.0.0.1, and a client never sends a Secure cookie over http.
"""

import warnings

from clinic import settings as base
from clinic.settings import *  # noqa: F403
from clinic.settings import DATABASES

warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no STATIC_ROOT

STORAGES = {
    **base.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = base.env.bool(
    "SESSION_COOKIE_SECURE", default=getattr(base, "SESSION_COOKIE_SECURE", False)
)
CSRF_COOKIE_SECURE = base.env.bool(
    "CSRF_COOKIE_SECURE", default=getattr(base, "CSRF_COOKIE_SECURE", False)
)

# Before/after measurements of PostgreSQL's JIT (bench/PROFILING.md): BENCH_PG_JIT=off turns
# it off for this run's connections, as the fix proposed for clinic/settings.py would.
if (
    base.env.str("BENCH_PG_JIT", default="") == "off"
    and "postgresql" in DATABASES["default"]["ENGINE"]
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# The load test signs its users in from 127.0.0.1 within seconds; allauth's default limit of 30
# sign-ins a minute per address would refuse the rest (see bench/PROFILING.md).
ACCOUNT_RATE_LIMITS = {**base.ACCOUNT_RATE_LIMITS, "login": "1000/m/ip"}

# Before/after of the SQLite read transactions (issue 18): BENCH_SQLITE_ALL_IMMEDIATE=1 goes back
# to Django's backend, whose every request transaction begins IMMEDIATE (takes the write lock).
if (
    base.env.bool("BENCH_SQLITE_ALL_IMMEDIATE", default=False)
    and DATABASES["default"]["ENGINE"] == "clinic.db.sqlite3"
):
    DATABASES["default"]["ENGINE"] = "django.db.backends.sqlite3"

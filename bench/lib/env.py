"""Where a benchmark runs: a scratch database, production-like settings, the machine's versions.

Every benchmark process calls ``setup()`` before it imports anything from Django or the apps.
Scratch databases are a SQLite file in a temporary folder, or a PostgreSQL database named
``rugadem_bench*`` on the local server (127.0.0.1:5432, user postgres) that is created and
dropped here; no other database is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import secrets
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = re.compile(r"^rugadem_bench\w{0,30}$")


# One throwaway access-log key per benchmark run, shared by its processes.
AUDIT_KEY = os.environ.get("BENCH_AUDIT_KEY") or secrets.token_urlsafe(48)


def bench_environ(database_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """Return the environment of a benchmark process: DEBUG off, a throwaway secret key."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "AUDIT_HMAC_KEY": AUDIT_KEY,
        "AUDIT_CHECKPOINT_FILE": str(media_root.parent / "access-log-checkpoints.jsonl"),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def setup(database_url: str, media_root: Path, **extra: str) -> None:
    """Point this process at ``database_url`` and start Django."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.update(bench_environ(database_url, media_root, **extra))
    import django

    django.setup()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def pg_url(name: str) -> str:
    _check_pg_name(name)
    return f"{PG_SERVER}/{name}"


def pg_available() -> bool:
    """Return whether the local PostgreSQL server answers."""
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def pg_recreate(name: str) -> str:
    """Drop and create the scratch database ``name`` (rugadem_bench*); return its URL."""
    pg_drop(name)
    _pg_admin(f'CREATE DATABASE "{name}"')
    return pg_url(name)


def pg_drop(name: str) -> None:
    _check_pg_name(name)
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _check_pg_name(name: str) -> None:
    if not PG_NAME.match(name):
        raise ValueError(f"refusing to touch database {name!r}: not a rugadem_bench* scratch one")


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def versions() -> dict[str, str]:
    """Return what the figures depend on: CPUs, Python, Django, WeasyPrint, the databases."""
    import sqlite3

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpus": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "django": version("django"),
        "weasyprint": version("weasyprint"),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _pg_version(),
        "gunicorn": version("gunicorn"),
        "locust": version("locust"),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _pg_version() -> str:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3) as connection:
            return connection.execute("SHOW server_version").fetchone()[0].split()[0]
    except Exception:
        return "not reachable"


@contextlib.contextmanager
def scratch(database: str = "sqlite", *, name: str = "rugadem_bench_pages"):
    """Start Django on a fresh, migrated scratch database; drop it (and its files) after.

    Yields the temporary folder (media lives in it). One per process: Django's settings are
    fixed once set up.
    """
    tmp = Path(tempfile.mkdtemp(prefix="rugadem-bench-"))
    url = pg_recreate(name) if database == "postgres" else sqlite_url(tmp / "bench.sqlite3")
    try:
        setup(url, tmp / "media")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield tmp
    finally:
        if database == "postgres":
            from django.db import connections

            connections.close_all()
            pg_drop(name)
        shutil.rmtree(tmp, ignore_errors=True)

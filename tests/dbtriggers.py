"""Lift the access log's append-only triggers around a flush of the test database.

Transactional tests (the browser tests) empty the database with DELETE/TRUNCATE after each
test, which the triggers rightly refuse; production never does this.
"""

import importlib

from django.db import connection

migration = importlib.import_module("clinic.migrations.0007_i15_access_log_anchoring")


def drop():
    statements = {"sqlite": migration.SQLITE_REVERSE, "postgresql": migration.POSTGRES_REVERSE}
    _run(statements)


def create():
    drop()
    _run({"sqlite": migration.SQLITE, "postgresql": migration.POSTGRES})


def _run(statements_by_vendor):
    with connection.cursor() as cursor:
        for sql in statements_by_vendor.get(connection.vendor, []):
            cursor.execute(sql)


def restore_after_flush():
    """Put back what the migrations load and a transactional test's flush removed: the
    built-in exercises and these triggers, so a kept test database (--reuse-db) is whole."""
    from django.apps import apps  # noqa: PLC0415 (the app registry is ready only in tests)
    from django_scopes import scopes_disabled  # noqa: PLC0415

    from plans.sync import builtin_specs, sync_builtins  # noqa: PLC0415

    with scopes_disabled():
        sync_builtins(apps.get_model("plans", "Exercise"), builtin_specs())
    create()

"""Issue 18: the production settings for a group of clinics (connection pool, S3 storage)."""

import copy
import importlib
from types import SimpleNamespace

import pytest

import clinic.settings

PG = "postgres://postgres@127.0.0.1:5432/postgres"


def settings_with(monkeypatch, **environ):
    """Return clinic.settings as it reads ``environ``; leave the module as it was."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    try:
        loaded = importlib.reload(clinic.settings)
        # The same module object is reloaded again below: keep copies of what the tests read.
        return SimpleNamespace(
            DATABASES=copy.deepcopy(loaded.DATABASES), STORAGES=copy.deepcopy(loaded.STORAGES)
        )
    finally:
        for name in environ:
            monkeypatch.delenv(name)
        importlib.reload(clinic.settings)


def test_a_pool_size_turns_on_psycopgs_pool(monkeypatch):
    loaded = settings_with(monkeypatch, DATABASE_URL=PG, DB_POOL_MAX="8")
    database = loaded.DATABASES["default"]
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    assert database["OPTIONS"]["options"] == "-c jit=off"


def test_without_a_pool_size_connections_persist(monkeypatch):
    database = settings_with(monkeypatch, DATABASE_URL=PG).DATABASES["default"]
    assert "pool" not in database["OPTIONS"] and database["CONN_MAX_AGE"] == 60


def test_the_pool_connects_to_postgresql(monkeypatch, django_db_blocker):
    pytest.importorskip("psycopg_pool")
    from bench.lib import env

    if not env.pg_available():
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    from django.db.backends.postgresql.base import DatabaseWrapper

    database = settings_with(monkeypatch, DATABASE_URL=PG, DB_POOL_MAX="2").DATABASES["default"]
    from django.db.utils import ConnectionHandler

    handler = ConnectionHandler({"default": database})
    wrapper = DatabaseWrapper(handler.settings["default"], "pool_probe")
    with django_db_blocker.unblock():
        check_pool(wrapper)


def check_pool(wrapper):
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
        assert wrapper.pool is not None and wrapper.pool.max_size == 2
    finally:
        wrapper.close()
        wrapper.close_pool()


def test_a_bucket_name_stores_files_on_s3(monkeypatch):
    loaded = settings_with(
        monkeypatch, S3_BUCKET="rugadem-pdfs", S3_ENDPOINT_URL="http://127.0.0.1:9000"
    )
    default = loaded.STORAGES["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "rugadem-pdfs"
    assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert default["OPTIONS"]["default_acl"] == "private"

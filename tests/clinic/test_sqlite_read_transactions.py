"""Issue 18: on SQLite a page view reads without the write lock; saves still take it first."""

import pytest
from django.db import OperationalError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from clinic import dbmode
from patients.models import Patient

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's transactions")


def wrapper(path, alias):
    """A connection of Rugadem's SQLite backend to the file at ``path`` (0.2 s busy timeout)."""
    from clinic.db.sqlite3.base import DatabaseWrapper

    settings = {
        **connection.settings_dict,
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.2},
    }
    return DatabaseWrapper(settings, alias)


@pytest.mark.django_db
def test_a_read_transaction_runs_while_another_one_writes(tmp_path):
    path = tmp_path / "two.sqlite3"
    writer, reader = wrapper(path, "writer"), wrapper(path, "reader")
    try:
        with writer.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE t (n integer)")
            cursor.execute("INSERT INTO t VALUES (1)")
        writer.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with writer.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")  # holds the write lock until commit
        # Before issue 18 every request's transaction began IMMEDIATE: it waits for the lock.
        with pytest.raises(OperationalError, match="locked"):
            reader.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        reader.set_autocommit(True)
        token = dbmode._READ.set(True)
        try:
            reader.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with reader.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t")
                assert cursor.fetchone() == (1,)  # the committed snapshot, no wait
            reader.rollback()
            reader.set_autocommit(True)
        finally:
            dbmode._READ.reset(token)
        writer.commit()
    finally:
        writer.close()
        reader.close()


@pytest.mark.django_db
def test_a_page_view_runs_as_a_read_request_and_a_save_does_not(alice_client, patient, monkeypatch):
    from clinic import audit

    seen = []
    original = audit.record

    def spy(*args, **kwargs):
        seen.append(dbmode.in_read_request())
        return original(*args, **kwargs)

    monkeypatch.setattr(audit, "record", spy)
    detail = reverse("patients:detail", args=[patient.pk])
    assert alice_client.get(detail).status_code == 200
    assert seen == [True]
    assert not dbmode.in_read_request()  # the access log is written after it
    edit = reverse("patients:edit", args=[patient.pk])
    data = {"first_name": "Anna", "last_name": "Jansen", "date_of_birth": "17-05-1980"}
    alice_client.post(edit, {**data, "language": "nl"})
    assert seen[1:] == [False]


def _middleware(view):
    middleware = dbmode.ReadRequestMiddleware(lambda request: view(request))

    def call(request):
        middleware.process_view(request, view, (), {})
        return middleware(request)

    return call


@pytest.mark.django_db
def test_a_write_in_a_read_request_is_refused(clinic):
    def writes(request):
        Patient.objects.with_scopes_disabled().update(first_name="X")
        return HttpResponse()

    with pytest.raises(dbmode.WriteInReadRequest), transaction.atomic():
        _middleware(writes)(RequestFactory().get("/"))
    # After the view the connection writes again (the access log, the session).
    Patient.objects.with_scopes_disabled().update(first_name="Y")
    assert not dbmode.in_read_request()


@pytest.mark.django_db
def test_a_view_marked_writes_on_read_may_write(clinic):
    @dbmode.writes_on_read
    def writes(request):
        Patient.objects.with_scopes_disabled().update(first_name="X")
        return HttpResponse("ok")

    assert _middleware(writes)(RequestFactory().get("/")).content == b"ok"


@pytest.mark.django_db
def test_a_post_may_write(clinic):
    def writes(request):
        Patient.objects.with_scopes_disabled().update(first_name="X")
        return HttpResponse("ok")

    assert _middleware(writes)(RequestFactory().post("/")).content == b"ok"


@pytest.mark.django_db
def test_a_view_without_the_request_transaction_may_write(clinic):
    @transaction.non_atomic_requests
    def writes(request):
        Patient.objects.with_scopes_disabled().update(first_name="X")
        return HttpResponse("ok")

    assert _middleware(writes)(RequestFactory().get("/")).content == b"ok"

"""SQLite with the write lock taken by write transactions only (issue 18).

Django's SQLite backend starts every transaction with one mode (settings: IMMEDIATE, so a
transaction that writes never fails to upgrade its read lock while another one commits). With
ATOMIC_REQUESTS that made every page view take the database's single write lock for its whole
duration: pages queued behind each other and behind every save.

Here the request's transaction of a safe request (GET, HEAD, OPTIONS: see
clinic.dbmode.ReadRequestMiddleware) starts DEFERRED: it reads from a WAL snapshot next to the
writer and never takes the lock. Every other transaction (POST requests, the access log's own
write after the view, management commands) still starts IMMEDIATE. A write attempted inside
such a read transaction is refused (clinic.dbmode), so a read view that starts writing fails
in the tests instead of failing under load with "database is locked".
"""

from django.db.backends.sqlite3 import base

from clinic import dbmode


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if dbmode.in_read_request():
            self.cursor().execute("BEGIN DEFERRED")
        else:
            super()._start_transaction_under_autocommit()

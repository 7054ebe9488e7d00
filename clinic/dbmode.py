"""Read requests: their transaction does not take SQLite's write lock, and they do not write.

ReadRequestMiddleware marks GET, HEAD and OPTIONS requests while the view runs (it is the
innermost middleware: the access log and the session are written after it, in their own
transactions). clinic.db.sqlite3 starts the request's transaction DEFERRED for them, and the
database wrapper installed here refuses an INSERT, UPDATE or DELETE during such a view: a view
that needs to write on GET inside the request transaction must say so with @writes_on_read.
Views with @transaction.non_atomic_requests are left alone: they run in autocommit, where a
write waits for the lock like any other writer.
"""

import contextvars
import re

from django.db import connections

_READ = contextvars.ContextVar("rugadem_read_request", default=False)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class WriteInReadRequest(RuntimeError):
    """A safe request tried to write: mark its view @writes_on_read."""


def in_read_request() -> bool:
    return _READ.get()


def writes_on_read(view):
    """Mark a view that writes on GET: its transaction then takes the write lock as before."""
    view.writes_on_read = True
    return view


def _refuse_writes(execute, sql, params, many, context):
    if _READ.get() and WRITE.match(sql):
        raise WriteInReadRequest(f"write in a read request: {sql[:80]}")
    return execute(sql, params, many, context)


class ReadRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.sqlite = [
            alias
            for alias in connections
            if connections.settings[alias]["ENGINE"] == "clinic.db.sqlite3"
        ]

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            # After the view and its transaction; before the access log and the session write.
            state = getattr(request, "_read_request", None)
            if state is not None:
                token, connection = state
                connection.execute_wrappers.remove(_refuse_writes)
                _READ.reset(token)
                del request._read_request

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Mark the view of a safe request (the handler then opens its transaction)."""
        if not self.sqlite or request.method not in SAFE_METHODS:
            return None
        alias = self.sqlite[0]
        if getattr(view_func, "writes_on_read", False):
            return None
        # A view without the request transaction (non_atomic_requests) reads and writes in
        # autocommit; each write waits for the lock (busy timeout) like any other writer.
        if alias in getattr(view_func, "_non_atomic_requests", ()):
            return None
        connection = connections[alias]
        connection.execute_wrappers.append(_refuse_writes)
        request._read_request = (_READ.set(True), connection)
        return None

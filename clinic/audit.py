"""Access logging: every read, change, print, export and denied access of patient data.

Views call ``record(request, ...)``; the events are kept on the request and written by
``AccessLogMiddleware`` in one query after the view has run. Writing them outside the view's
transaction means a denied access (a 404 that rolls the view back) is still logged.
"""

from django.utils import timezone

from clinic.models import AccessEvent

EVENTS_ATTR = "_rugadem_access_events"
MAX_USER_AGENT = 300


def record(
    request,
    *,
    action: str,
    patient=None,
    obj=None,
    outcome: str = AccessEvent.Outcome.OK,
    detail: str = "",
) -> None:
    """Queue an access event for this request."""
    user = request.user if request.user.is_authenticated else None
    event = AccessEvent(
        at=timezone.now(),
        clinic_id=getattr(user, "clinic_id", None),
        user=user,
        role=getattr(user, "role", ""),
        patient_id=getattr(patient, "pk", None),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        outcome=outcome,
        detail=detail[:200],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT],
        path=request.path[:300],
    )
    events(request).append(event)


def record_denied(request, *, obj_type: str, obj_id) -> None:
    """Queue a denied-access event for an object outside the user's clinic (or missing)."""
    record(
        request,
        action=AccessEvent.Action.READ,
        outcome=AccessEvent.Outcome.DENIED,
        detail=f"{obj_type}:{obj_id}"[:200],
    )


def events(request) -> list:
    """Return the request's pending events, creating the list on first use."""
    if not hasattr(request, EVENTS_ATTR):
        setattr(request, EVENTS_ATTR, [])
    return getattr(request, EVENTS_ATTR)


def client_ip(request) -> str | None:
    """Return the client's address (REMOTE_ADDR; set it from the proxy in front of gunicorn)."""
    return request.META.get("REMOTE_ADDR") or None


class AccessLogMiddleware:
    """Write the request's access events in one query, after the view's transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, EVENTS_ATTR, None)
        if pending:
            AccessEvent.objects.bulk_create(pending)
        return response

"""Access logging: every read, change, print, export and denied access of patient data.

Views call ``record(request, ...)``; the events are kept on the request and written (and sealed,
clinic/accesslog.py) by ``AccessLogMiddleware`` after the view has run. Writing them outside the
view's transaction means a denied access (a 404 or 403 that rolls the view back) is still logged.

Search terms are personal data (names, birth dates): the sealed event holds only a keyed hash of
the term; its plain text sits in AccessSearchTerm, which erasure can clear without breaking the
chain.
"""

import hashlib
import hmac

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import timezone

from clinic import accesslog
from clinic.models import AccessEvent, AccessSearchTerm

IP_FIELD = AccessEvent._meta.get_field("ip_address")
SEARCH_TERM_ATTR = "_rugadem_search_term"
SEARCH_PREFIX = "q:"

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
    patient_id=None,
    search_term: str = "",
) -> AccessEvent:
    """Queue an access event for this request."""
    user = request.user if request.user.is_authenticated else None
    if search_term:
        detail = SEARCH_PREFIX + term_hash(search_term)
    event = AccessEvent(
        at=timezone.now(),
        clinic_id=getattr(user, "clinic_id", None),
        user=user,
        role=getattr(user, "role", ""),
        patient_id=getattr(patient, "pk", None) if patient is not None else patient_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        outcome=outcome,
        detail=detail[:200],
        # As the database will store it, so the seal made from this object verifies later.
        ip_address=IP_FIELD.to_python(client_ip(request)),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT],
        path=request.path[:300],
    )
    if search_term:
        setattr(event, SEARCH_TERM_ATTR, search_term[:200])
    events(request).append(event)
    return event


def term_hash(term: str) -> str:
    """Return a keyed hash of a normalised search term (stable, reveals nothing without the key)."""
    normalised = " ".join(term.casefold().split())
    key = settings.AUDIT_HMAC_KEY.encode()
    return hmac.new(key, b"search:" + normalised.encode(), hashlib.sha256).hexdigest()[:32]


def record_denied(request, *, obj_type: str, obj_id, patient_id=None, reason: str = "") -> None:
    """Queue a denied-access event: an object outside the user's clinic (or missing), or a
    page the user's role does not allow. ``patient_id`` names the patient concerned (of any
    clinic), so the attempt shows in that patient's access report."""
    detail = f"{obj_type}:{obj_id}" if obj_type else ""
    if reason:
        detail = f"{reason} {detail}".strip()
    record(
        request,
        action=AccessEvent.Action.READ,
        outcome=AccessEvent.Outcome.DENIED,
        detail=detail[:200],
        patient_id=patient_id,
    )


def deny(request, *, reason: str, obj_type: str = "", obj_id="", patient_id=None):
    """Log a denial by role and return the PermissionDenied to raise."""
    record_denied(request, obj_type=obj_type, obj_id=obj_id, patient_id=patient_id, reason=reason)
    return PermissionDenied(reason)


def events(request) -> list:
    """Return the request's pending events, creating the list on first use."""
    if not hasattr(request, EVENTS_ATTR):
        setattr(request, EVENTS_ATTR, [])
    return getattr(request, EVENTS_ATTR)


def client_ip(request) -> str | None:
    """Return the client's address as allauth's rate limits see it: REMOTE_ADDR, or behind a
    trusted proxy the forwarded address (TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


class AccessLogMiddleware:
    """Write the request's access events in one query, after the view's transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 403
            and request.user.is_authenticated
            and not any(
                e.outcome == AccessEvent.Outcome.DENIED for e in getattr(request, EVENTS_ATTR, [])
            )
        ):
            # A refusal that no view or decorator logged (e.g. a role check in a view).
            record_denied(request, obj_type="page", obj_id=request.path[:80], reason="forbidden")
        pending = getattr(request, EVENTS_ATTR, None)
        if pending:
            write(pending)
        return response


def write(pending: list[AccessEvent]) -> None:
    """Write and seal events, then keep the plain text of their search terms apart."""
    accesslog.write(pending)
    _write_terms(pending)


def _write_terms(pending: list[AccessEvent]) -> None:
    terms = [
        AccessSearchTerm(
            event=event, clinic_id=event.clinic_id, term=getattr(event, SEARCH_TERM_ATTR)
        )
        for event in pending
        if getattr(event, SEARCH_TERM_ATTR, "")
    ]
    if terms:
        AccessSearchTerm.objects.bulk_create(terms)

"""The self-entry lock: a signed-in session handed to a patient shows only the questionnaire.

The therapist starts self-entry for one visit; the session then remembers the visit (and the
patient's language) and ``SelfEntryLockMiddleware`` sends every request except the self-entry
pages and static files back to the questionnaire. Only the therapist's password ends the lock;
too many wrong passwords sign the session out.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

SESSION_KEY = "rugadem_selfentry"
MAX_UNLOCK_TRIES = 5
INSTRUMENT = "nq"
ALLOWED_URL_NAMES = (
    "patients:selfentry_form",
    "patients:selfentry_done",
    "patients:selfentry_unlock",
)


def start(session, *, visit, user) -> None:
    """Lock the session to self-entry of the NQ at this visit."""
    session[SESSION_KEY] = {
        "visit": visit.pk,
        "instrument": INSTRUMENT,
        "language": visit.episode.patient.language,
        "started_at": timezone.now().isoformat(),
        "user": user.pk,
        "done": False,
        "tries": 0,
    }


def current(session) -> dict | None:
    """Return the session's self-entry lock, or None when the session is not locked."""
    entry = session.get(SESSION_KEY)
    return entry if isinstance(entry, dict) else None


def mark_done(session) -> None:
    """Record that the patient submitted; the lock stays until the therapist unlocks."""
    _update(session, done=True)


def failed_try(session) -> int:
    """Count one wrong unlock password and return the number of wrong tries so far."""
    tries = current(session).get("tries", 0) + 1
    _update(session, tries=tries)
    return tries


def end(session) -> None:
    """Remove the lock."""
    session.pop(SESSION_KEY, None)


def _update(session, **changes) -> None:
    # Reassign rather than mutate, so the session backend notices the change.
    session[SESSION_KEY] = {**current(session), **changes}


def allowed_paths() -> frozenset[str]:
    """Return the paths a locked session may reach (the self-entry pages)."""
    return frozenset(reverse(name) for name in ALLOWED_URL_NAMES)


def _is_static(request) -> bool:
    # Only plain reads of files under STATIC_URL, never a path that climbs out of it.
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = request.path_info
    return request.method in ("GET", "HEAD") and path.startswith(prefix) and ".." not in path


class SelfEntryLockMiddleware:
    """Send a locked session to the self-entry page, whatever URL it asks for.

    Goes after SessionTimeoutMiddleware (a timed-out session ends, lock and all) and before
    MfaEnrolmentMiddleware, AccessLogMiddleware and ClinicScopeMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._blocked(request):
            return redirect("patients:selfentry_form")
        return self.get_response(request)

    def _blocked(self, request) -> bool:
        entry = current(request.session)
        if entry is None:
            return False
        if not request.user.is_authenticated or entry.get("user") != request.user.pk:
            # A lock left over from another sign-in protects nothing: drop it.
            end(request.session)
            return False
        return request.path_info not in allowed_paths() and not _is_static(request)

"""Request middleware: language, session timeouts, two-factor enrolment, clinic scoping."""

import time
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope

from clinic import changes

SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "TRACE"))

MFA_SESSION_KEY = "rugadem_mfa_enrolled"
STARTED_KEY = "rugadem_started"
ACTIVE_KEY = "rugadem_active"
# Write the last-activity time at most this often, so most requests do not save the session.
ACTIVITY_RESOLUTION = 60


class SecurityHeadersMiddleware:
    """Add the headers Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionTimeoutMiddleware:
    """End a session after the clinic's idle time, and in any case SESSION_COOKIE_AGE after
    sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            path = request.get_full_path()
            logout(request)
            messages.info(request, _("You were signed out after a period of inactivity."))
            return redirect(reverse(settings.LOGIN_URL) + "?" + urlencode({"next": path}))
        return self.get_response(request)

    def _expired(self, request) -> bool:
        now = int(time.time())
        session = request.session
        started = session.setdefault(STARTED_KEY, now)
        last = session.get(ACTIVE_KEY, now)
        clinic = request.user.clinic
        idle = clinic.idle_timeout_minutes if clinic else settings.IDLE_TIMEOUT_MINUTES_DEFAULT
        if now - last > idle * 60 or now - started > settings.SESSION_COOKIE_AGE:
            return True
        if now - last >= ACTIVITY_RESOLUTION or ACTIVE_KEY not in session:
            session[ACTIVE_KEY] = now
        return False


class UserLanguageMiddleware:
    """Show the interface in the language the signed-in user chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class MfaEnrolmentMiddleware:
    """Send staff of a clinic that mandates two-factor sign-in to enrol before anything else."""

    # The self-entry tablet must never bounce to enrolment while it is locked.
    exempt_prefixes = ("/accounts/", "/static/", "/healthz", "/i18n/", "/patients/self-entry/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            messages.warning(
                request, _("Your clinic requires two-factor sign-in. Set it up first.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.exempt_prefixes):
            return False
        if user.clinic is None or not user.clinic.mfa_required:
            return False
        if request.session.get(MFA_SESSION_KEY) == user.pk:
            return False
        enrolled = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if enrolled:
            request.session[MFA_SESSION_KEY] = user.pk
        return not enrolled


class ClinicScopeMiddleware:
    """Activate the signed-in user's clinic as the scope of every patient-data query.

    Patient-data models use django-scopes' ScopedManager (see clinic/scoping.py): inside this
    scope their default manager only returns rows of the user's clinic, so another clinic's
    object is simply not found (404). Outside any scope (a management command, a shell, a view
    reached without a clinic) the same query raises ScopeError instead of leaking data.

    After a request that may have changed data (any method but GET, HEAD, OPTIONS and TRACE),
    the clinic gets a new change stamp, so figures cached under the old one are recomputed
    (clinic/changes.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clinic_id = getattr(request.user, "clinic_id", None)
        if clinic_id is None:
            return self.get_response(request)
        with scope(clinic=clinic_id):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            changes.touch(clinic_id)
        return response

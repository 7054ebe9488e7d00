"""Re-authentication before sensitive pages, on allauth's own flows and session records.

allauth records every authentication of a session (sign-in and re-authentication, by password
and by second factor). Our rule on top of it:

- **Recent** means within ``ACCOUNT_REAUTHENTICATION_TIMEOUT``; a sign-in counts as much as a
  re-authentication, so someone who has just signed in is not asked for the password again
  (for instance on the two-factor enrolment page right after signing in).
- A user **with two-factor** must have used the second factor recently as well as the password:
  the password alone is not enough. The missing factor is asked for, through allauth's
  ``account_reauthenticate`` and ``mfa_reauthenticate`` pages.
"""

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.reauthentication import suspend_request
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.utils import is_mfa_enabled
from django.urls import reverse

SESSION_RECORDS = "account_authentication_methods"  # allauth's record of the session's sign-ins
SESSION_USER = "account_authentication_methods_user"


def recent_methods(request) -> set[str]:
    """Return the authentication methods ("password", "mfa") the user used recently."""
    user = request.user
    if not user.is_authenticated or request.session.get(SESSION_USER) != str(user.pk):
        return set()
    records = request.session.get(SESSION_RECORDS)
    if not isinstance(records, list):
        return set()
    now, timeout = time.time(), account_settings.REAUTHENTICATION_TIMEOUT
    return {r.get("method") for r in records if now - r.get("at", 0) < timeout}


def missing_factors(request) -> list[str]:
    """Return the factors still to be proved for a sensitive page (empty: go ahead)."""
    methods = recent_methods(request)
    missing = []
    if "password" not in methods:
        missing.append("password")
    if is_mfa_enabled(request.user) and "mfa" not in methods:
        missing.append("mfa")
    return missing


def reauthentication_required(view):
    """Let the view run only after a recent password and, with two-factor, a recent code."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or missing_factors(request):
            # allauth's middleware parks the request and sends the user to the first method
            # of ClinicAccountAdapter.get_reauthentication_methods: the missing factor.
            raise ReauthenticationRequired()
        return view(request, *args, **kwargs)

    return wrapped


# allauth's own two-factor management pages accept any one recent re-authentication (the
# password alone, too). For a user with two-factor these pages ask for what is missing as well.
GUARDED_MFA_PAGES = frozenset(
    {
        "mfa_deactivate_totp",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
    }
)
FACTOR_PAGES = {"password": "account_reauthenticate", "mfa": "mfa_reauthenticate"}


class SecondFactorReauthenticationMiddleware:
    """Send a user with two-factor to the missing factor before allauth's two-factor pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name not in GUARDED_MFA_PAGES:
            return None
        if not request.user.is_authenticated or not is_mfa_enabled(request.user):
            return None
        missing = missing_factors(request)
        if not missing:
            return None
        return suspend_request(request, reverse(FACTOR_PAGES[missing[0]]))

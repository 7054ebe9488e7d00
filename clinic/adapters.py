"""django-allauth adapter: staff accounts are created by the clinic, never by sign-up; staff
do not manage their own e-mail addresses; re-authentication asks for what is missing."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from clinic import reauth


class ClinicAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Not when the session has recently proved every factor the user has (a fresh sign-in
        included); otherwise allauth's own check applies."""
        request = context.request
        if (
            request is not None
            and request.user.is_authenticated
            and not reauth.missing_factors(request)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_reauthentication_methods(self, user):
        """Offer the factor that is missing first (the code, once the password is recent)."""
        methods = super().get_reauthentication_methods(user)
        request = context.request
        if request is None or not user.is_authenticated:
            return methods
        missing = reauth.missing_factors(request)
        if missing == ["mfa"]:
            methods.sort(key=lambda m: m["id"] != "mfa_reauthenticate")
        return methods

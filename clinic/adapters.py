"""django-allauth adapter: staff accounts are created by the clinic, never by sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class ClinicAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

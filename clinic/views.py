"""Clinic-wide pages: home, health check, language choice, clinic settings."""

from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from clinic import audit, reauth, web
from clinic.forms import ClinicSettingsForm, LanguageForm
from clinic.models import AccessEvent


@login_not_required
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """Report whether the database answers; no sign-in, no data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


@require_POST
def set_language(request):
    """Remember the chosen interface language on the user and switch to it."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    if form.is_valid():
        request.user.language = form.cleaned_data["language"]
        request.user.save(update_fields=["language"])
        translation.activate(request.user.language)
    return HttpResponseRedirect(target)


@require_POST
def sign_out_everywhere(request):
    """End every session of the user, on every device, this one included."""
    user = request.user
    user.session_version += 1
    user.save(update_fields=["session_version"])
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("account_login")


SECURITY_FIELDS = ("mfa_required", "idle_timeout_minutes")


def clinic_settings(request):
    """Let a clinic admin edit the clinic's details and security settings.

    Changing a security setting asks for the password (and code) again first, and every change
    is logged with the old and new values of the security settings.
    """
    web.require_admin(request, page="clinic settings")
    clinic = request.user.clinic
    form = ClinicSettingsForm(request.POST or None, request.FILES or None, instance=clinic)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_data
        if set(changed) & set(SECURITY_FIELDS) and reauth.missing_factors(request):
            # allauth parks this POST and replays it after the re-authentication.
            raise ReauthenticationRequired()
        form.save()
        if changed:
            audit.record(
                request,
                action=AccessEvent.Action.CHANGE,
                obj=clinic,
                detail=settings_change(form, changed),
            )
        messages.success(request, _("Clinic settings saved."))
        return redirect("clinic_settings")
    return render(request, "clinic/settings.html", {"form": form})


def settings_change(form, changed: list[str]) -> str:
    """Describe a settings change for the access log: security settings with old and new value."""
    parts = [
        f"{name}: {form.initial.get(name)} -> {form.cleaned_data.get(name)}"
        if name in SECURITY_FIELDS
        else name
        for name in changed
    ]
    return ("settings " + "; ".join(parts))[:200]


def email_managed_by_clinic(request, *args, **kwargs):
    """Stand in for allauth's self-service e-mail pages: staff cannot add or switch addresses
    (a colleague's, another clinic's); the address is set for them in the administration."""
    raise Http404(_("Your e-mail address is managed by your clinic."))

"""Patient self-entry of the NQ on a tablet, locked to the questionnaire (selfentry.py)."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.lookups import get_visit
from patients.screening import selfentry
from patients.screening import services as screening
from patients.screening.forms import NqForm, UnlockForm

DETAIL = "self-entry"


@require_POST
@clinic_staff_only
def selfentry_start(request, pk):
    """Hand this session to the patient: lock it to the NQ of this visit."""
    visit = get_visit(request, pk)
    selfentry.start(request.session, visit=visit, user=request.user)
    audit.record(
        request,
        action=AccessEvent.Action.CHANGE,
        patient=visit.episode.patient,
        obj=visit,
        detail=DETAIL,
    )
    return redirect("patients:selfentry_form")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@clinic_staff_only
def selfentry_form(request):
    """Show the questionnaire alone, in the patient's language; submitting ends it."""
    entry = selfentry.current(request.session)
    if entry is None:
        return redirect("home")
    if entry["done"]:
        return redirect("patients:selfentry_done")
    visit = get_visit(request, entry["visit"])
    patient = visit.episode.patient
    with translation.override(entry["language"]):
        form = NqForm(
            request.POST if request.method == "POST" else None,
            draft=request.POST.get("action") == "draft",
        )
        if form.is_valid():
            saved = screening.screening_submit(
                visit=visit, answers=form.answers(), user=request.user, self_entered=True
            )
            selfentry.mark_done(request.session)
            audit.record(
                request, action=AccessEvent.Action.CHANGE, patient=patient, obj=saved, detail=DETAIL
            )
            return redirect("patients:selfentry_done")
        audit.record(
            request, action=AccessEvent.Action.READ, patient=patient, obj=visit, detail=DETAIL
        )
        context = {"form": form, "unlock_form": UnlockForm(user=request.user)}
        return _render(request, "patients/screening/selfentry_form.html", context, entry)


@never_cache
@require_http_methods(["GET", "HEAD"])
@clinic_staff_only
def selfentry_done(request):
    """Thank the patient and ask for the tablet to be handed back."""
    entry = selfentry.current(request.session)
    if entry is None:
        return redirect("home")
    if not entry["done"]:
        return redirect("patients:selfentry_form")
    with translation.override(entry["language"]):
        context = {"unlock_form": UnlockForm(user=request.user)}
        return _render(request, "patients/screening/selfentry_done.html", context, entry)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@clinic_staff_only
def selfentry_unlock(request):
    """End self-entry with the therapist's password; too many wrong tries sign out."""
    entry = selfentry.current(request.session)
    if entry is None:
        return redirect("home")
    if request.method != "POST":
        return redirect("patients:selfentry_form")
    with translation.override(entry["language"]):
        form = UnlockForm(request.POST, user=request.user)
        if form.is_valid():
            selfentry.end(request.session)
            # A password rehash on check would otherwise end this session.
            update_session_auth_hash(request, request.user)
            return redirect("patients:screening", pk=entry["visit"])
        if selfentry.failed_try(request.session) >= selfentry.MAX_UNLOCK_TRIES:
            logout(request)
            # Lazy: the message shows on the sign-in page, in the therapist's language.
            messages.warning(request, gettext_lazy("Signed out after too many wrong passwords."))
            return redirect("account_login")
        context = {"unlock_form": form, "max_tries": selfentry.MAX_UNLOCK_TRIES}
        entry = selfentry.current(request.session)
        return _render(request, "patients/screening/selfentry_unlock.html", context, entry)


def _render(request, template, context, entry):
    context = {**context, "entry": entry, "clinic_name": request.user.clinic.name}
    response = render(request, template, context)
    response["Content-Language"] = entry["language"]
    return response

"""Breathing-pattern screening of a visit: the hub, the NQ grid and the observation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from clinic import audit
from clinic.models import AccessEvent
from patients.lookups import get_visit
from patients.screening import services as screening
from patients.screening.forms import NqForm, ObservationForm

READ, CHANGE = AccessEvent.Action.READ, AccessEvent.Action.CHANGE


# Not kept in the browser's history cache: "Back" on a tablet handed to the patient must not
# show this page again without a request (which the self-entry lock then redirects).
@never_cache
@require_http_methods(["GET", "HEAD"])
def screening_hub(request, pk):
    """Show the visit's NQ status, observation, previous values and breathing findings."""
    visit = get_visit(request, pk)
    audit.record(request, action=READ, patient=visit.episode.patient, obj=visit)
    context = {"visit": visit, "screening": screening.visit_screening(visit)}
    return render(request, "patients/screening/hub.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def nq_entry(request, pk):
    """Enter all 16 NQ answers in one keyboard-friendly grid; save complete or as a draft."""
    visit = get_visit(request, pk)
    response = screening.nq_response(visit)
    form = NqForm(
        request.POST if request.method == "POST" else None,
        draft=request.POST.get("action") == "draft",
        initial=response.answers if response is not None else None,
        previous=screening.previous_nq(visit),
    )
    if form.is_valid():
        saved = screening.screening_submit(visit=visit, answers=form.answers(), user=request.user)
        audit.record(request, action=CHANGE, patient=visit.episode.patient, obj=saved)
        messages.success(request, _("NQ saved.") if saved.valid else _("NQ saved as a draft."))
        return redirect("patients:screening", pk=visit.pk)
    audit.record(request, action=READ, patient=visit.episode.patient, obj=visit)
    context = {"visit": visit, "form": form, "response": response}
    return render(request, "patients/screening/nq_grid.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def observation(request, pk):
    """Record the observed breathing assessment of the visit."""
    visit = get_visit(request, pk)
    form = ObservationForm(
        request.POST if request.method == "POST" else None,
        instance=screening.observation_of(visit),
        previous=screening.previous_observation(visit),
    )
    if form.is_valid():
        saved = screening.observation_save(visit=visit, data=form.cleaned_data, user=request.user)
        audit.record(request, action=CHANGE, patient=visit.episode.patient, obj=saved)
        messages.success(request, _("Breathing observation saved."))
        return redirect("patients:screening", pk=visit.pk)
    audit.record(request, action=READ, patient=visit.episode.patient, obj=visit)
    return render(request, "patients/screening/observation.html", {"visit": visit, "form": form})

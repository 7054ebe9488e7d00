"""The patient register: the patient list, a patient's page, episodes and visits."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, Max, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clinic import audit, idempotency
from clinic.models import AccessEvent, Therapist
from clinic.web import clinic_staff_only
from patients.intake import sections as intake
from patients.lookups import get_episode, get_patient, patient_context
from patients.models import Episode, Patient, Visit
from patients.record import search, services
from patients.record.forms import (
    EpisodeCloseForm,
    EpisodeForm,
    PatientFilterForm,
    PatientForm,
    VisitForm,
)

PAGE_SIZE = 50
START_PAGE_ROWS = 10
Action = AccessEvent.Action


def visits_with_measurements():
    """Return a Prefetch of the visits with their therapist and instrument responses."""
    visits = Visit.objects.select_related("therapist").prefetch_related("responses")
    return Prefetch("visits", queryset=visits)


# Read-only: without the request transaction the page costs only its own queries.
@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def patient_list(request):
    """List the clinic's patients: search, filter, sort, 50 a page."""
    therapists = list(Therapist.objects.filter(clinic_id=request.user.clinic_id))
    form = PatientFilterForm(request.GET or None, therapists=therapists)
    filters = form.filters()
    page = Paginator(search.patient_list(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(search.list_rows(page.object_list, sort=filters["sort"]))
    search.add_row_details(page.object_list, therapists=therapists, today=timezone.localdate())
    audit.record(request, action=Action.SEARCH, search_term=filters["q"])
    return render(
        request, "patients/register/list.html", {"form": form, "page": page, "filters": filters}
    )


@clinic_staff_only
def patient_create(request):
    """Register a new patient; the clinic's next patient number is assigned."""
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        earlier = idempotency.claim(request.user, form.submission_token_value)
        if earlier is not None:
            return _already_submitted(request, earlier, "patients:list")
        patient = services.patient_register(clinic=request.user.clinic, data=form.cleaned_data)
        audit.record(request, action=Action.CREATE, patient=patient, obj=patient)
        messages.success(
            request, _("Patient registered with number %(number)s.") % {"number": patient.number}
        )
        url = reverse("patients:detail", kwargs={"pk": patient.pk})
        idempotency.done(form.submission_token_value, url)
        return redirect(url)
    return render(request, "patients/register/patient_form.html", {"form": form})


@clinic_staff_only
def patient_edit(request, pk):
    """Edit a patient's details."""
    patient = get_patient(request, pk)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request, action=Action.CHANGE, patient=patient, obj=patient)
        messages.success(request, _("Patient details saved."))
        return redirect("patients:detail", pk=patient.pk)
    audit.record(request, action=Action.READ, patient=patient, obj=patient)
    return render(
        request, "patients/register/patient_form.html", patient_context(patient, form=form)
    )


@clinic_staff_only
@require_GET
def patient_detail(request, pk):
    """Show a patient: details and a timeline of episodes, visits and measurements."""
    patient = get_patient(request, pk)
    episodes = patient.episodes.select_related("therapist").prefetch_related(
        visits_with_measurements()
    )
    audit.record(request, action=Action.READ, patient=patient, obj=patient)
    return render(
        request,
        "patients/register/patient_detail.html",
        patient_context(patient, episodes=episodes),
    )


@clinic_staff_only
def episode_create(request, pk):
    """Open a treatment episode (with its intake visit) for a patient."""
    patient = get_patient(request, pk)
    form = EpisodeForm(request.POST or None, user=request.user, patient=patient)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "therapist"}
        episode = services.episode_open(
            patient=patient, therapist=form.cleaned_data["therapist"], data=data
        )
        audit.record(request, action=Action.CREATE, patient=patient, obj=episode)
        messages.success(request, _("Episode opened."))
        return redirect("patients:episode_detail", pk=episode.pk)
    audit.record(request, action=Action.READ, patient=patient, obj=patient)
    return render(
        request, "patients/register/episode_form.html", patient_context(patient, form=form)
    )


@clinic_staff_only
@require_GET
def episode_detail(request, pk):
    """Show an episode: the hub for its intake, screening, findings and plans."""
    episode = get_episode(request, pk)
    visits = episode.visits.select_related("therapist").prefetch_related("responses")
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    context = patient_context(episode=episode, visits=visits, stage=_stage(episode))
    return render(request, "patients/register/episode_detail.html", context)


def _stage(episode: Episode) -> str:
    """Return the step the episode is at: its page offers that step as the primary action."""
    if not episode.is_open:
        return "closed"
    if not intake.intake_status(episode).complete:
        return "intake"
    # Through the reverse relation: the patient register imports nothing from plans.
    if not episode.plans.exclude(status="draft").exists():
        return "plan"
    return "followup"


@clinic_staff_only
def episode_edit(request, pk):
    """Edit an episode's facts (not the working diagnosis: that is part of the intake)."""
    episode = get_episode(request, pk)
    form = EpisodeForm(
        request.POST or None, instance=episode, user=request.user, patient=episode.patient
    )
    if request.method == "POST" and form.is_valid():
        services.episode_update(episode=episode, data=form.cleaned_data)
        audit.record(request, action=Action.CHANGE, patient=episode.patient, obj=episode)
        messages.success(request, _("Episode saved."))
        return redirect("patients:episode_detail", pk=episode.pk)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    return render(
        request,
        "patients/register/episode_form.html",
        patient_context(episode=episode, form=form),
    )


@clinic_staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def episode_close(request, pk):
    """Close an episode: offer the discharge, or close without one when the therapist says why."""
    episode = get_episode(request, pk)
    if not episode.is_open:
        audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
        messages.info(request, _("This episode was already closed."))
        return redirect("patients:episode_detail", pk=episode.pk)
    form = EpisodeCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.episode_close(episode=episode, note=form.cleaned_data["note"])
        audit.record(
            request, action=Action.CHANGE, patient=episode.patient, obj=episode, detail="closed"
        )
        messages.success(request, _("Episode closed."))
        return redirect("patients:episode_detail", pk=episode.pk)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    context = patient_context(episode=episode, form=form)
    return render(request, "patients/register/episode_close.html", context)


@clinic_staff_only
def visit_create(request, pk):
    """Record a follow-up or discharge visit of an open episode."""
    episode = get_episode(request, pk)
    if not episode.is_open:
        audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
        messages.error(request, _("This episode is closed; visits can no longer be added."))
        return redirect("patients:episode_detail", pk=episode.pk)
    form = VisitForm(request.POST or None, episode=episode)
    if request.method == "POST" and form.is_valid():
        url = reverse("patients:episode_detail", kwargs={"pk": episode.pk})
        if idempotency.claim(request.user, form.submission_token_value) is not None:
            return _already_submitted(request, None, url)
        visit = services.visit_create(
            episode=episode, therapist=request.user, data=form.cleaned_data
        )
        audit.record(request, action=Action.CREATE, patient=episode.patient, obj=visit)
        messages.success(request, _("Visit recorded."))
        idempotency.done(form.submission_token_value, url)
        return redirect(url)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    return render(
        request,
        "patients/register/visit_form.html",
        patient_context(episode=episode, form=form),
    )


def _already_submitted(request, earlier, fallback: str):
    """Answer a repeated submission of a form: nothing is made twice; show the first result."""
    messages.info(request, _("This form was already sent; nothing was added twice."))
    return redirect(getattr(earlier, "result_url", "") or fallback)


def start_page(request) -> dict:
    """Return the start page's lists: the user's open episodes and the newest patients."""
    if request.user.clinic_id is None:
        return {}
    open_episodes = (
        Episode.objects.filter(therapist=request.user, status=Episode.Status.OPEN)
        .select_related("patient")
        .annotate(last_visit=Max("visits__date"))
        .order_by(F("last_visit").desc(nulls_last=True), "-pk")
    )
    audit.record(request, action=Action.SEARCH, detail="start page")
    return {
        "open_episodes": open_episodes[: START_PAGE_ROWS * 2],
        "recent_patients": Patient.objects.order_by("-number")[:START_PAGE_ROWS],
    }


def home(request):
    """Show the signed-in start page: the user's open episodes and the newest patients."""
    return render(request, "clinic/home.html", start_page(request))

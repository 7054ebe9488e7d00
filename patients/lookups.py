"""Clinic-scoped lookups, one per object type. Not in the user's clinic -> 404 (and logged)."""

from django.http import Http404
from django.utils import timezone

from clinic import audit
from clinic.scoping import get_scoped_or_404
from clinic.web import patient_id_of
from patients.models import Episode, Patient, Visit


def _lookup(request, queryset, label, pk):
    try:
        return get_scoped_or_404(queryset, pk=pk)
    except Http404:
        audit.record_denied(request, obj_type=label, obj_id=pk, patient_id=patient_id_of(label, pk))
        raise


def get_patient(request, pk) -> Patient:
    """Return the patient of the user's clinic, or 404."""
    return _lookup(request, Patient.objects.all(), "patient", pk)


def get_episode(request, pk) -> Episode:
    """Return the episode (with its patient and therapist) of the user's clinic, or 404."""
    queryset = Episode.objects.select_related("patient", "therapist")
    return _lookup(request, queryset, "episode", pk)


def get_visit(request, pk) -> Visit:
    """Return the visit (with episode and patient) of the user's clinic, or 404."""
    queryset = Visit.objects.select_related("episode__patient", "episode__therapist")
    return _lookup(request, queryset, "visit", pk)


def patient_context(patient: Patient | None = None, *, episode: Episode | None = None, **extra):
    """Return the context of the patient header shared by every patient and plan page.

    Give the patient, or the episode (its patient then heads the page and `episode` is set).
    """
    if episode is not None:
        patient = episode.patient
        extra["episode"] = episode
    return {"patient": patient, "age": patient.age_on(timezone.localdate()), **extra}

"""Clinic-scoped lookups for plans and exercises. Not in the user's clinic -> 404 (and logged)."""

from django.http import Http404

from clinic import audit
from clinic.scoping import get_scoped_or_404
from clinic.web import patient_id_of
from plans.models import Exercise, HomePlan


def get_plan(request, pk) -> HomePlan:
    """Return the plan (with its episode, patient and therapist) of the user's clinic, or 404."""
    queryset = HomePlan.objects.select_related(
        "episode__patient", "episode__therapist", "created_by", "issued_by"
    )
    try:
        return get_scoped_or_404(queryset, pk=pk)
    except Http404:
        audit.record_denied(
            request, obj_type="plan", obj_id=pk, patient_id=patient_id_of("plan", pk)
        )
        raise


def get_exercise(request, pk) -> Exercise:
    """Return a built-in or own exercise visible to the user's clinic, or 404."""
    try:
        return Exercise.objects.for_clinic(request.user.clinic_id).get(pk=pk)
    except Exercise.DoesNotExist:
        audit.record_denied(request, obj_type="exercise", obj_id=pk)
        raise Http404 from None

"""The record history page of a patient."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.lookups import get_patient, patient_context
from patients.record.history import patient_history


@clinic_staff_only
@require_GET
def record_history(request, pk):
    """Show who changed what in the patient's record, and when."""
    patient = get_patient(request, pk)
    audit.record(
        request,
        action=AccessEvent.Action.READ,
        patient=patient,
        obj=patient,
        detail="record history",
    )
    return render(
        request,
        "patients/history/record_history.html",
        patient_context(patient, changes=patient_history(patient)),
    )

"""Workflows that touch several patient models; each runs in one transaction."""

from django.db import IntegrityError, transaction
from django.db.models import Max

from clinic import audit
from clinic.models import AccessEvent
from patients.models import Episode, Patient, Visit

NUMBER_RETRIES = 5


@transaction.atomic
def patient_register(*, request, clinic, data: dict) -> Patient:
    """Create a patient with the clinic's next patient number."""
    for _attempt in range(NUMBER_RETRIES):
        number = (Patient.objects.filter(clinic=clinic).aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                patient = Patient.objects.create(clinic=clinic, number=number, **data)
        except IntegrityError:
            continue  # Someone else took the number at the same moment; take the next.
        audit.record(request, action=AccessEvent.Action.CREATE, patient=patient, obj=patient)
        return patient
    raise IntegrityError("Could not assign a patient number.")


@transaction.atomic
def episode_open(*, request, patient: Patient, therapist, data: dict) -> Episode:
    """Open a treatment episode for the patient, with its intake visit."""
    episode = Episode.objects.create(clinic_id=patient.clinic_id, patient=patient,
                                     therapist=therapist, **data)
    Visit.objects.create(episode=episode, date=episode.opened_on, kind=Visit.Kind.INTAKE,
                         therapist=therapist)
    audit.record(request, action=AccessEvent.Action.CREATE, patient=patient, obj=episode)
    return episode

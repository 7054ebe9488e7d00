"""Workflows that touch several patient models; each runs in one transaction.

They take what they need (clinic, user, data), never the request: the views write the
access-log events.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clinic.models import Clinic
from patients.models import Episode, Patient, Visit


@transaction.atomic
def patient_register(*, clinic, data: dict) -> Patient:
    """Create a patient with the clinic's next patient number; a number is never reused, not
    even after the patient's record was erased (Clinic.last_patient_number remembers it)."""
    # Locks the clinic's row until commit (PostgreSQL; SQLite has one writer): one number each.
    locked = Clinic.objects.select_for_update().only("last_patient_number").get(pk=clinic.pk)
    highest = Patient.objects.filter(clinic=clinic).aggregate(n=Max("number"))["n"] or 0
    number = max(locked.last_patient_number, highest) + 1
    Clinic.objects.filter(pk=clinic.pk).update(last_patient_number=number)
    return Patient.objects.create(clinic=clinic, number=number, **data)


@transaction.atomic
def episode_open(*, patient: Patient, therapist, data: dict) -> Episode:
    """Open a treatment episode for the patient, with its intake visit."""
    episode = Episode.objects.create(
        clinic_id=patient.clinic_id, patient=patient, therapist=therapist, **data
    )
    Visit.objects.create(
        episode=episode, date=episode.opened_on, kind=Visit.Kind.INTAKE, therapist=therapist
    )
    return episode


@transaction.atomic
def episode_update(*, episode: Episode, data: dict) -> Episode:
    """Change the episode's facts; the intake visit moves with the opening date."""
    for field, value in data.items():
        setattr(episode, field, value)
    episode.save(update_fields=[*data])
    episode.visits.filter(kind=Visit.Kind.INTAKE).update(date=episode.opened_on)
    return episode


@transaction.atomic
def episode_close(*, episode: Episode, note: str) -> Episode:
    """Close an open episode today without a discharge record, saying why; closing a closed
    episode changes nothing."""
    if episode.is_open:
        episode.status = Episode.Status.CLOSED
        episode.closed_on = max(timezone.localdate(), episode.opened_on)
        episode.close_note = note
        episode.save(update_fields=["status", "closed_on", "close_note"])
    return episode


@transaction.atomic
def visit_create(*, episode: Episode, therapist, data: dict) -> Visit:
    """Record a follow-up or discharge visit of an open episode."""
    if not episode.is_open:
        raise ValueError("Visits are only added to open episodes.")
    return Visit.objects.create(episode=episode, therapist=therapist, **data)

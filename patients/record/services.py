"""Workflows that touch several patient models; each runs in one transaction."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clinic import audit
from clinic.models import AccessEvent, Clinic
from patients.models import Episode, Patient, Visit


@transaction.atomic
def patient_register(*, request, clinic, data: dict) -> Patient:
    """Create a patient with the clinic's next patient number; a number is never reused, not
    even after the patient's record was erased (Clinic.last_patient_number remembers it)."""
    # Locks the clinic's row until commit (PostgreSQL; SQLite has one writer): one number each.
    locked = Clinic.objects.select_for_update().only("last_patient_number").get(pk=clinic.pk)
    highest = Patient.objects.filter(clinic=clinic).aggregate(n=Max("number"))["n"] or 0
    number = max(locked.last_patient_number, highest) + 1
    Clinic.objects.filter(pk=clinic.pk).update(last_patient_number=number)
    patient = Patient.objects.create(clinic=clinic, number=number, **data)
    audit.record(request, action=AccessEvent.Action.CREATE, patient=patient, obj=patient)
    return patient


@transaction.atomic
def episode_open(*, request, patient: Patient, therapist, data: dict) -> Episode:
    """Open a treatment episode for the patient, with its intake visit."""
    episode = Episode.objects.create(
        clinic_id=patient.clinic_id, patient=patient, therapist=therapist, **data
    )
    Visit.objects.create(
        episode=episode, date=episode.opened_on, kind=Visit.Kind.INTAKE, therapist=therapist
    )
    audit.record(request, action=AccessEvent.Action.CREATE, patient=patient, obj=episode)
    return episode


@transaction.atomic
def episode_update(*, request, episode: Episode, data: dict) -> Episode:
    """Change the episode's facts; the intake visit moves with the opening date."""
    for field, value in data.items():
        setattr(episode, field, value)
    episode.save(update_fields=[*data])
    episode.visits.filter(kind=Visit.Kind.INTAKE).update(date=episode.opened_on)
    audit.record(request, action=AccessEvent.Action.CHANGE, patient=episode.patient, obj=episode)
    return episode


@transaction.atomic
def episode_close(*, request, episode: Episode, note: str) -> Episode:
    """Close an open episode today without a discharge record, saying why; closing a closed
    episode changes nothing."""
    if episode.is_open:
        episode.status = Episode.Status.CLOSED
        episode.closed_on = max(timezone.localdate(), episode.opened_on)
        episode.close_note = note
        episode.save(update_fields=["status", "closed_on", "close_note"])
        audit.record(
            request,
            action=AccessEvent.Action.CHANGE,
            patient=episode.patient,
            obj=episode,
            detail="closed",
        )
    return episode


@transaction.atomic
def visit_create(*, request, episode: Episode, therapist, data: dict) -> Visit:
    """Record a follow-up or discharge visit of an open episode."""
    if not episode.is_open:
        raise ValueError("Visits are only added to open episodes.")
    visit = Visit.objects.create(episode=episode, therapist=therapist, **data)
    audit.record(request, action=AccessEvent.Action.CREATE, patient=episode.patient, obj=visit)
    return visit

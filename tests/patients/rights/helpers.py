"""Helpers for the patient-rights tests: a full record with every kind of data (fixtures in
conftest.py)."""

import datetime
import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients import instruments
from patients.models import (
    AdherenceEntry,
    BreathingObservation,
    CalendarReturn,
    ComplaintHistory,
    Discharge,
    Episode,
    InstrumentResponse,
    MovementFindings,
    Psychosocial,
    RedFlagScreen,
    Visit,
    WeeklyPain,
    WorkLifestyle,
)
from patients.rights import services as rights
from plans.models import HomePlan
from tests.conftest import PASSWORD
from tests.patients.intake.helpers import VALID
from tests.plans.conftest_pdf import make_plan

# Text that identifies Anna Jansen, typed into free-text fields all over her record.
SECRET = "Bakkerij Jansen"
FAKE_PDF = b"%PDF-1.7 Anna Jansen " + SECRET.encode()


def reauthenticate(client):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def build_intake(episode, user):
    """Store a whole intake, as the intake pages would (each save leaves a history row)."""
    history = VALID["history"]
    ComplaintHistory.objects.create(
        episode=episode,
        updated_by=user,
        recurrent=False,
        previous_episodes=None,
        **{k: v for k, v in history.items() if k != "previous_episodes"},
    )
    RedFlagScreen.objects.create(
        episode=episode, updated_by=user, answers=VALID["redflags"], level="none"
    )
    Psychosocial.objects.create(episode=episode, updated_by=user, stress=4, fear_of_movement="some")
    WorkLifestyle.objects.create(
        episode=episode,
        updated_by=user,
        desk_hours=Decimal("7.5"),
        breaks="rarely",
        activity="moderate",
        sport="Wandelen",
        sleep_quality="fair",
    )
    MovementFindings.objects.create(
        episode=episode,
        updated_by=user,
        lumbar_flexion="painful",
        lumbar_extension="normal",
        lumbar_side_bending="limited",
        lumbar_rotation="normal",
        thoracic_mobility="limited",
        lumbar_lordosis="flattened",
    )
    intake = episode.visits.get(kind=Visit.Kind.INTAKE)
    respond(intake, "nprs", {"q1": 6}, user)
    respond(intake, "psk", {"q1": 7, "q2": 5}, user, labels={"q1": "Fietsen", "q2": "Tillen"})
    respond(intake, "qbpds", {f"q{n}": 2 for n in range(1, 21)}, user)
    respond(intake, "sbst", {f"q{n}": int(n in (1, 5)) for n in range(1, 9)} | {"q9": 1}, user)
    episode.refresh_from_db()
    episode.diagnosis, episode.guideline_class = "overload", "nslbp"
    episode.goals = VALID["diagnosis"]["goals"]
    episode._history_user = user
    episode.save()


def respond(visit, code, answers, user, labels=None):
    """Store a complete, scored questionnaire response."""
    response = InstrumentResponse(visit=visit)
    response.take_score(instruments.get(code), answers, user=user, labels=labels, complete=True)
    response.save()


def build_record(episode, user):
    """Add the rest: red-flag decision, notes, breathing, an issued plan with its stored PDF,
    a returned calendar and the discharge."""
    RedFlagScreen.objects.filter(episode=episode).update(
        decision="continue_reasoned",
        decision_note=f"Werkt bij {SECRET}, geen zorgen",
        decided_by=user,
        decided_at=timezone.now(),
    )
    intake = episode.visits.get(kind=Visit.Kind.INTAKE)
    intake.notes = f"Vertelde over {SECRET}"
    intake.save()
    BreathingObservation.objects.create(
        visit=intake, rate=18, hilo_supine="upper_chest", notes=SECRET, updated_by=user
    )
    plan = make_plan(episode, user, note=f"Groeten aan {SECRET}")
    name = default_storage.save(
        f"plans/pdf/clinic-{episode.clinic_id}/plan.pdf", ContentFile(FAKE_PDF)
    )
    HomePlan.objects.filter(pk=plan.pk).update(
        pdf=name, pdf_sha256=hashlib.sha256(FAKE_PDF).hexdigest()
    )
    item = plan.items.first()
    item.note = SECRET
    item.save()
    follow_up = Visit.objects.create(
        episode=episode, kind=Visit.Kind.FOLLOW_UP, date=episode.opened_on, therapist=user
    )
    calendar = CalendarReturn.objects.create(visit=follow_up, plan=plan, updated_by=user)
    AdherenceEntry.objects.create(calendar=calendar, item=item, week=1, days_done=5, days_planned=7)
    WeeklyPain.objects.create(calendar=calendar, week=1, score=4)
    discharge = Visit.objects.create(
        episode=episode, kind=Visit.Kind.DISCHARGE, date=episode.opened_on, therapist=user
    )
    Discharge.objects.create(
        episode=episode,
        visit=discharge,
        reason="other",
        reason_other=SECRET,
        conclusion=SECRET,
        recorded_by=user,
    )
    episode.refresh_from_db()
    episode.status, episode.closed_on = Episode.Status.CLOSED, episode.opened_on
    episode.title = f"Rugpijn na werk bij {SECRET}"
    episode.save()


def stored_counts(patient_pk):
    """Return the number of rows (live and historical) of every rights source for a patient."""
    with scopes_disabled():
        from patients.models import Patient

        patient = Patient.objects.filter(pk=patient_pk).first()
        if patient is None:
            return None
        return {f.source.key: (len(f.rows), len(f.history)) for f in rights.collect(patient)}


def events_about(patient_pk):
    return list(AccessEvent.objects.filter(patient_id=patient_pk).order_by("pk"))


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)

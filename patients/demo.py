"""Demo patients for seed_demo: intakes in different states, screenings, plans to follow.

Idempotent: a demo patient is recognised by its name in the demo clinic and made only once.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django_scopes import scope

from patients import instruments, redflags
from patients.models import (
    BreathingObservation,
    ComplaintHistory,
    Episode,
    InstrumentResponse,
    MovementFindings,
    Patient,
    Psychosocial,
    RedFlagScreen,
    Visit,
    WorkLifestyle,
)
from patients.screening.services import screening_submit

ALL_NO = {flag.code: redflags.NO for flag in redflags.FLAGS}


@dataclass(frozen=True)
class DemoPatient:
    first_name: str
    last_name: str
    born: datetime.date
    language: str
    occupation: str
    state: str  # complete, draft, redflag_pending, redflag_cleared
    weeks_ago: int
    nq: int  # 0..4 used for every NQ item, so the total is 16 * nq
    hilo_sitting: str = "functional"
    rate: int = 12
    desk_hours: str = "2"
    flags: dict = field(default_factory=dict)


PATIENTS = (
    DemoPatient(
        "Anna",
        "de Jong",
        datetime.date(1984, 3, 12),
        "nl",
        "Accountant",
        "complete",
        7,
        2,
        "upper_chest",
        19,
        "8",
    ),
    DemoPatient(
        "Bram",
        "Visser",
        datetime.date(1988, 9, 2),
        "nl",
        "Stratenmaker",
        "complete",
        3,
        0,
        "functional",
        13,
        "1",
    ),
    DemoPatient(
        "Femke",
        "Smit",
        datetime.date(1992, 6, 21),
        "en",
        "Software developer",
        "complete",
        5,
        1,
        "paradoxical",
        17,
        "9",
    ),
    DemoPatient("Carla", "Mulder", datetime.date(1965, 1, 30), "nl", "Docent", "draft", 1, 1),
    DemoPatient(
        "Daan",
        "Bos",
        datetime.date(1958, 11, 5),
        "nl",
        "Gepensioneerd",
        "redflag_pending",
        1,
        1,
        flags={"night_pain": redflags.YES},
    ),
    DemoPatient(
        "Eva",
        "Meijer",
        datetime.date(1979, 8, 14),
        "nl",
        "Verpleegkundige",
        "redflag_cleared",
        4,
        2,
        "upper_chest",
        18,
        "3",
        flags={"weight_loss": redflags.UNSURE},
    ),
)


def seed(*, clinic, staff, stdout) -> list[Episode]:
    """Create the demo patients of ``clinic`` and return their episodes."""
    therapists = [user for user in staff if not user.is_clinic_admin] or list(staff)
    episodes = []
    with scope(clinic=clinic.pk):
        for number, demo in enumerate(PATIENTS):
            therapist = therapists[number % len(therapists)]
            episode = _existing(clinic, demo) or _create(clinic, demo, therapist)
            episodes.append(episode)
        stdout.write(f"  {len(PATIENTS)} demo patients with intakes and screenings")
    return episodes


def _existing(clinic, demo):
    patient = Patient.objects.filter(
        clinic=clinic, first_name=demo.first_name, last_name=demo.last_name
    ).first()
    return patient.episodes.order_by("pk").first() if patient else None


def _create(clinic, demo, therapist) -> Episode:
    number = (
        Patient.objects.filter(clinic=clinic)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    patient = Patient.objects.create(
        clinic=clinic,
        number=number,
        first_name=demo.first_name,
        last_name=demo.last_name,
        date_of_birth=demo.born,
        language=demo.language,
        occupation=demo.occupation,
        phone="06 1234 5678",
    )
    opened = timezone.localdate() - datetime.timedelta(weeks=demo.weeks_ago)
    episode = Episode.objects.create(
        clinic=clinic,
        patient=patient,
        therapist=therapist,
        referral=Episode.Referral.DIRECT,
        opened_on=opened,
        title="Lage rugpijn" if demo.language == "nl" else "Low back pain",
    )
    visit = Visit.objects.create(
        episode=episode, date=opened, kind=Visit.Kind.INTAKE, therapist=therapist
    )
    _history(episode, demo, therapist, opened)
    _respond(visit, "nprs", {"q1": 6}, therapist)
    if demo.state == "draft":
        _respond(visit, "qbpds", {f"q{n}": 2 for n in range(1, 9)}, therapist)
        return episode
    _respond(
        visit, "psk", {"q1": 7, "q2": 5}, therapist, labels={"q1": "Lang zitten", "q2": "Tillen"}
    )
    _respond(visit, "qbpds", {f"q{n}": 1 + n % 3 for n in range(1, 21)}, therapist)
    _respond(visit, "sbst", {**{f"q{n}": n % 2 for n in range(1, 9)}, "q9": 2}, therapist)
    _redflags(episode, demo, therapist)
    _other_sections(episode, demo, therapist)
    screening_submit(visit=visit, answers={f"q{n}": demo.nq for n in range(1, 17)}, user=therapist)
    BreathingObservation.objects.create(
        visit=visit,
        hilo_supine="functional",
        hilo_sitting=demo.hilo_sitting,
        hilo_standing=demo.hilo_sitting,
        rate=demo.rate,
        rhythm="regular",
        route="mixed" if demo.nq >= 2 else "nose",
        sighs=demo.nq >= 2,
        accessory_muscles=False,
        breath_hold_seconds=30 - 5 * demo.nq,
        updated_by=therapist,
    )
    return episode


def _history(episode, demo, therapist, opened):
    ComplaintHistory.objects.create(
        episode=episode,
        onset_date=opened - datetime.timedelta(weeks=2),
        onset_mode="gradual_desk" if float(demo.desk_hours) >= 6 else "sudden_lifting",
        pain_location="Onderrug, midden",
        radiation="none",
        pattern_24h="morning",
        sleep="sometimes",
        earlier_treatment=["exercises"],
        updated_by=therapist,
    )


def _respond(visit, code, answers, therapist, labels=None):
    response = InstrumentResponse(visit=visit)
    response.take_score(instruments.get(code), answers, user=therapist, labels=labels)
    response.save()


def _redflags(episode, demo, therapist):
    answers = {**ALL_NO, **demo.flags}
    born, onset = episode.patient.date_of_birth, episode.complainthistory.onset_date
    outcome = redflags.triage(answers, age_at_onset=redflags.age_at_onset(born, onset))
    screen = RedFlagScreen(
        episode=episode,
        answers=answers,
        level=outcome.level,
        reasons=list(outcome.reasons),
        updated_by=therapist,
    )
    if demo.state == "redflag_cleared":
        screen.decision = RedFlagScreen.Decision.GP_CLEARED
        screen.decision_note = "Huisarts gebeld: geen aanwijzingen voor specifieke pathologie."
        screen.decided_by, screen.decided_at = therapist, timezone.now()
    screen.save()


def _other_sections(episode, demo, therapist):
    Psychosocial.objects.create(
        episode=episode, stress=4 + demo.nq, fear_of_movement="some", updated_by=therapist
    )
    WorkLifestyle.objects.create(
        episode=episode,
        desk_hours=demo.desk_hours,
        breaks="rarely",
        activity="moderate",
        sleep_quality="fair",
        updated_by=therapist,
    )
    MovementFindings.objects.create(
        episode=episode,
        lumbar_flexion="painful",
        lumbar_extension="normal",
        lumbar_side_bending="normal",
        lumbar_rotation="limited",
        thoracic_mobility="limited" if float(demo.desk_hours) >= 6 else "normal",
        forward_head=float(demo.desk_hours) >= 6,
        lumbar_lordosis="normal",
        updated_by=therapist,
    )
    episode.diagnosis = Episode.Diagnosis.OVERLOAD
    episode.guideline_class = Episode.GuidelineClass.NSLBP
    episode.goals = (
        "Weer een hele werkdag kunnen zitten zonder pijn."
        if demo.language == "nl"
        else "Sit through a whole working day without pain."
    )
    episode.save()

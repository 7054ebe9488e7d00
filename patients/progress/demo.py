"""Demo follow-ups and discharges for seed_demo, so the progress charts and the dashboard show
something real on the first run.

Call after the demo plans exist: each open demo episode gets a follow-up every two weeks since
it opened (never in the future) with the returned calendar and improving measurements, and the
last episode that ran six weeks or more is discharged. Idempotent: an episode that already has
a follow-up or discharge is left alone. Everything goes through the workflows, as in the app.
"""

import datetime
import random

from django.utils import timezone
from django_scopes import scope

from patients import instruments
from patients.intake.forms import InstrumentEntry
from patients.intake.sections import PAIN, intake_section_save
from patients.models import CALENDAR_WEEKS, InstrumentResponse, Visit
from patients.progress import followup
from patients.screening import services as screening

FOLLOW_UP_EVERY = datetime.timedelta(weeks=2)
DISCHARGE_AFTER = datetime.timedelta(weeks=6)
ACTIVITIES = {"nl": {"q1": "Fietsen", "q2": "Tillen"}, "en": {"q1": "Cycling", "q2": "Lifting"}}
# (NPRS, PSK per activity, QBPDS item score, NQ item score) at the intake and each follow-up.
COURSE = ((7, 7, 2, 2), (5, 6, 2, 1), (4, 4, 1, 1), (2, 3, 1, 0))


def seed(clinic, staff, episodes, stdout=None) -> None:
    """Add follow-ups (and a discharge) to the open demo episodes of ``clinic``."""
    today = timezone.localdate()
    with scope(clinic=clinic.pk):
        fresh = [episode for episode in episodes if episode.is_open and not _followed_up(episode)]
        long_enough = [e for e in fresh if e.opened_on + DISCHARGE_AFTER <= today]
        to_discharge = long_enough[-1] if len(fresh) > 1 and long_enough else None
        for episode in fresh:
            made = _seed_episode(episode, today, discharge=episode == to_discharge)
            if stdout is not None and made:
                stdout.write(f"  progress: {episode.patient} — {made} visit(s)")


def _followed_up(episode) -> bool:
    return episode.visits.exclude(kind=Visit.Kind.INTAKE).exists()


def _seed_episode(episode, today, *, discharge: bool) -> int:
    rng = random.Random(episode.pk)
    user = episode.therapist
    language = episode.patient.language
    _baseline(episode, user, language)
    days = []
    day = episode.opened_on + FOLLOW_UP_EVERY
    while day <= today and len(days) < len(COURSE) - 1:
        days.append(day)
        day += FOLLOW_UP_EVERY
    last = days.pop() if discharge and len(days) >= 3 else None
    for step, day in enumerate(days, start=1):
        visit = followup.followup_record(
            episode=episode,
            user=user,
            date=day,
            notes="",
            calendar=_calendar(episode, day, rng),
            questionnaires=_measures(step, episode, language),
        )
        _nq(visit, step, user)
    if last is not None:
        followup.discharge_record(
            episode=episode,
            user=user,
            date=last,
            notes="",
            reason="goals_reached",
            conclusion=_conclusion(language),
            calendar=_calendar(episode, last, rng),
            questionnaires=(
                *_measures(len(COURSE) - 1, episode, language),
                InstrumentEntry("gpe", {"q1": 6}, {}),
            ),
        )
    return len(days) + (last is not None)


def _baseline(episode, user, language) -> None:
    """Give the intake visit its measurements when the demo intake left them out."""
    intake = episode.visits.get(kind=Visit.Kind.INTAKE)
    have = set(InstrumentResponse.objects.filter(visit=intake).values_list("instrument", flat=True))
    entries = [entry for entry in _measures(0, episode, language) if entry.code not in have]
    if entries:
        intake_section_save(
            episode=episode, key=PAIN, fields=None, questionnaires=entries, user=user
        )
    if "nq" not in have:
        _nq(intake, 0, user)


def _measures(step: int, episode, language) -> tuple[InstrumentEntry, ...]:
    nprs, psk, qbpds, _nq_item = COURSE[step]
    baseline = followup.baseline_psk(episode)
    names = baseline.labels if baseline else ACTIVITIES[language]
    ratings = {key: max(0, psk - number) for number, key in enumerate(sorted(names))}
    return (
        InstrumentEntry("nprs", {"q1": nprs}, {}),
        InstrumentEntry("psk", ratings, dict(names)),
        InstrumentEntry("qbpds", {item.key: qbpds for item in _items("qbpds")}, {}),
    )


def _nq(visit, step: int, user) -> None:
    value = COURSE[step][3]
    answers = {item.key: value + (number % 2) for number, item in enumerate(_items("nq"))}
    screening.screening_submit(visit=visit, answers=answers, user=user)


def _calendar(episode, day, rng) -> followup.CalendarEntry | None:
    """Return the calendar of the plan the patient took home, for the weeks up to ``day``."""
    plan = followup.calendar_plan(episode, day)
    if plan is None:
        return None
    elsewhere = followup.entered_elsewhere(plan, None)
    started = [
        week
        for week in range(1, CALENDAR_WEEKS + 1)
        if followup.week_start(plan, week) + datetime.timedelta(days=6) < day
    ]
    items = followup.calendar_items(plan)
    phases = followup.calendar_phases(items)
    days = {
        (item.pk, week): min(7, max(0, item.days_per_week - rng.choice((0, 0, 1, 2, 3))))
        for item in items
        for week in followup.item_weeks(item, phases)
        if week in started and (item.pk, week) not in elsewhere.days
    }
    pain = {
        week: max(0, 7 - week)
        for week in started
        if week not in elsewhere.pain and any(key[1] == week for key in days)
    }
    return followup.CalendarEntry(plan=plan, brought_back=True, days=days, pain=pain)


def _items(code):
    return instruments.get(code).items


def _conclusion(language: str) -> str:
    if language == "en":
        return "Much less pain and back to cycling. Keep doing the breathing exercise daily."
    return "Veel minder pijn en weer aan het fietsen. Blijf de ademhalingsoefening dagelijks doen."

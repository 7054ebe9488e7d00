"""Helpers for the progress tests (imported explicitly, not a pytest conftest).

Arrange data with scopes disabled (the `unscoped` fixture or these helpers do so).
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from patients import instruments
from patients.models import (
    AdherenceEntry,
    CalendarReturn,
    Episode,
    InstrumentResponse,
    Visit,
    WeeklyPain,
)
from plans.models import Exercise, HomePlan, PlanItem

TODAY = datetime.date(2026, 11, 26)
OPENED = datetime.date(2026, 11, 2)  # the conftest episode's opening date
EXERCISES = ("diaphragm-hooklying", "pursed-lip-exhale", "cat-camel", "open-book")


def speak_english(user):
    """Make the user's pages English, so the tests do not depend on the Dutch catalogue."""
    user.language = "en"
    user.save(update_fields=["language"])


def answers_for(code: str, total) -> dict[str, int]:
    """Return complete answers of an instrument that score ``total``."""
    if code in ("nprs", "gpe", "psk"):
        return {"q1": int(total)}
    maximum = {"qbpds": 5, "nq": 4}.get(code)
    if maximum is None:
        raise ValueError(code)
    left, answers = int(total), {}
    for item in instruments.get(code).items:
        answers[item.key] = min(maximum, left)
        left -= answers[item.key]
    return answers


def respond(visit, code, total=None, *, answers=None, labels=None, user=None):
    """Store a complete response at a visit (scored by its instrument)."""
    instrument = instruments.get(code)
    answers = answers if answers is not None else answers_for(code, total)
    if code == "psk" and labels is None:
        labels = {key: f"Activity {key}" for key in answers}
    response = InstrumentResponse(visit=visit)
    response.take_score(instrument, answers, user=user, labels=labels, complete=True)
    with scopes_disabled():
        response.save()
    return response


def add_visit(episode, date, kind=Visit.Kind.FOLLOW_UP, therapist=None):
    with scopes_disabled():
        return Visit.objects.create(
            episode=episode, kind=kind, date=date, therapist=therapist or episode.therapist
        )


def intake_of(episode):
    with scopes_disabled():
        return episode.visits.get(kind=Visit.Kind.INTAKE)


def issued_plan(episode, *, on=OPENED, items=((1, 7), (1, 5), (2, 7), (3, 4)), version=1):
    """Store an issued plan: (phase, days a week) per item, the built-in exercises in turn."""
    with scopes_disabled():
        at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
        previous = HomePlan.objects.filter(episode=episode, status=HomePlan.Status.ISSUED)
        previous.update(status=HomePlan.Status.SUPERSEDED)
        plan = HomePlan.objects.create(
            episode=episode,
            version=version,
            status=HomePlan.Status.ISSUED,
            created_by=episode.therapist,
            issued_by=episode.therapist,
            issued_at=at,
        )
        for order, (phase, days) in enumerate(items, start=1):
            exercise = Exercise.objects.get(clinic=None, code=EXERCISES[order % len(EXERCISES)])
            PlanItem.objects.create(
                plan=plan,
                exercise=exercise,
                phase=phase,
                order=order,
                reps=10,
                times_per_day=2,
                days_per_week=days,
                reason_code="",
                note="Because",
                frozen={"name": f"Exercise {order}"},
            )
        return plan


def plan_items(plan):
    with scopes_disabled():
        return list(plan.items.order_by("phase", "order", "pk"))


def record_calendar(visit, plan, days=(), pain=(), brought_back=True):
    """Store a returned calendar: days as (item, week, days done), pain as (week, score)."""
    with scopes_disabled():
        calendar = CalendarReturn.objects.create(visit=visit, plan=plan, brought_back=brought_back)
        for item, week, done in days:
            AdherenceEntry.objects.create(
                calendar=calendar,
                item=item,
                week=week,
                days_done=done,
                days_planned=item.days_per_week,
            )
        for week, score in pain:
            WeeklyPain.objects.create(calendar=calendar, week=week, score=score)
        return calendar


def close(episode, on):
    with scopes_disabled():
        Episode.objects.filter(pk=episode.pk).update(status=Episode.Status.CLOSED, closed_on=on)
        episode.refresh_from_db()
    return episode


def url(name, obj, *args):
    return reverse(f"patients:{name}", args=[obj.pk, *args])


# The dashboard tests' today (see conftest.py).
TODAY = datetime.date(2026, 11, 26)


def discharged(episode, closed_on, **totals):
    """Measure at the intake and a discharge visit: totals are (first, last) per code."""
    intake = intake_of(episode)
    end = add_visit(episode, closed_on, kind=Visit.Kind.DISCHARGE)
    for code, values in totals.items():
        if code == "gpe":
            respond(end, "gpe", values)
            continue
        first, *last = values
        respond(intake, code, first)
        if last:
            respond(end, code, last[0])
    return close(episode, closed_on)

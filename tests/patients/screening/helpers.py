"""Helpers for the breathing-screening tests (imported explicitly, not a pytest conftest)."""

import datetime

from django.urls import reverse

from patients.models import Visit


def speak_english(user):
    """Make the user's pages English, so the tests do not depend on the Dutch catalogue."""
    user.language = "en"
    user.save(update_fields=["language"])


def nq_answers(total):
    """Return 16 NQ answers (0-4) that add up to total."""
    assert 0 <= total <= 64
    answers = {}
    for number in range(1, 17):
        value = min(4, total)
        answers[f"q{number}"] = value
        total -= value
    return answers


def nq_post(answers, action="save"):
    """Return the POST data of the NQ grid for these answers."""
    return {**{key: str(value) for key, value in answers.items()}, "action": action}


def follow_up(episode, therapist, date=datetime.date(2026, 11, 16)):
    """Create a follow-up visit of the episode (arrange with scopes disabled)."""
    return Visit.objects.create(
        episode=episode, kind=Visit.Kind.FOLLOW_UP, date=date, therapist=therapist
    )


def url(name, visit=None):
    """Reverse a screening URL (with the visit's pk when given)."""
    return reverse(f"patients:{name}", kwargs={"pk": visit.pk} if visit is not None else None)

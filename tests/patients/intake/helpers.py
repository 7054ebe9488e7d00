"""Helpers for the intake tests (imported explicitly, not a pytest conftest)."""

import datetime

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from patients.models import (
    ComplaintHistory,
    Episode,
    InstrumentResponse,
    MovementFindings,
    Psychosocial,
    RedFlagScreen,
    WorkLifestyle,
)

SECTION_KEYS = ("history", "pain", "redflags", "psychosocial", "work", "movement", "diagnosis")


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def qbpds(value="2"):
    return {f"qbpds-q{n}": value for n in range(1, 21)}


def sbst(agree=(), bother="1"):
    """Return STarT Back answers: items in `agree` agree (1), the others disagree (0)."""
    answers = {f"sbst-q{n}": "1" if n in agree else "0" for n in range(1, 9)}
    return {**answers, "sbst-q9": bother}


VALID = {
    "history": {
        "onset_date": days_ago(30).isoformat(),
        "onset_mode": "sudden_lifting",
        "onset_other": "",
        "previous_episodes": "",
        "pain_location": "Onderrug links",
        "radiation": "none",
        "pattern_24h": "morning",
        "aggravating": "Lang zitten",
        "easing": "Wandelen",
        "sleep": "sometimes",
        "earlier_treatment": ["exercises", "massage"],
        "medication": "Paracetamol",
    },
    "pain": {
        "nprs-q1": "6",
        "psk-activity1": "Fietsen",
        "psk-q1": "7",
        "psk-activity2": "Tillen",
        "psk-q2": "5",
        "psk-activity3": "",
        "psk-q3": "",
        **qbpds(),
    },
    "redflags": {
        **{
            code: "no"
            for code in (
                "ces_bladder",
                "ces_bowel",
                "ces_saddle",
                "ces_sexual",
                "bilateral_leg",
                "progressive_weakness",
                "fever_unwell",
                "immunosuppressed",
                "iv_drug_use",
                "cancer_history",
                "weight_loss",
                "night_pain",
                "trauma",
                "osteoporosis_steroids",
                "deformity",
                "not_improving",
                "inflammatory_pattern",
                "niet_pluis",
            )
        },
    },
    "psychosocial": {"stress": "4", "fear_of_movement": "some", "notes": "", **sbst((1, 5))},
    "work": {
        "desk_hours": "7.5",
        "breaks": "rarely",
        "activity": "moderate",
        "sport": "Wandelen",
        "sleep_quality": "fair",
    },
    "movement": {
        "lumbar_flexion": "painful",
        "lumbar_extension": "normal",
        "lumbar_side_bending": "limited",
        "lumbar_rotation": "normal",
        "thoracic_mobility": "limited",
        "forward_head": "on",
        "lumbar_lordosis": "flattened",
        "prone_tolerated": "on",
        "notes": "",
    },
    "diagnosis": {
        "diagnosis": "overload",
        "diagnosis_other": "",
        "guideline_class": "nslbp",
        "goals": "Weer 30 minuten fietsen",
    },
}

# The free-text fields of each section (where HTML must be refused).
TEXT_FIELDS = {
    "history": ("onset_other", "pain_location", "aggravating", "easing", "medication"),
    "pain": ("psk-activity1", "psk-activity2"),
    "redflags": (),
    "psychosocial": ("notes",),
    "work": ("sport",),
    "movement": ("notes",),
    "diagnosis": ("diagnosis_other", "goals"),
}


def section_data(key, action="next", **overrides):
    """Return a valid POST of a section, with overrides (None removes a field)."""
    data = {**VALID[key], "action": action}
    for name, value in overrides.items():
        name = name.replace("__", "-")
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def section_url(episode, key):
    return reverse("patients:intake_section", args=[episode.pk, key])


def fill(client, episode, *keys):
    """Submit valid data for the given sections (all of them by default)."""
    for key in keys or SECTION_KEYS:
        response = client.post(section_url(episode, key), section_data(key))
        assert response.status_code == 302, (
            key,
            getattr(response, "context", None) and response.context["form"].error_count,
        )


def snapshot(episode):
    """Return everything stored of the episode's intake, to compare before and after."""
    with scopes_disabled():
        fresh = Episode.objects.get(pk=episode.pk)
        rows = {
            model.__name__: [
                model_to_dict(row, exclude=["id"]) for row in model.objects.filter(episode=fresh)
            ]
            for model in (
                ComplaintHistory,
                RedFlagScreen,
                Psychosocial,
                WorkLifestyle,
                MovementFindings,
            )
        }
        rows["responses"] = list(
            InstrumentResponse.objects.filter(visit__episode=fresh)
            .order_by("instrument")
            .values("instrument", "answers", "labels", "total", "band", "valid")
        )
        rows["episode"] = model_to_dict(
            fresh, fields=["diagnosis", "diagnosis_other", "guideline_class", "goals"]
        )
    return rows


def speak_english(user):
    """Make the user's pages English, so the tests do not depend on the Dutch catalogue."""
    user.language = "en"
    user.save(update_fields=["language"])

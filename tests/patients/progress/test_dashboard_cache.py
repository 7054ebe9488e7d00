"""The dashboard's aggregates are kept until the clinic's data changes (clinic/changes.py)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clinic import changes
from clinic.models import AccessEvent
from tests.patients.progress.helpers import TODAY, discharged, speak_english, url
from tests.querybudget import SEAL

DASHBOARD = reverse("patients:dashboard")


@pytest.fixture(autouse=True)
def _english(alice, clinic_admin, charlie):
    for user in (alice, clinic_admin, charlie):
        speak_english(user)
    with translation.override("en"):
        yield


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def without_tokens(content: str) -> str:
    """The page without its CSRF tokens (masked anew on every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


def discharge(client, episode, day="2026-11-26"):
    data = {"date": day, "notes": "", "reason": "goals_reached", "gpe-q1": "6", "nprs-q1": "2"}
    return client.post(url("discharge", episode), data)


def discharged_count(client) -> str:
    content = client.get(DASHBOARD).content.decode()
    return content.split("discharged in the period.")[0].rsplit(">", 1)[-1].strip()


def test_a_second_look_is_served_from_the_cache(
    clinic_admin, clinic_data, django_assert_num_queries
):
    admin = signed_in(clinic_admin)
    first = admin.get(DASHBOARD).content.decode()
    # Session, user, therapists and the access event: the aggregates come from the cache.
    with django_assert_num_queries(4 + SEAL):
        second = admin.get(DASHBOARD).content.decode()
    assert without_tokens(second) == without_tokens(first)
    assert AccessEvent.objects.filter(detail="dashboard").count() == 2  # each look is logged


def test_a_discharge_shows_on_the_next_look(clinic_admin, alice, clinic_data):
    admin = signed_in(clinic_admin)
    assert discharged_count(admin) == "2 episodes"
    response = discharge(signed_in(alice), clinic_data["e1"])
    assert response.status_code == 302
    assert discharged_count(admin) == "3 episodes"


def test_a_refused_post_renews_the_stamp_too_and_a_read_does_not(clinic, alice, clinic_data):
    therapist = signed_in(alice)
    before = changes.stamp(clinic.pk)
    therapist.get(DASHBOARD)
    therapist.get(url("discharge", clinic_data["e1"]))
    assert changes.stamp(clinic.pk) == before
    refused = discharge(therapist, clinic_data["e1"], day="2030-01-01")  # in the future
    assert refused.status_code == 200
    assert changes.stamp(clinic.pk) != before


def test_another_clinics_change_leaves_this_clinics_stamp(clinic, charlie, foreign_episode, today):
    before = changes.stamp(clinic.pk)
    response = discharge(signed_in(charlie), foreign_episode)
    assert response.status_code == 302
    assert changes.stamp(clinic.pk) == before
    assert changes.stamp(charlie.clinic_id) != before


def test_a_change_outside_a_request_shows_after_the_cache_time(
    clinic_admin, clinic_data, time_machine, make_patient, make_episode, clinic, bob
):
    admin = signed_in(clinic_admin)
    assert discharged_count(admin) == "2 episodes"
    discharged(make_episode(make_patient(clinic), bob), TODAY, nprs=(6, 2))  # no request
    assert discharged_count(admin) == "2 episodes"
    time_machine.shift(datetime.timedelta(seconds=changes.CACHE_SECONDS + 1))
    assert discharged_count(admin) == "3 episodes"


def test_cached_computes_once_per_stamp_key_and_clinic(clinic, other_clinic):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert changes.cached(clinic.pk, "figure", ("a", 1), compute) == 1
    assert changes.cached(clinic.pk, "figure", ("a", 1), compute) == 1
    assert changes.cached(clinic.pk, "figure", ("a", 2), compute) == 2
    assert changes.cached(other_clinic.pk, "figure", ("a", 1), compute) == 3
    changes.touch(clinic.pk)
    assert changes.cached(clinic.pk, "figure", ("a", 1), compute) == 4
    assert changes.cached(other_clinic.pk, "figure", ("a", 1), compute) == 3


def test_the_cached_figures_speak_the_language_of_each_look(clinic_admin, clinic_data):
    admin = signed_in(clinic_admin)
    clinic_admin.language = "nl"
    clinic_admin.save(update_fields=["language"])
    with translation.override("nl"):
        dutch = admin.get(DASHBOARD).content.decode()
    speak_english(clinic_admin)
    english = admin.get(DASHBOARD).content.decode()
    assert "50 tot 79%" in dutch and "50 to 79%" not in dutch
    assert "50 to 79%" in english and "50 tot 79%" not in english

"""Demo follow-ups and discharges: charts and the dashboard have data on the first run."""

import datetime

import pytest
from django_scopes import scopes_disabled

from patients.models import CalendarReturn, Discharge, Episode, InstrumentResponse, Visit
from patients.progress import demo as demo_progress
from tests.patients.progress.helpers import issued_plan


@pytest.fixture
def demo_episodes(time_machine, make_patient, make_episode, clinic, alice, bob, unscoped):
    time_machine.move_to(datetime.datetime(2026, 11, 26, 12, 0))
    episodes = [
        make_episode(make_patient(clinic), alice, opened_on=datetime.date(2026, 10, 1)),
        make_episode(make_patient(clinic), bob, opened_on=datetime.date(2026, 11, 5)),
    ]
    for episode in episodes:
        issued_plan(episode, on=episode.opened_on)
    return episodes


def seed(clinic, alice, bob, episodes):
    demo_progress.seed(clinic, [alice, bob], episodes)


def test_it_adds_follow_ups_with_calendars_and_measurements(clinic, alice, bob, demo_episodes):
    seed(clinic, alice, bob, demo_episodes)
    with scopes_disabled():
        recent = demo_episodes[1]
        visits = Visit.objects.filter(episode=recent, kind=Visit.Kind.FOLLOW_UP)
        assert [visit.date for visit in visits] == [datetime.date(2026, 11, 19)]
        assert CalendarReturn.objects.filter(visit__episode=recent).exists()
        codes = set(
            InstrumentResponse.objects.filter(visit__episode=recent).values_list(
                "instrument", flat=True
            )
        )
        assert {"nprs", "psk", "qbpds", "nq"} <= codes


def test_it_discharges_an_episode_that_ran_six_weeks(clinic, alice, bob, demo_episodes):
    seed(clinic, alice, bob, demo_episodes)
    with scopes_disabled():
        discharge = Discharge.objects.get()
        assert discharge.episode == demo_episodes[0]
        assert Episode.objects.get(pk=demo_episodes[0].pk).status == Episode.Status.CLOSED
        assert InstrumentResponse.objects.filter(visit=discharge.visit, instrument="gpe").exists()


def test_it_never_dates_a_visit_in_the_future(clinic, alice, bob, demo_episodes):
    seed(clinic, alice, bob, demo_episodes)
    with scopes_disabled():
        assert not Visit.objects.filter(date__gt=datetime.date(2026, 11, 26)).exists()


def test_running_it_again_adds_nothing(clinic, alice, bob, demo_episodes):
    seed(clinic, alice, bob, demo_episodes)
    with scopes_disabled():
        before = Visit.objects.count()
    seed(clinic, alice, bob, demo_episodes)
    with scopes_disabled():
        assert Visit.objects.count() == before

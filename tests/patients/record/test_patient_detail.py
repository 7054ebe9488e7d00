import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, InstrumentResponse, Visit
from tests.querybudget import SEAL


def url(patient):
    return reverse("patients:detail", args=[patient.pk])


@pytest.fixture
def history(patient, make_episode, alice, bob, unscoped):
    """An old closed episode and a newer open one, with visits and measurements."""
    old = make_episode(
        patient,
        bob,
        title="Nekpijn",
        region=Episode.Region.NECK,
        opened_on=datetime.date(2025, 1, 6),
        status=Episode.Status.CLOSED,
        closed_on=datetime.date(2025, 3, 3),
    )
    new = make_episode(
        patient, alice, title="Lage rugpijn na tillen", opened_on=datetime.date(2026, 10, 5)
    )
    for episode in (old, new):
        intake = episode.visits.get()
        InstrumentResponse.objects.create(
            visit=intake,
            instrument="nprs",
            version="1",
            answers={"q1": 7},
            total=Decimal(7),
            valid=True,
        )
        follow_up = Visit.objects.create(
            episode=episode,
            kind=Visit.Kind.FOLLOW_UP,
            therapist=alice,
            date=episode.opened_on + datetime.timedelta(days=14),
        )
        InstrumentResponse.objects.create(
            visit=follow_up,
            instrument="nq",
            version="1",
            answers={},
            total=Decimal("28.00"),
            valid=True,
        )
    return old, new


def test_it_shows_the_patient_header(alice_client, patient):
    page = alice_client.get(url(patient)).content.decode()
    assert "Anna Jansen" in page
    assert "17-05-1980" in page


def test_the_timeline_lists_episodes_newest_first(alice_client, patient, history):
    page = alice_client.get(url(patient)).content.decode()
    assert page.index("Lage rugpijn na tillen") < page.index("Nekpijn")


def test_the_timeline_shows_visits_and_their_measurement_totals(alice_client, patient, history):
    page = alice_client.get(url(patient)).content.decode()
    assert "19-10-2026" in page  # the new episode's follow-up
    assert "NPRS" in page and "NQ" in page and "28" in page


def test_it_records_a_read_event(alice_client, patient):
    alice_client.get(url(patient))
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id) == ("read", patient.pk)


def test_it_returns_404_for_another_clinics_therapist(charlie_client, patient, history):
    response = charlie_client.get(url(patient))
    assert response.status_code == 404
    assert "Jansen" not in response.content.decode()


def test_text_is_shown_escaped(alice_client, make_patient, clinic):
    hacker = make_patient(clinic, first_name="<script>x()</script>", occupation="<b>bold</b>")
    page = alice_client.get(url(hacker)).content.decode()
    assert "<script>x()" not in page and "<b>bold" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_the_query_count_does_not_grow_with_the_timeline(
    alice_client, patient, history, django_assert_max_num_queries
):
    alice_client.get(url(patient))
    # Session, user, patient, episodes, visits, responses, access log (+ request savepoints).
    with django_assert_max_num_queries(9 + SEAL):
        assert alice_client.get(url(patient)).status_code == 200


def test_a_post_is_not_allowed(alice_client, patient):
    assert alice_client.post(url(patient)).status_code == 405

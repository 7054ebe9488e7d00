import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, InstrumentResponse, Visit
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("english")


def url(episode):
    return reverse("patients:episode_detail", args=[episode.pk])


def test_it_shows_the_patient_the_episode_and_its_visits(alice_client, episode, intake_visit):
    page = alice_client.get(url(episode)).content.decode()
    assert "Anna Jansen" in page
    assert "Direct access" in page or "Directe toegang" in page
    assert "02-11-2026" in page


def test_it_shows_the_measurement_totals_of_each_visit(
    alice_client, episode, intake_visit, unscoped
):
    InstrumentResponse.objects.create(
        visit=intake_visit,
        instrument="qbpds",
        version="1",
        answers={},
        total=Decimal(34),
        valid=True,
    )
    page = alice_client.get(url(episode)).content.decode()
    assert "QBPDS" in page and "34" in page


def test_a_closed_episode_offers_no_new_visit(alice_client, episode, unscoped):
    Episode.objects.filter(pk=episode.pk).update(
        status="closed", closed_on=datetime.date(2026, 11, 20)
    )
    page = alice_client.get(url(episode)).content.decode()
    assert reverse("patients:visit_create", args=[episode.pk]) not in page
    assert reverse("patients:episode_close", args=[episode.pk]) not in page


def test_it_records_a_read_event(alice_client, episode):
    alice_client.get(url(episode))
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id, event.object_id) == (
        "read",
        episode.patient_id,
        str(episode.pk),
    )


def test_it_returns_404_for_another_clinics_therapist(charlie_client, episode):
    response = charlie_client.get(url(episode))
    assert response.status_code == 404
    assert "Jansen" not in response.content.decode()


def test_the_query_count_does_not_grow_with_the_visits(
    alice_client, episode, alice, unscoped, django_assert_max_num_queries
):
    for day in range(3, 13):
        visit = Visit.objects.create(
            episode=episode,
            kind=Visit.Kind.FOLLOW_UP,
            therapist=alice,
            date=datetime.date(2026, 11, day),
        )
        InstrumentResponse.objects.create(
            visit=visit,
            instrument="nprs",
            version="1",
            answers={"q1": 3},
            total=Decimal(3),
            valid=True,
        )
    alice_client.get(url(episode))
    # Session, user, episode, visits, responses, access log, the intake's state for the next
    # step (2) (+ request savepoints).
    with django_assert_max_num_queries(10 + SEAL):
        assert alice_client.get(url(episode)).status_code == 200

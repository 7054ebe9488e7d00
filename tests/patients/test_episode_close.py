import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode

pytestmark = pytest.mark.usefixtures("english")


def url(episode):
    return reverse("patients:episode_close", args=[episode.pk])


def test_it_closes_the_episode_today(alice_client, episode):
    response = alice_client.post(url(episode))
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    episode.refresh_from_db()
    assert (episode.status, episode.closed_on) == ("closed", timezone.localdate())


def test_it_records_a_change_event(alice_client, episode):
    alice_client.post(url(episode))
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id, event.detail) == (
        "change",
        episode.patient_id,
        "closed",
    )


def test_it_confirms_with_a_message(alice_client, episode):
    response = alice_client.post(url(episode), follow=True)
    assert "Episode closed." in response.content.decode()


def test_closing_a_closed_episode_changes_nothing(alice_client, episode, unscoped):
    Episode.objects.filter(pk=episode.pk).update(
        status="closed", closed_on=datetime.date(2026, 11, 10)
    )
    response = alice_client.post(url(episode))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.closed_on == datetime.date(2026, 11, 10)


def test_a_get_does_not_close(alice_client, episode):
    assert alice_client.get(url(episode)).status_code == 405
    episode.refresh_from_db()
    assert episode.is_open


def test_it_returns_404_for_another_clinics_therapist(charlie_client, episode):
    assert charlie_client.post(url(episode)).status_code == 404
    episode.refresh_from_db()
    assert episode.is_open

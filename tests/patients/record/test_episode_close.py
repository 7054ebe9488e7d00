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


REASON = {"note": "Patient did not come back after two cancelled appointments."}


def test_it_closes_the_episode_today_with_the_reason(alice_client, episode):
    response = alice_client.post(url(episode), REASON)
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    episode.refresh_from_db()
    assert (episode.status, episode.closed_on) == ("closed", timezone.localdate())
    assert episode.close_note == REASON["note"]


def test_closing_without_a_reason_asks_for_one_and_keeps_it_open(alice_client, episode):
    response = alice_client.post(url(episode), {"note": "  "})
    assert response.status_code == 200
    assert "Say why the episode ends without a discharge." in response.content.decode()
    episode.refresh_from_db()
    assert episode.is_open


def test_the_close_page_offers_the_discharge_first(alice_client, episode):
    page = alice_client.get(url(episode)).content.decode()
    discharge = reverse("patients:discharge", args=[episode.pk])
    assert f'class="btn btn-primary" href="{discharge}"' in page
    episode.refresh_from_db()
    assert episode.is_open


def test_the_reason_shows_on_the_closed_episode(alice_client, episode):
    page = alice_client.post(url(episode), REASON, follow=True).content.decode()
    assert "Closed without a discharge" in page and REASON["note"] in page


def test_it_records_a_change_event(alice_client, episode):
    alice_client.post(url(episode), REASON)
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id, event.detail) == (
        "change",
        episode.patient_id,
        "closed",
    )


def test_it_confirms_with_a_message(alice_client, episode):
    response = alice_client.post(url(episode), REASON, follow=True)
    assert "Episode closed." in response.content.decode()


def test_closing_a_closed_episode_changes_nothing(alice_client, episode, unscoped):
    Episode.objects.filter(pk=episode.pk).update(
        status="closed", closed_on=datetime.date(2026, 11, 10)
    )
    response = alice_client.post(url(episode), REASON)
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.closed_on == datetime.date(2026, 11, 10)
    assert episode.close_note == ""


def test_it_returns_404_for_another_clinics_therapist(charlie_client, episode):
    assert charlie_client.post(url(episode), REASON).status_code == 404
    episode.refresh_from_db()
    assert episode.is_open

"""The discharge: final measurements, the GPE and the reason; the episode closes."""

import datetime

import pytest
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.intake.forms import InstrumentEntry
from patients.models import Discharge, Episode, InstrumentResponse, Visit
from patients.progress import followup
from tests.patients.progress.helpers import close, intake_of, respond, url

D = datetime.date
pytestmark = pytest.mark.usefixtures("alice_in_english")


def post(client, episode, **extra):
    data = {"date": "2026-11-26", "notes": "", "reason": "goals_reached", "gpe-q1": "6", **extra}
    return client.post(url("discharge", episode), data)


def stored(episode):
    with scopes_disabled():
        return Episode.objects.get(pk=episode.pk)


def test_it_records_the_discharge_and_closes_the_episode(alice_client, episode):
    response = post(alice_client, episode, conclusion="Doelen bereikt", **{"nprs-q1": "1"})
    assert response["Location"] == url("progress", episode)
    closed = stored(episode)
    assert (closed.status, closed.closed_on) == (Episode.Status.CLOSED, D(2026, 11, 26))
    discharge = Discharge.objects.get()
    assert (discharge.reason, discharge.conclusion, discharge.recorded_by) == (
        "goals_reached",
        "Doelen bereikt",
        discharge.episode.therapist,
    )
    assert discharge.visit.kind == Visit.Kind.DISCHARGE


def test_the_gpe_is_stored_as_a_response_at_the_discharge_visit(alice_client, episode):
    post(alice_client, episode, **{"gpe-q1": "7"})
    gpe = InstrumentResponse.objects.get(instrument="gpe")
    assert (gpe.total, gpe.band, gpe.visit.kind) == (7, "success", Visit.Kind.DISCHARGE)


def test_the_gpe_is_required_unless_the_patient_stopped(alice_client, episode):
    missing = post(alice_client, episode, **{"gpe-q1": ""})
    assert "Ask how the patient rates the overall change." in missing.content.decode()
    assert stored(episode).is_open
    post(alice_client, episode, reason="patient_stopped", **{"gpe-q1": ""})
    assert not stored(episode).is_open


def test_another_reason_must_be_named(alice_client, episode):
    response = post(alice_client, episode, reason="other", reason_other="")
    assert "Name the reason." in response.content.decode()
    assert stored(episode).is_open


def test_the_date_cannot_be_in_the_future_or_before_the_opening(alice_client, episode):
    for day in ("2026-11-27", "2026-10-01"):
        post(alice_client, episode, date=day)
        assert stored(episode).is_open


def test_the_progress_page_shows_the_discharge(alice_client, episode, unscoped):
    respond(intake_of(episode), "nprs", 7)
    post(alice_client, episode, conclusion="Klaar", **{"nprs-q1": "2", "gpe-q1": "6"})
    content = alice_client.get(url("progress", episode)).content.decode()
    assert "Discharged on 26-11-2026" in content and "Much improved" in content
    assert "Treatment goals reached" in content and "Klaar" in content


def test_a_closed_episode_cannot_be_discharged_again(alice_client, episode, unscoped):
    close(episode, D(2026, 11, 20))
    response = post(alice_client, episode)
    assert response["Location"] == url("progress", episode)
    assert not Discharge.objects.exists()


def test_the_workflow_refuses_a_second_discharge(episode, alice, unscoped):
    args = {"episode": episode, "user": alice, "date": D(2026, 11, 26), "notes": ""}
    followup.discharge_record(reason="goals_reached", **args)
    with pytest.raises(followup.FollowupError):
        followup.discharge_record(
            reason="goals_reached", questionnaires=[InstrumentEntry("gpe", {"q1": 6}, {})], **args
        )
    assert Discharge.objects.count() == 1


def test_discharging_is_logged(alice_client, episode):
    post(alice_client, episode)
    event = AccessEvent.objects.get(action=AccessEvent.Action.CHANGE)
    assert event.patient_id == episode.patient_id


def test_it_returns_404_for_other_clinic(charlie_client, episode):
    assert charlie_client.get(url("discharge", episode)).status_code == 404
    assert post(charlie_client, episode).status_code == 404
    assert stored(episode).is_open and not Discharge.objects.exists()

"""Saving an intake section: one row per section, scored questionnaires, then the next page."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.intake import sections as intake
from patients.models import ComplaintHistory, Episode, InstrumentResponse, WorkLifestyle
from tests.patients.intake.helpers import (
    SECTION_KEYS,
    fill,
    section_data,
    section_url,
    snapshot,
)
from tests.querybudget import SEAL

NEXT = dict(zip(SECTION_KEYS, SECTION_KEYS[1:], strict=False))


@pytest.mark.parametrize("key", SECTION_KEYS[:-1])
def test_a_valid_section_is_saved_and_leads_to_the_next(alice_client, episode, key):
    response = alice_client.post(section_url(episode, key), section_data(key))
    assert response.status_code == 302
    assert response["Location"] == section_url(episode, NEXT[key])
    with scopes_disabled():
        status = intake.intake_status(episode)
    assert status.of(intake.get_section(key)).state == intake.DONE


def test_the_last_section_leads_to_the_findings(alice_client, episode):
    response = alice_client.post(section_url(episode, "diagnosis"), section_data("diagnosis"))
    assert response["Location"] == reverse("patients:findings", args=[episode.pk])


def test_save_and_stay_returns_to_the_same_section(alice_client, episode):
    data = section_data("work", action="stay")
    response = alice_client.post(section_url(episode, "work"), data)
    assert response["Location"] == section_url(episode, "work")


def test_saving_a_section_again_updates_its_one_row(alice_client, episode, unscoped):
    fill(alice_client, episode, "work")
    alice_client.post(section_url(episode, "work"), section_data("work", desk_hours="3"))
    rows = WorkLifestyle.objects.filter(episode=episode)
    assert [row.desk_hours for row in rows] == [3]


def test_the_row_records_who_saved_it(alice_client, alice, episode, unscoped):
    fill(alice_client, episode, "history")
    assert ComplaintHistory.objects.get(episode=episode).updated_by == alice


def test_the_pain_section_stores_one_scored_response_per_questionnaire(
    alice_client, alice, episode, unscoped
):
    fill(alice_client, episode, "pain")
    stored = {
        r.instrument: (r.total, r.band, r.valid, r.version, r.entered_by)
        for r in InstrumentResponse.objects.filter(visit__episode=episode)
    }
    assert stored == {
        "nprs": (6, "moderate", True, "1", alice),
        "psk": (6, "", True, "1", alice),
        "qbpds": (40, "", True, "1", alice),
    }


def test_the_responses_belong_to_the_intake_visit(alice_client, episode, intake_visit):
    fill(alice_client, episode, "pain")
    assert {r.visit for r in InstrumentResponse.objects.filter(visit__episode=episode)} == {
        intake_visit
    }


def test_psk_activities_keep_the_patients_words(alice_client, episode, unscoped):
    fill(alice_client, episode, "pain")
    psk = InstrumentResponse.objects.get(visit__episode=episode, instrument="psk")
    assert (psk.answers, psk.labels) == ({"q1": 7, "q2": 5}, {"q1": "Fietsen", "q2": "Tillen"})


def test_the_psychosocial_section_stores_the_start_back_risk_group(alice_client, episode, unscoped):
    fill(alice_client, episode, "psychosocial")
    sbst = InstrumentResponse.objects.get(visit__episode=episode, instrument="sbst")
    assert (sbst.total, sbst.band, sbst.subscores) == (2, "low", {"psychosocial": 1})


def test_earlier_treatment_is_stored_as_a_list_of_codes(alice_client, episode, unscoped):
    data = section_data("history", earlier_treatment=["manipulation", "dry_needling"])
    alice_client.post(section_url(episode, "history"), data)
    history = ComplaintHistory.objects.get(episode=episode)
    assert history.earlier_treatment == ["dry_needling", "manipulation"]


def test_the_diagnosis_is_stored_on_the_episode(alice_client, episode, unscoped):
    data = section_data("diagnosis", diagnosis="other", diagnosis_other="SI-gewricht")
    alice_client.post(section_url(episode, "diagnosis"), data)
    episode = Episode.objects.get(pk=episode.pk)
    assert (episode.diagnosis, episode.diagnosis_other, episode.guideline_class) == (
        "other",
        "SI-gewricht",
        "nslbp",
    )


def test_a_save_records_a_change_event_with_the_patient(alice_client, episode, unscoped):
    fill(alice_client, episode, "movement")
    event = AccessEvent.objects.latest("pk")
    assert (event.action, event.patient_id) == (AccessEvent.Action.CHANGE, episode.patient_id)


def test_a_section_page_records_a_read_event(alice_client, episode, unscoped):
    alice_client.get(section_url(episode, "history"))
    event = AccessEvent.objects.latest("pk")
    assert (event.action, event.patient_id) == (AccessEvent.Action.READ, episode.patient_id)


def test_an_unknown_section_is_not_found(alice_client, episode):
    assert alice_client.get(section_url(episode, "nonsense")).status_code == 404


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_it_returns_404_for_other_clinic(charlie_client, episode, key):
    assert charlie_client.get(section_url(episode, key)).status_code == 404


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_another_clinic_cannot_save_a_section(charlie_client, episode, key):
    before = snapshot(episode)
    response = charlie_client.post(section_url(episode, key), section_data(key))
    assert (response.status_code, snapshot(episode)) == (404, before)


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_a_section_page_needs_a_constant_number_of_queries(
    alice_client, episode, key, django_assert_max_num_queries
):
    fill(alice_client, episode)
    with django_assert_max_num_queries(8 + SEAL):
        assert alice_client.get(section_url(episode, key)).status_code == 200

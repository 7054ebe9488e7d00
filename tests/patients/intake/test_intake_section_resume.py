"""Drafts and resuming: what was submitted is in the database, whatever happens to the session."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from patients.intake import sections as intake
from patients.models import InstrumentResponse, Psychosocial
from tests.patients.intake.helpers import fill, section_data, section_url, snapshot

LATER = timezone.now() + datetime.timedelta(hours=13)


def draft(client, episode, key, **overrides):
    return client.post(section_url(episode, key), section_data(key, action="draft", **overrides))


def half_qbpds():
    return {f"qbpds__q{n}": None for n in range(11, 21)}


def state_of(episode, key):
    return intake.intake_status(episode).of(intake.get_section(key)).state


def test_an_incomplete_questionnaire_is_saved_as_a_draft(alice_client, episode, unscoped):
    response = draft(alice_client, episode, "pain", **half_qbpds())
    assert response["Location"] == section_url(episode, "pain")
    qbpds = InstrumentResponse.objects.get(visit__episode=episode, instrument="qbpds")
    assert (qbpds.valid, qbpds.total, qbpds.band, len(qbpds.answers)) == (False, None, "", 10)


def test_the_complete_questionnaires_of_a_draft_are_scored(alice_client, episode, unscoped):
    draft(alice_client, episode, "pain", **half_qbpds())
    nprs = InstrumentResponse.objects.get(visit__episode=episode, instrument="nprs")
    assert (nprs.valid, nprs.total) == (True, 6)


def test_a_section_with_a_draft_is_not_complete(alice_client, episode, unscoped):
    draft(alice_client, episode, "pain", **half_qbpds())
    assert state_of(episode, "pain") == intake.DRAFT


def test_the_draft_is_shown_again_on_return(alice_client, episode):
    draft(alice_client, episode, "pain", **half_qbpds())
    page = alice_client.get(section_url(episode, "pain")).content.decode()
    assert 'id="id_qbpds-q10_2" value="2" checked' in page
    assert 'id="id_qbpds-q11_2" value="2" checked' not in page


def test_completing_the_draft_completes_the_section(alice_client, episode, unscoped):
    draft(alice_client, episode, "pain", **half_qbpds())
    fill(alice_client, episode, "pain")
    assert state_of(episode, "pain") == intake.DONE


def test_a_draft_still_refuses_bad_values(alice_client, episode):
    before = snapshot(episode)
    response = draft(alice_client, episode, "pain", **{"qbpds__q3": "9", "qbpds__q20": None})
    assert (response.status_code, snapshot(episode)) == (200, before)


def test_a_draft_may_leave_the_sections_own_fields_empty(alice_client, episode, unscoped):
    empty = {"stress": None, "fear_of_movement": None, "notes": None, "sbst__q9": None}
    draft(alice_client, episode, "psychosocial", **empty)
    assert not Psychosocial.objects.filter(episode=episode).exists()
    assert not InstrumentResponse.objects.get(visit__episode=episode, instrument="sbst").valid


def test_own_fields_filled_in_a_draft_must_be_complete(alice_client, episode):
    before = snapshot(episode)
    response = draft(alice_client, episode, "psychosocial", fear_of_movement=None)
    assert list(response.context["form"].fields_form.errors) == ["fear_of_movement"]
    assert snapshot(episode) == before


def test_emptying_a_draft_questionnaire_removes_it(alice_client, episode, unscoped):
    draft(alice_client, episode, "pain", **half_qbpds())
    empty = {f"qbpds__q{n}": None for n in range(1, 21)}
    draft(alice_client, episode, "pain", **empty)
    assert not InstrumentResponse.objects.filter(visit__episode=episode, instrument="qbpds")


def test_a_draft_survives_an_expired_session(alice_client, alice, episode):
    draft(alice_client, episode, "pain", **half_qbpds())
    with time_machine.travel(LATER, tick=False):
        expired = alice_client.get(section_url(episode, "pain"))
        assert expired["Location"].startswith(reverse("account_login"))
        alice_client.force_login(alice)
        page = alice_client.get(section_url(episode, "pain")).content.decode()
    assert 'id="id_qbpds-q10_2" value="2" checked' in page


def test_a_saved_section_is_prefilled_after_signing_in_again(alice_client, alice, episode):
    fill(alice_client, episode, "history")
    with time_machine.travel(LATER, tick=False):
        alice_client.force_login(alice)
        page = alice_client.get(section_url(episode, "history")).content.decode()
    assert 'value="Onderrug links"' in page


def test_a_colleague_on_another_device_continues_the_draft(alice_client, bob, episode):
    draft(alice_client, episode, "pain", **half_qbpds())
    other_device = Client()
    other_device.force_login(bob)
    page = other_device.get(section_url(episode, "pain")).content.decode()
    assert 'value="Fietsen"' in page


def test_a_colleague_completes_the_section_on_another_device(alice_client, bob, episode, unscoped):
    draft(alice_client, episode, "pain", **half_qbpds())
    other_device = Client()
    other_device.force_login(bob)
    fill(other_device, episode, "pain")
    assert state_of(episode, "pain") == intake.DONE


def test_sections_without_questionnaires_have_no_draft_button(alice_client, episode):
    page = alice_client.get(section_url(episode, "work")).content.decode()
    assert 'value="draft"' not in page


def test_the_draft_button_skips_the_browsers_required_check(alice_client, episode):
    page = alice_client.get(section_url(episode, "pain")).content.decode()
    assert 'value="draft" formnovalidate' in page

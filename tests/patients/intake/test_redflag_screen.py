"""The red-flag section: every flag answered, the triage level shown with what to do."""

import datetime

import pytest
from django_scopes import scopes_disabled

from patients.intake import sections as intake
from patients.models import RedFlagScreen
from tests.patients.intake.helpers import (
    fill,
    section_data,
    section_url,
    snapshot,
    speak_english,
)


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)


def screen_with(client, episode, **answers):
    return client.post(section_url(episode, "redflags"), section_data("redflags", **answers))


def stored(episode):
    with scopes_disabled():
        return RedFlagScreen.objects.get(episode=episode)


def test_the_page_asks_every_flag_and_niet_pluis(alice_client, episode):
    form = alice_client.get(section_url(episode, "redflags")).context["form"].fields_form
    assert set(form.fields) == {*section_data("redflags")} - {"action"}
    assert "niet_pluis" in form.fields


def test_no_flags_store_level_none_and_go_on(alice_client, episode):
    response = screen_with(alice_client, episode)
    assert response["Location"] == section_url(episode, "psychosocial")
    assert (stored(episode).level, stored(episode).reasons) == ("none", [])


def test_the_answers_are_stored(alice_client, episode):
    screen_with(alice_client, episode, trauma="unsure")
    assert stored(episode).answers["trauma"] == "unsure"


def test_a_cauda_equina_sign_is_an_emergency_shown_with_what_to_do(alice_client, episode):
    screen_with(alice_client, episode, ces_saddle="yes")
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert "alert-danger rg-level rg-level-emergency" in page
    assert "Red-flag level: Emergency (now)" in page
    assert "Possible cauda equina: contact the GP / out-of-hours GP now." in page
    assert "Numbness or altered feeling in the saddle or genital area?" in page


def test_a_level_that_needs_a_decision_keeps_the_therapist_on_the_page(alice_client, episode):
    response = screen_with(alice_client, episode, weight_loss="yes")
    assert response["Location"] == section_url(episode, "redflags")


def test_unsure_counts_as_yes(alice_client, episode):
    screen_with(alice_client, episode, fever_unwell="unsure")
    assert (stored(episode).level, stored(episode).reasons) == ("urgent", ["fever_unwell"])


def test_niet_pluis_raises_the_level_to_prompt(alice_client, episode):
    screen_with(alice_client, episode, niet_pluis="yes")
    assert stored(episode).level == "prompt"


def test_the_decision_form_appears_at_level_prompt(alice_client, episode):
    screen_with(alice_client, episode, niet_pluis="yes")
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert "Your decision" in page
    assert "No plan can be generated until you record a decision." in page


def test_no_decision_form_below_level_prompt(alice_client, episode):
    screen_with(alice_client, episode, inflammatory_pattern="yes")
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert ("Routine GP referral advised" in page, "Your decision" in page) == (True, False)


def test_a_late_first_onset_is_a_red_flag(alice_client, episode, make_patient, clinic, unscoped):
    episode.patient.date_of_birth = datetime.date(1960, 1, 1)
    episode.patient.save()
    fill(alice_client, episode, "history")
    screen_with(alice_client, episode)
    assert (stored(episode).level, stored(episode).reasons) == ("prompt", ["onset_age"])


def test_the_onset_age_is_shown_from_birth_and_onset(alice_client, episode):
    fill(alice_client, episode, "history")
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert "Age at onset: 46," in page


def test_without_the_history_the_onset_age_cannot_be_checked_yet(alice_client, episode):
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert "The onset age cannot be checked yet" in page


def test_a_new_onset_date_triages_the_screen_again(alice_client, episode, unscoped):
    episode.patient.date_of_birth = datetime.date(1960, 1, 1)
    episode.patient.save()
    screen_with(alice_client, episode)
    fill(alice_client, episode, "history")
    assert (stored(episode).level, stored(episode).reasons) == ("prompt", ["onset_age"])


def test_an_unanswered_flag_is_an_error_and_nothing_is_saved(alice_client, episode):
    before = snapshot(episode)
    response = screen_with(alice_client, episode, ces_bowel=None)
    errors = response.context["form"].fields_form.errors
    assert errors == {"ces_bowel": ["Answer yes, no or unsure."]}
    assert snapshot(episode) == before


def test_the_section_waits_for_a_decision(alice_client, episode, unscoped):
    screen_with(alice_client, episode, trauma="yes")
    status = intake.intake_status(episode)
    assert status.of(intake.get_section("redflags")).state == intake.DECISION


def test_it_returns_404_for_other_clinic(charlie_client, episode):
    before = snapshot(episode)
    response = charlie_client.post(
        section_url(episode, "redflags"), section_data("redflags", ces_bladder="yes")
    )
    assert (response.status_code, snapshot(episode)) == (404, before)


def test_a_recurrent_episode_asks_the_age_at_first_onset(alice_client, episode):
    response = alice_client.post(
        section_url(episode, "history"), section_data("history", recurrent="on")
    )
    errors = response.context["form"].fields_form.errors
    assert errors["first_onset_age"] == [
        "Enter the age at first onset of back pain: it decides a red flag."
    ]


def test_the_first_onset_age_cannot_be_after_this_onset(alice_client, episode):
    response = alice_client.post(
        section_url(episode, "history"),
        section_data("history", recurrent="on", first_onset_age="80"),
    )
    assert "This is later than the onset of this episode (age 46)." in str(
        response.context["form"].fields_form.errors["first_onset_age"]
    )


def test_the_onset_age_flag_uses_the_first_onset_not_this_episode(alice_client, episode):
    # 46 at this episode's onset (no flag), but back pain first started at 17: a red flag.
    alice_client.post(
        section_url(episode, "history"),
        section_data("history", recurrent="on", first_onset_age="17"),
    )
    screen_with(alice_client, episode)
    assert (stored(episode).level, stored(episode).reasons) == ("prompt", ["onset_age"])
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    assert "Age at first onset of back pain: 17" in page


def test_a_late_episode_of_an_early_back_pain_is_no_onset_flag(alice_client, episode, unscoped):
    # 66 at this episode's onset, but the back pain first started at 30: no onset-age flag.
    episode.patient.date_of_birth = datetime.date(1960, 1, 1)
    episode.patient.save()
    alice_client.post(
        section_url(episode, "history"),
        section_data("history", recurrent="on", first_onset_age="30"),
    )
    screen_with(alice_client, episode)
    assert (stored(episode).level, stored(episode).reasons) == ("none", [])

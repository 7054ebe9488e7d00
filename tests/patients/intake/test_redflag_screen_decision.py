"""The therapist's red-flag decision: recorded with who and when; until then, no plan."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.intake import sections as intake
from patients.models import RedFlagScreen
from tests.patients.intake.helpers import section_data, section_url, snapshot, speak_english


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)


def url(episode):
    return reverse("patients:redflag_decision", args=[episode.pk])


def screen_with(client, episode, **answers):
    return client.post(section_url(episode, "redflags"), section_data("redflags", **answers))


def decide(client, episode, decision, note="", level="prompt"):
    data = {"decision": decision, "decision_note": note, "level": level}
    return client.post(url(episode), data)


def stored(episode):
    with scopes_disabled():
        return RedFlagScreen.objects.select_related("decided_by").get(episode=episode)


def allowed(episode):
    with scopes_disabled():
        return intake.plan_allowed(episode)[0]


def test_a_decision_is_stored_with_who_and_when(alice_client, alice, episode):
    screen_with(alice_client, episode, night_pain="yes")
    response = decide(alice_client, episode, "gp_cleared")
    screen = stored(episode)
    assert response["Location"] == section_url(episode, "psychosocial")
    assert (screen.decision, screen.decided_by) == ("gp_cleared", alice)
    assert timezone.now() - screen.decided_at < timezone.timedelta(minutes=1)


def test_a_plan_waits_for_the_decision(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    before = allowed(episode)
    decide(alice_client, episode, "gp_cleared")
    assert (before, allowed(episode)) == (False, True)


def test_continuing_needs_written_reasoning(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    response = decide(alice_client, episode, "continue_reasoned", note="")
    assert response.context["decision_form"].errors == {
        "decision_note": ["Write down why you continue."]
    }
    assert stored(episode).decision == ""


def test_continuing_with_reasoning_is_recorded(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "continue_reasoned", note="Pijn mechanisch, wisselt met houding")
    assert stored(episode).decision_note == "Pijn mechanisch, wisselt met houding"


def test_a_referred_patient_gets_no_plan(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "referred")
    with scopes_disabled():
        assert intake.plan_allowed(episode) == (False, "The patient was referred: no home plan.")


def test_the_decision_is_shown_with_who_and_when(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "gp_cleared")
    page = alice_client.get(section_url(episode, "redflags")).content.decode()
    when = timezone.localtime(stored(episode).decided_at).strftime("%d-%m-%Y %H:%M")
    assert f"Decision: GP contacted and cleared (Alice, {when})" in page


def test_a_rising_level_clears_the_decision_and_says_so(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "gp_cleared")
    response = screen_with(alice_client, episode, night_pain="yes", ces_bladder="yes")
    screen = stored(episode)
    assert (screen.level, screen.decision, screen.decided_by) == ("emergency", "", None)
    page = alice_client.get(response["Location"]).content.decode()
    assert "New red flags or a higher level, so the earlier decision was cleared." in page


def test_the_same_flags_keep_the_decision(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes", trauma="yes")
    decide(alice_client, episode, "gp_cleared")
    screen_with(alice_client, episode, night_pain="yes", trauma="unsure")
    assert stored(episode).decision == "gp_cleared"


def test_fewer_flags_keep_the_decision(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes", trauma="yes")
    decide(alice_client, episode, "gp_cleared")
    screen_with(alice_client, episode, night_pain="yes")
    assert stored(episode).decision == "gp_cleared"


def test_a_new_flag_at_the_same_level_reopens_the_decision(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "gp_cleared")
    response = screen_with(alice_client, episode, night_pain="yes", trauma="yes")
    screen = stored(episode)
    assert (screen.level, screen.decision, screen.decided_by) == ("prompt", "", None)
    assert not allowed(episode)
    page = alice_client.get(response["Location"]).content.decode()
    assert "New red flags or a higher level, so the earlier decision was cleared." in page


def test_a_decision_for_a_level_no_longer_shown_is_refused(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes", ces_bowel="yes")
    response = decide(alice_client, episode, "gp_cleared", level="prompt")
    assert response.context["decision_form"].non_field_errors() == [
        "The triage level has changed. Review it and decide again."
    ]
    assert stored(episode).decision == ""


def test_a_decision_before_the_screen_is_refused_without_an_error_page(alice_client, episode):
    response = decide(alice_client, episode, "gp_cleared")
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "Answer the red-flag questions first."
    ]


def test_an_unknown_decision_is_refused(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    response = decide(alice_client, episode, "ignored")
    assert list(response.context["decision_form"].errors) == ["decision"]


def test_html_in_the_reasoning_is_refused(alice_client, episode):
    screen_with(alice_client, episode, night_pain="yes")
    response = decide(alice_client, episode, "continue_reasoned", note="<b>ok</b>")
    assert list(response.context["decision_form"].errors) == ["decision_note"]


def test_the_decision_needs_a_post(alice_client, episode):
    assert alice_client.get(url(episode)).status_code == 405


def test_recording_a_decision_is_a_change_event(alice_client, episode, unscoped):
    screen_with(alice_client, episode, night_pain="yes")
    decide(alice_client, episode, "referred")
    event = AccessEvent.objects.latest("pk")
    assert (event.action, event.patient_id) == (AccessEvent.Action.CHANGE, episode.patient_id)


def test_it_returns_404_for_other_clinic(alice_client, charlie, episode):
    screen_with(alice_client, episode, night_pain="yes")
    before = snapshot(episode)
    alice_client.force_login(charlie)
    response = decide(alice_client, episode, "gp_cleared")
    assert (response.status_code, snapshot(episode)) == (404, before)

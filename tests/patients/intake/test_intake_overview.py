"""The intake overview: every section with its progress, and what is still missing."""

import pytest
from django.urls import reverse

from clinic.models import AccessEvent
from tests.patients.intake.helpers import fill, section_url, speak_english
from tests.querybudget import SEAL


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)


def url(episode):
    return reverse("patients:intake", args=[episode.pk])


def test_it_shows_every_section_with_its_progress(alice_client, episode):
    fill(alice_client, episode, "history", "pain")
    page = alice_client.get(url(episode)).content.decode()
    assert "2 of 7 sections done" in page
    assert '<progress class="rg-progress-bar mb-2" max="7" value="2"' in page


def test_it_offers_the_first_section_that_is_not_done(alice_client, episode):
    fill(alice_client, episode, "history")
    response = alice_client.get(url(episode))
    assert response.context["status"].next_section.key == "pain"
    assert f'href="{section_url(episode, "pain")}">Continue: Pain and function' in (
        response.content.decode()
    )


def test_it_lists_what_is_missing_before_a_plan(alice_client, episode):
    page = alice_client.get(url(episode)).content.decode()
    assert "Still missing before a plan can be generated" in page
    assert "Red flags: not filled in yet." in page


def test_a_complete_intake_says_a_plan_can_be_generated(alice_client, episode):
    fill(alice_client, episode)
    page = alice_client.get(url(episode)).content.decode()
    assert "The intake is complete: a plan can be generated." in page


def test_it_records_a_read_event(alice_client, episode, unscoped):
    alice_client.get(url(episode))
    event = AccessEvent.objects.latest("pk")
    assert (event.action, event.patient_id) == (AccessEvent.Action.READ, episode.patient_id)


def test_it_returns_404_for_other_clinic(charlie_client, episode):
    assert charlie_client.get(url(episode)).status_code == 404


def test_it_needs_a_constant_number_of_queries(
    alice_client, episode, django_assert_max_num_queries
):
    fill(alice_client, episode)
    with django_assert_max_num_queries(8 + SEAL):
        alice_client.get(url(episode))

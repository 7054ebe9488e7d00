"""The episode page offers the step the episode is at as its one primary action, and closing
only once treatment is under way."""

import re

import pytest
from django.urls import reverse

from tests.e2e import arrange

pytestmark = pytest.mark.usefixtures("english")


def primary_links(client, episode) -> list[str]:
    page = client.get(reverse("patients:episode_detail", args=[episode.pk])).content.decode()
    return re.findall(r'<a class="btn btn-primary" href="([^"]+)"', page)


def close_url(episode):
    return reverse("patients:episode_close", args=[episode.pk])


def test_a_new_episode_offers_the_intake_and_no_follow_up_or_closing(alice_client, episode):
    page = alice_client.get(reverse("patients:episode_detail", args=[episode.pk])).content.decode()
    assert primary_links(alice_client, episode) == [reverse("patients:intake", args=[episode.pk])]
    assert reverse("patients:followup_new", args=[episode.pk]) not in page
    assert close_url(episode) not in page
    assert reverse("patients:discharge", args=[episode.pk]) not in page


def test_a_complete_intake_leads_to_the_findings(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    assert primary_links(alice_client, episode) == [reverse("patients:findings", args=[episode.pk])]


def test_an_issued_plan_leads_to_the_follow_up_and_one_way_to_close(
    alice_client, alice, episode, unscoped
):
    arrange.ready_for_a_plan(episode, alice)
    arrange.issued_plan(episode, alice)
    page = alice_client.get(reverse("patients:episode_detail", args=[episode.pk])).content.decode()
    assert primary_links(alice_client, episode) == [
        reverse("patients:followup_new", args=[episode.pk])
    ]
    assert page.count(close_url(episode)) == 1
    assert reverse("patients:discharge", args=[episode.pk]) not in page

"""Each page that completes a step of the clinic day offers the next step as its primary button:
screening done -> findings, findings -> the home plan, plan issued -> print."""

import re

import pytest
from django.urls import reverse

from tests.e2e import arrange

pytestmark = pytest.mark.usefixtures("english")


def primary(client, url) -> list[str]:
    """Return the targets (href or form action) of the page's primary buttons."""
    page = client.get(url).content.decode()
    links = re.findall(r'<a class="btn btn-primary" href="([^"]+)"', page)
    forms = re.findall(
        r'<form method="post" action="([^"]+)">(?:(?!</form>).)*btn btn-primary', page, re.S
    )
    return links + forms


def findings(episode):
    return reverse("patients:findings", args=[episode.pk])


def test_a_complete_screening_leads_to_the_findings(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    visit = arrange.intake_visit(episode)
    hub = reverse("patients:screening", args=[visit.pk])
    assert primary(alice_client, hub) == [findings(episode)]


def test_an_unfinished_screening_offers_its_own_entries(alice_client, alice, episode, unscoped):
    visit = arrange.intake_visit(episode)
    targets = primary(alice_client, reverse("patients:screening", args=[visit.pk]))
    assert findings(episode) not in targets
    assert reverse("patients:nq_entry", args=[visit.pk]) in targets


def test_the_findings_generate_the_plan_in_one_click(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    assert primary(alice_client, findings(episode)) == [
        reverse("plans:generate", args=[episode.pk])
    ]


def test_the_findings_open_the_draft_once_there_is_one(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    draft = arrange.draft_plan(episode, alice)
    assert primary(alice_client, findings(episode)) == [reverse("plans:editor", args=[draft.pk])]


def test_the_findings_show_the_issued_plan(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    plan = arrange.issued_plan(episode, alice)
    assert primary(alice_client, findings(episode)) == [reverse("plans:detail", args=[plan.pk])]


def test_an_incomplete_intake_offers_no_plan(alice_client, episode):
    assert primary(alice_client, findings(episode)) == []


def test_an_issued_plan_offers_printing_first(alice_client, alice, episode, unscoped):
    arrange.ready_for_a_plan(episode, alice)
    plan = arrange.issued_plan(episode, alice)
    assert primary(alice_client, reverse("plans:detail", args=[plan.pk])) == [
        reverse("plans:pdf", args=[plan.pk])
    ]

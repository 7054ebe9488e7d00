"""The episode's plan versions page (plans:episode_plans)."""

import pytest
from django.urls import reverse

from clinic.models import AccessEvent
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("english", "intake_allows_plans")


def plans_url(episode):
    return reverse("plans:episode_plans", args=[episode.pk])


def test_it_offers_to_generate_when_there_is_no_plan(alice_client, episode):
    response = alice_client.get(plans_url(episode))
    assert response.status_code == 200
    assert reverse("plans:generate", args=[episode.pk]).encode() in response.content


def test_it_lists_the_versions_with_their_status(alice_client, issued):
    response = alice_client.get(plans_url(issued.episode))
    assert reverse("plans:detail", args=[issued.pk]).encode() in response.content
    assert b"Revise: start version 2" in response.content


def test_it_links_the_draft_to_the_editor(alice_client, draft):
    response = alice_client.get(plans_url(draft.episode))
    assert reverse("plans:editor", args=[draft.pk]).encode() in response.content


def test_it_records_a_read_of_the_patient(alice_client, episode):
    alice_client.get(plans_url(episode))
    assert AccessEvent.objects.filter(action="read", patient_id=episode.patient_id).exists()


def test_it_returns_404_for_other_clinic(charlie_client, episode):
    assert charlie_client.get(plans_url(episode)).status_code == 404


def test_the_episode_page_links_to_the_plans(alice_client, episode):
    response = alice_client.get(reverse("patients:episode_detail", args=[episode.pk]))
    assert plans_url(episode).encode() in response.content


def test_its_query_count_is_pinned(alice_client, issued, django_assert_max_num_queries):
    with django_assert_max_num_queries(18 + SEAL):
        assert alice_client.get(plans_url(issued.episode)).status_code == 200


def test_a_user_without_a_clinic_gets_403(client, episode, django_user_model):
    root = django_user_model.objects.create_superuser("root@rugadem.test", "x" * 12)
    client.force_login(root)
    assert client.get(plans_url(episode)).status_code == 403

"""Revising an issued plan into version n+1 (plans:revise) and reading any version."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import HomePlan
from tests.plans.conftest_plans import (
    editor_data,
    editor_url,
    first_item,
    fresh,
    item_state,
    items_of,
)
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("english", "intake_allows_plans")


def revise_url(plan):
    return reverse("plans:revise", args=[plan.pk])


def detail_url(plan):
    return reverse("plans:detail", args=[plan.pk])


def newest(episode):
    return HomePlan._base_manager.filter(episode=episode).order_by("-version").first()


def test_revise_makes_version_2_a_copy_of_the_issued_plan(alice_client, issued):
    item = first_item(issued)
    response = alice_client.post(revise_url(issued))
    draft = newest(issued.episode)
    assert response["Location"] == editor_url(draft)
    assert (draft.version, draft.status, draft.previous_id) == (2, "draft", issued.pk)
    assert [row[:3] + row[3:] for row in item_state(draft)] == item_state(issued)
    assert first_item(draft).frozen == {} and item.frozen


def test_version_1_stays_issued_until_version_2_is_issued(alice_client, issued):
    alice_client.post(revise_url(issued))
    draft = newest(issued.episode)
    assert fresh(issued).status == HomePlan.Status.ISSUED
    alice_client.post(reverse("plans:issue", args=[draft.pk]), {"lock_version": draft.lock_version})
    assert fresh(issued).status == HomePlan.Status.SUPERSEDED
    assert fresh(draft).status == HomePlan.Status.ISSUED


def test_the_revision_keeps_the_therapists_edits_and_lists_new_suggestions(
    alice_client, issued, alice, unscoped
):
    from patients.findings import Findings

    item = first_item(issued)
    draft = services.plan_revise(plan=issued, user=alice, findings=Findings(forward_head=True))
    assert item.exercise.code in [i.exercise.code for i in items_of(draft)]
    response = alice_client.get(editor_url(draft))
    assert "Rule suggestions not in the plan" in response.content.decode()
    assert "Kin intrekken" in response.content.decode()


def test_a_suggestion_can_be_added_with_its_reason(alice_client, issued, alice, unscoped):
    from patients.findings import Findings

    draft = services.plan_revise(plan=issued, user=alice, findings=Findings(forward_head=True))
    index = next(i for i, s in enumerate(draft.suggestions) if s["exercise_code"] == "chin-tuck")
    alice_client.post(editor_url(draft), editor_data(draft, op=f"suggest:{index}"))
    added = next(i for i in items_of(draft) if i.exercise.code == "chin-tuck")
    assert added.reason_code == "forward_head" and not added.added_by_therapist


def test_revising_with_a_draft_open_goes_to_that_draft(alice_client, issued):
    alice_client.post(revise_url(issued))
    draft = newest(issued.episode)
    response = alice_client.post(revise_url(issued))
    assert response["Location"] == editor_url(draft)
    assert HomePlan._base_manager.filter(episode=issued.episode).count() == 2


def test_a_superseded_version_cannot_be_revised(issued, alice, unscoped):
    draft = services.plan_revise(plan=issued, user=alice)
    services.plan_issue(plan=draft, user=alice, lock_version=draft.lock_version)
    with pytest.raises(services.PlanNotEditable):
        services.plan_revise(plan=fresh(issued), user=alice)


def test_the_history_lists_every_version(alice_client, issued):
    alice_client.post(revise_url(issued))
    response = alice_client.get(reverse("plans:episode_plans", args=[issued.episode.pk]))
    draft = newest(issued.episode)
    assert detail_url(issued).encode() in response.content
    assert detail_url(draft).encode() in response.content


def test_the_detail_page_shows_an_issued_version_as_issued(alice_client, issued):
    response = alice_client.get(detail_url(issued))
    assert response.status_code == 200
    assert first_item(issued).frozen["name"] in response.content.decode()


def test_revise_returns_404_for_other_clinic(charlie_client, issued):
    assert charlie_client.post(revise_url(issued)).status_code == 404
    assert HomePlan._base_manager.count() == 1


def test_detail_returns_404_for_other_clinic(charlie_client, issued):
    assert charlie_client.get(detail_url(issued)).status_code == 404


def test_detail_query_count_is_pinned(alice_client, issued, django_assert_max_num_queries):
    with django_assert_max_num_queries(10 + SEAL):
        assert alice_client.get(detail_url(issued)).status_code == 200

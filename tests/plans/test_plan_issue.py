"""Issuing a draft (plans:issue): texts frozen, previous version superseded, blocks respected."""

import pytest
from django.urls import reverse

from patients.models import RedFlagScreen
from plans import services
from plans.models import Exercise, HomePlan
from plans.reasons import reason_text
from tests.plans.conftest_plans import (
    editor_data,
    editor_url,
    first_item,
    fresh,
    item_state,
    items_of,
)

pytestmark = pytest.mark.usefixtures("intake_allows_plans")


def issue_url(plan):
    return reverse("plans:issue", args=[plan.pk])


def test_the_confirmation_page_lists_the_plan(alice_client, draft):
    response = alice_client.get(issue_url(draft))
    assert response.status_code == 200
    assert first_item(draft).exercise.name_nl in response.content.decode()


def test_issuing_freezes_the_texts_in_the_plans_language(alice_client, draft, unscoped):
    HomePlan.objects.filter(pk=draft.pk).update(language="en")
    alice_client.post(issue_url(draft), {"lock_version": draft.lock_version})
    plan = fresh(draft)
    item = first_item(plan)
    assert plan.status == HomePlan.Status.ISSUED and plan.issued_by_id and plan.issued_at
    assert item.frozen["name"] == item.exercise.name_en
    assert item.frozen["steps"] == item.exercise.steps_en
    assert item.frozen["reason"] == reason_text(item.reason_code, "en")
    assert item.frozen["code"] == item.exercise.code


def test_a_later_library_change_does_not_change_the_issued_plan(alice_client, draft, unscoped):
    alice_client.post(issue_url(draft), {"lock_version": draft.lock_version})
    item = first_item(draft)
    name = item.exercise.name_nl
    Exercise.objects.filter(pk=item.exercise_id).update(name_nl="Nieuwe naam", steps_nl=["Anders"])
    plan, item = fresh(draft), first_item(draft)
    assert plan.item_text(item, "name") == name
    assert plan.item_text(item, "steps") != ["Anders"]


def test_a_draft_shows_the_live_library_text(draft, unscoped):
    item = first_item(draft)
    Exercise.objects.filter(pk=item.exercise_id).update(name_nl="Nieuwe naam")
    assert fresh(draft).item_text(first_item(draft), "name") == "Nieuwe naam"


def test_issued_plans_are_refused_by_the_services(issued, alice, unscoped):
    before = item_state(issued)
    with pytest.raises(services.PlanNotEditable):
        services.plan_item_remove(
            plan=issued,
            user=alice,
            lock_version=fresh(issued).lock_version,
            item=first_item(issued),
        )
    assert item_state(issued) == before


def test_an_old_edit_number_is_a_conflict(alice_client, draft):
    item = first_item(draft)
    alice_client.post(editor_url(draft), editor_data(draft, **{f"item-{item.pk}-note": "x"}))
    response = alice_client.post(issue_url(draft), {"lock_version": draft.lock_version})
    assert response["Location"] == editor_url(draft)
    assert fresh(draft).status == HomePlan.Status.DRAFT


def test_an_added_exercise_without_a_reason_is_not_issued(alice_client, draft, unscoped):
    exercise = Exercise.objects.get(clinic=None, code="chin-tuck")
    services.plan_item_add(
        plan=draft,
        user=draft.created_by,
        lock_version=draft.lock_version,
        exercise=exercise,
        phase=2,
    )
    response = alice_client.post(issue_url(draft), {"lock_version": fresh(draft).lock_version})
    assert response["Location"] == editor_url(draft)
    assert fresh(draft).status == HomePlan.Status.DRAFT


def test_red_flags_raised_after_drafting_hold_the_draft(alice_client, draft, alice, unscoped):
    RedFlagScreen.objects.create(episode=draft.episode, level="urgent", updated_by=alice)
    response = alice_client.post(
        issue_url(draft), {"lock_version": draft.lock_version}, follow=True
    )
    plan = fresh(draft)
    assert plan.status == HomePlan.Status.DRAFT
    assert plan.blocked_reason == reason_text("blocked_urgent", "nl")
    assert plan.blocked_reason in response.content.decode()


def test_an_empty_plan_is_not_issued(draft, alice, unscoped):
    for item in items_of(draft):
        services.plan_item_remove(
            plan=draft, user=alice, lock_version=fresh(draft).lock_version, item=item
        )
    with pytest.raises(services.PlanError):
        services.plan_issue(plan=draft, user=alice, lock_version=fresh(draft).lock_version)


def test_an_issued_plan_redirects_to_its_page(alice_client, issued):
    response = alice_client.get(issue_url(issued))
    assert response["Location"] == reverse("plans:detail", args=[issued.pk])


def test_it_returns_404_for_other_clinic(charlie_client, draft):
    assert charlie_client.get(issue_url(draft)).status_code == 404
    assert charlie_client.post(issue_url(draft), {"lock_version": 1}).status_code == 404
    assert fresh(draft).status == HomePlan.Status.DRAFT

"""Generating a draft plan from the episode's findings (plans:generate, plans:episode_plans)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.findings import Findings, load_findings
from patients.models import RedFlagScreen
from plans import rules, services
from plans.models import Exercise, HomePlan
from tests.plans.conftest_plans import fresh, item_state, items_of

pytestmark = pytest.mark.usefixtures("intake_allows_plans")


def generate_url(episode):
    return reverse("plans:generate", args=[episode.pk])


def plans_url(episode):
    return reverse("plans:episode_plans", args=[episode.pk])


def plan_count():
    return HomePlan._base_manager.count()


@pytest.fixture
def red_flag_prompt(episode, alice, unscoped):
    """Record a red-flag screen at level prompt without a decision yet."""
    return RedFlagScreen.objects.create(
        episode=episode,
        answers={"night_pain": "yes"},
        level="prompt",
        reasons=["night_pain"],
        updated_by=alice,
    )


def test_it_creates_a_draft_with_the_rules_items(alice_client, episode, unscoped):
    response = alice_client.post(generate_url(episode))
    plan = HomePlan.objects.get(episode=episode)
    expected = rules.generate(load_findings(episode), Exercise.objects.for_clinic(episode.clinic))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:editor", args=[plan.pk])
    assert (plan.version, plan.status) == (1, HomePlan.Status.DRAFT)
    assert [(i.exercise.code, i.phase) for i in items_of(plan)] == [
        (i.exercise_code, i.phase) for i in expected.items
    ]
    assert plan.rules_fired == list(expected.rules_fired)


def test_the_draft_is_in_the_patients_language(alice_client, episode, unscoped):
    episode.patient.language = "en"
    episode.patient.save()
    alice_client.post(generate_url(episode))
    assert HomePlan.objects.get(episode=episode).language == "en"


def test_every_item_carries_a_rule_reason(alice_client, episode, unscoped):
    alice_client.post(generate_url(episode))
    plan = HomePlan.objects.get(episode=episode)
    assert all(item.reason_code and not item.added_by_therapist for item in items_of(plan))


def test_an_existing_draft_is_kept_until_replacing_is_confirmed(alice_client, draft):
    before = item_state(draft)
    response = alice_client.post(generate_url(draft.episode))
    assert response.status_code == 200
    assert b'name="replace"' in response.content
    assert item_state(draft) == before
    assert plan_count() == 1


def test_confirming_replaces_the_draft_in_place(alice_client, draft, unscoped):
    item = items_of(draft)[0]
    item.note = "weg"
    item.save()
    alice_client.post(generate_url(draft.episode), {"replace": "on"})
    replaced = fresh(draft)
    assert plan_count() == 1
    assert replaced.lock_version == draft.lock_version + 1
    assert "weg" not in [i.note for i in items_of(replaced)]
    assert replaced.edit_log[-1]["changes"] == [{"op": "regenerated"}]


def test_red_flags_awaiting_a_decision_block_the_plan(alice_client, episode, red_flag_prompt):
    response = alice_client.post(generate_url(episode), follow=True)
    assert plan_count() == 0
    reason = rules.reason_text("blocked_prompt", "nl")
    assert reason in response.content.decode()


def test_the_episode_page_shows_the_block_without_a_generate_button(
    alice_client, episode, red_flag_prompt
):
    response = alice_client.get(plans_url(episode))
    assert rules.reason_text("blocked_prompt", "nl") in response.content.decode()
    assert generate_url(episode).encode() not in response.content


def test_a_recorded_decision_lifts_the_block(alice_client, episode, red_flag_prompt, alice):
    red_flag_prompt.decision = RedFlagScreen.Decision.GP_CLEARED
    red_flag_prompt.decided_by, red_flag_prompt.decided_at = alice, timezone.now()
    red_flag_prompt.save()
    alice_client.post(generate_url(episode))
    assert plan_count() == 1


def test_the_intakes_own_check_blocks_with_its_reason(alice_client, episode, monkeypatch):
    from patients.intake import sections as intake

    monkeypatch.setattr(intake, "plan_allowed", lambda e: (False, "Intake onvolledig"))
    response = alice_client.post(generate_url(episode), follow=True)
    assert plan_count() == 0
    assert "Intake onvolledig" in response.content.decode()


def test_a_closed_episode_gets_no_new_plan(episode, alice, unscoped):
    episode.status, episode.closed_on = "closed", episode.opened_on
    episode.save()
    with pytest.raises(services.PlanError):
        services.plan_generate(episode=episode, user=alice)
    assert plan_count() == 0


def test_generate_is_deterministic_for_the_same_findings(episode, alice, unscoped):
    findings = Findings(desk_hours=8, forward_head=True, hilo_sitting="upper_chest")
    first = item_state(services.plan_generate(episode=episode, user=alice, findings=findings))
    second = services.plan_generate(episode=episode, user=alice, findings=findings, replace=True)
    assert item_state(second) == first


def test_it_records_a_create_event(alice_client, episode):
    from clinic.models import AccessEvent

    alice_client.post(generate_url(episode))
    event = AccessEvent.objects.get(action="create")
    assert event.patient_id == episode.patient_id


def test_generate_returns_404_for_other_clinic(charlie_client, episode):
    response = charlie_client.post(generate_url(episode))
    assert response.status_code == 404
    assert plan_count() == 0


def test_generate_only_accepts_post(alice_client, episode):
    assert alice_client.get(generate_url(episode)).status_code == 405

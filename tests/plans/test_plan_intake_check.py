"""The intake's own check (patients.intake.sections.plan_allowed) together with the plan rules."""

from django.urls import reverse

from patients.models import RedFlagScreen
from plans.models import HomePlan


def generate(client, episode):
    return client.post(reverse("plans:generate", args=[episode.pk]), follow=True)


def test_without_a_red_flag_screen_no_plan_is_drafted(alice_client, episode):
    response = generate(alice_client, episode)
    assert not HomePlan._base_manager.exists()
    assert response.context["blocked"]


def test_a_screen_without_red_flags_lets_the_plan_through(alice_client, episode, alice, unscoped):
    RedFlagScreen.objects.create(episode=episode, level="none", updated_by=alice)
    generate(alice_client, episode)
    assert HomePlan._base_manager.filter(episode=episode).exists()

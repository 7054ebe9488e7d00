"""Demo home plans for seed_demo (plans/demo.py)."""

import pytest

from plans import demo
from plans.models import HomePlan

pytestmark = pytest.mark.usefixtures("intake_allows_plans")


@pytest.fixture
def episodes(episode, make_patient, make_episode, clinic, alice):
    return [episode, make_episode(make_patient(clinic), alice)]


def statuses(episode):
    plans = HomePlan._base_manager.filter(episode=episode).order_by("version")
    return [plan.status for plan in plans]


def test_the_first_episode_gets_several_versions(clinic, alice, episodes):
    demo.seed(clinic=clinic, staff=[alice], episodes=episodes)
    assert statuses(episodes[0]) == ["superseded", "superseded", "issued"]
    assert statuses(episodes[1]) == ["issued"]


def test_every_issued_version_has_frozen_texts(clinic, alice, episodes):
    demo.seed(clinic=clinic, staff=[alice], episodes=episodes)
    for plan in HomePlan._base_manager.prefetch_related("items"):
        assert all(item.frozen.get("name") for item in plan.items.all())


def test_it_is_idempotent(clinic, alice, episodes):
    demo.seed(clinic=clinic, staff=[alice], episodes=episodes)
    demo.seed(clinic=clinic, staff=[alice], episodes=episodes)
    assert HomePlan._base_manager.count() == 4

"""The plan tests' fixtures: alice's draft and issued plan, an admin's client, a clinic's own
exercise (defined in conftest_plans.py with the helpers), and `intake_allows_plans`, which
lifts the intake's own check (tested on its own in test_plan_intake_check.py): a module opts
in with `pytestmark = pytest.mark.usefixtures("intake_allows_plans")`.
"""

import pytest

from tests.plans.conftest_plans import admin_client, allow_plans, draft, issued, own_exercise

__all__ = ["admin_client", "draft", "intake_allows_plans", "issued", "own_exercise"]

intake_allows_plans = pytest.fixture(name="intake_allows_plans")(allow_plans)

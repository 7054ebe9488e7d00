"""Generated editor submissions: never a server error, never a half-saved draft (Hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plans import conftest_plans
from tests.plans.conftest_plans import editor_data, editor_url, fresh, item_state, items_of

# Fixtures shared by the plan tests (an assignment, so they are found in this module).
draft = conftest_plans.draft
intake_allows_plans = conftest_plans.intake_allows_plans

NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=130).map(str),
    st.sampled_from(["", " ", "1e3", "abc", "٣", "99999999999999999999", "0", "-0"]),
)
TEXT = st.text(max_size=600) | st.sampled_from(["<script>x</script>", "' OR 1=1 --"])
OPS = st.sampled_from(
    [
        "save",
        "",
        "up:",
        "remove:x",
        "add:1",
        "add:999999999:2",
        "suggest:0",
        "suggest:99",
        "down:-1",
        "up:99999999999999",
    ]
)
FIELDS = ("phase", "sets", "reps", "minutes", "hold_seconds", "times_per_day", "days_per_week")


@st.composite
def submissions(draw, item_ids):
    """Return changes to a valid editor submission: item fields, plan fields, the button."""
    changes = {}
    for pk in draw(st.lists(st.sampled_from(item_ids), max_size=4)):
        field = draw(st.sampled_from((*FIELDS, "note")))
        changes[f"item-{pk}-{field}"] = draw(TEXT if field == "note" else NUMBERS)
    if draw(st.booleans()):
        changes["plan-note"] = draw(TEXT)
    if draw(st.booleans()):
        changes["plan-language"] = draw(st.sampled_from(["nl", "en", "de", ""]))
    if draw(st.booleans()):
        changes["plan-next_appointment"] = draw(
            st.sampled_from(["2026-13-01T10:00", "1900-01-01T00:00", "2099-01-01T00:00", "x"])
        )
    op = draw(OPS)
    if op.endswith(":") or op in ("up:", "remove:x"):
        op += str(draw(st.sampled_from(item_ids)))
    changes["plan-op"] = op
    return changes


@pytest.mark.django_db
def test_generated_submissions_never_fail_or_half_save(alice_client, draft):
    ids = [item.pk for item in items_of(draft)]

    @settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(changes=submissions(ids))
    def check(changes):
        plan = fresh(draft)
        before = (item_state(plan), plan.note, plan.language, plan.lock_version)
        response = alice_client.post(editor_url(plan), editor_data(plan, **changes))
        assert response.status_code in (200, 302)
        after = fresh(draft)
        if response.status_code == 200:
            assert (item_state(after), after.note, after.language, after.lock_version) == before
        else:
            assert after.lock_version in (before[-1], before[-1] + 1)

    check()

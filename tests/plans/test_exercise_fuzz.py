"""Generated submissions to the exercise form and the small plan POSTs: never a server error,
never a half-saved row (Hypothesis)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import Exercise, HomePlan
from tests.plans import conftest_plans
from tests.plans.conftest_plans import fresh, item_state

admin_client = conftest_plans.admin_client
draft = conftest_plans.draft
intake_allows_plans = conftest_plans.intake_allows_plans

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.text(max_size=300) | st.sampled_from(["<b>x</b>", "a" * 1200, "x\n" * 20])
NUMBER = st.integers(-3, 200).map(str) | st.sampled_from(["", "abc", "1.5", "9" * 30])
FIELDS = {
    "code": st.from_regex(r"[a-z\-]{0,60}", fullmatch=True) | TEXT,
    "category": st.sampled_from(["breathing", "trunk", "nope", ""]),
    "name_nl": TEXT,
    "name_en": TEXT,
    "purpose_nl": TEXT,
    "purpose_en": TEXT,
    "start_position_nl": TEXT,
    "start_position_en": TEXT,
    "steps_nl": TEXT,
    "steps_en": TEXT,
    "sets": NUMBER,
    "reps": NUMBER,
    "minutes": NUMBER,
    "hold_seconds": NUMBER,
    "times_per_day": NUMBER,
    "days_per_week": NUMBER,
    "est_minutes": NUMBER,
    "contraindications": st.lists(st.sampled_from(["osteoporosis", "unknown", ""]), max_size=3),
    "tags": TEXT,
}


@pytest.mark.django_db
def test_generated_exercises_never_fail_or_half_save(admin_client):
    @SETTINGS
    @given(data=st.fixed_dictionaries({}, optional=FIELDS))
    def check(data):
        before = Exercise.objects.count()
        response = admin_client.post(reverse("plans:exercise_create"), data)
        assert response.status_code in (200, 302)
        assert Exercise.objects.count() == before + (response.status_code == 302)

    check()


@pytest.mark.django_db
def test_generated_issue_and_generate_posts_never_fail(alice_client, draft):
    issue = reverse("plans:issue", args=[draft.pk])
    generate = reverse("plans:generate", args=[draft.episode.pk])

    @SETTINGS
    @given(lock=NUMBER, replace=st.sampled_from(["", "on", "x", "0"]))
    def check(lock, replace):
        before = (item_state(draft), fresh(draft).status)
        response = alice_client.post(issue, {"lock_version": lock})
        assert response.status_code in (200, 302)
        if fresh(draft).status == HomePlan.Status.DRAFT:
            assert item_state(draft) == before[0]
        response = alice_client.post(generate, {"replace": replace})
        assert response.status_code in (200, 302)

    check()

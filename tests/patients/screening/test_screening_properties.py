"""Generated submissions to the screening forms: never a 500, never a half-saved row."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from hypothesis import event
from hypothesis import strategies as st

from patients.models import BreathingObservation, InstrumentResponse
from patients.screening import selfentry
from tests.examples import for_each_example
from tests.patients.screening.helpers import url

EXAMPLES = 40  # each a POST; every example is rolled back (tests/examples.py)
ITEMS = [f"q{number}" for number in range(1, 17)]
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
answer = st.one_of(
    st.sampled_from(["0", "1", "2", "3", "4"]),
    st.sampled_from(["5", "-1", ""]),
    st.integers(-(10**6), 10**6).map(str),
    text,
)
action = {"action": st.sampled_from(["save", "draft", "", "other"])}
digit = st.sampled_from(["0", "1", "2", "3", "4"])
nq_data = st.one_of(
    st.fixed_dictionaries({**action, **{key: digit for key in ITEMS}}),
    st.fixed_dictionaries(action, optional={key: digit for key in ITEMS}),
    st.fixed_dictionaries(action, optional={key: answer for key in ITEMS}),
)


def snapshot_nq(visit):
    with scopes_disabled():
        return list(
            InstrumentResponse.objects.filter(visit=visit).values_list(
                "answers", "total", "band", "valid", "self_entered"
            )
        )


def saved_rows(response, before, snapshot):
    """Check the answer is a refusal (the page again, nothing stored) or a save (a redirect);
    return the rows after a save, None after a refusal."""
    assert response.status_code in (200, 302)
    event(f"status {response.status_code}")
    after = snapshot()
    if response.status_code == 200:
        assert after == before
        return None
    return after


def assert_nq_outcome(response, before, visit, data):
    after = saved_rows(response, before, lambda: snapshot_nq(visit))
    if after is None:
        return
    [(answers, total, band, valid, _self)] = after
    assert valid == (len(answers) == 16)
    assert (total is None) == (not valid) and (band == "") == (not valid)
    if valid:
        assert total == sum(answers.values())
    assert set(answers) <= set(ITEMS) and all(0 <= v <= 4 for v in answers.values())


@pytest.fixture
def visit(intake_visit):
    return intake_visit


def test_the_nq_grid_never_fails_and_never_half_saves(alice_client, visit):
    @for_each_example(nq_data, max_examples=EXAMPLES)
    def post(data):
        before = snapshot_nq(visit)
        response = alice_client.post(url("nq_entry", visit), data)
        assert_nq_outcome(response, before, visit, data)


def test_the_self_entry_form_never_fails_and_never_half_saves(alice_client, visit):
    @for_each_example(nq_data, max_examples=EXAMPLES)
    def post(data):
        restart_self_entry(alice_client, visit)
        before = snapshot_nq(visit)
        response = alice_client.post(reverse("patients:selfentry_form"), data)
        assert_nq_outcome(response, before, visit, data)


def restart_self_entry(client, visit):
    """Start a fresh self-entry (the previous example may have ended with a submission)."""
    session = client.session
    session.pop(selfentry.SESSION_KEY, None)
    session.save()
    client.post(url("selfentry_start", visit))


choice = st.one_of(
    st.sampled_from(
        [
            "",
            "functional",
            "upper_chest",
            "paradoxical",
            "unclear",
            "regular",
            "irregular",
            "nose",
            "mouth",
            "mixed",
            "True",
            "False",
        ]
    ),
    text,
)
number = st.one_of(st.integers(-100, 400).map(str), text, st.just("9" * 5000))
valid_observation = st.fixed_dictionaries(
    {},
    optional={
        "hilo_sitting": st.sampled_from(["", "functional", "upper_chest"]),
        "rate": st.integers(1, 80).map(str),
        "route": st.sampled_from(["", "nose", "mouth", "mixed"]),
        "sighs": st.sampled_from(["", "True", "False"]),
        "breath_hold_seconds": st.integers(0, 300).map(str),
        "notes": text,
    },
)
observation_data = st.one_of(
    valid_observation,
    st.fixed_dictionaries(
        {},
        optional={
            "hilo_supine": choice,
            "hilo_sitting": choice,
            "hilo_standing": choice,
            "rate": number,
            "rhythm": choice,
            "route": choice,
            "sighs": choice,
            "accessory_muscles": choice,
            "breath_hold_seconds": number,
            "notes": st.one_of(text, st.text(min_size=1990, max_size=2100)),
        },
    ),
)


def snapshot_observation(visit):
    with scopes_disabled():
        return list(BreathingObservation.objects.filter(visit=visit).values())


def test_the_observation_form_never_fails_and_never_half_saves(alice_client, visit):
    @for_each_example(observation_data, max_examples=EXAMPLES)
    def post(data):
        before = snapshot_observation(visit)
        response = alice_client.post(url("observation", visit), data)
        after = saved_rows(response, before, lambda: snapshot_observation(visit))
        if after is None:
            return
        [row] = after
        assert row["rate"] is None or 1 <= row["rate"] <= 80
        assert row["breath_hold_seconds"] is None or 0 <= row["breath_hold_seconds"] <= 300
        assert len(row["notes"]) <= 2000

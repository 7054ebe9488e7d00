"""Generated junk submitted to every intake form: never a 500, never a half-saved section."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.patients.intake.helpers import SECTION_KEYS, VALID, section_url, snapshot

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "<script>alert(1)</script>",
    "<b>vet</b>",
    "a\x00b",
    "🙂" * 30,
    "x" * 5000,
    "' OR 1=1 --",
    "99999999999999999999999",
    "-1",
    "11",
    "10.5",
    "1e999999",
    "NaN",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "yes",
    "unsure",
    "other",
    "",
]
junk = st.one_of(
    st.text(max_size=40),
    st.text(min_size=100, max_size=300),
    st.sampled_from(NASTY),
    st.integers(-(10**6), 10**6).map(str),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=3),
)
BUTTONS = st.sampled_from(["next", "stay", "draft", "", "bogus"])


def submission(key):
    """Return a strategy: a valid submission with some fields replaced by junk or left out."""
    names = sorted(VALID[key])
    return st.tuples(
        st.dictionaries(st.sampled_from(names), junk, max_size=4),
        st.sets(st.sampled_from(names), max_size=3),
        BUTTONS,
    ).map(lambda parts: _build(key, *parts))


def _build(key, replaced, removed, button):
    data = {**VALID[key], **replaced, "action": button}
    for name in removed:
        data.pop(name)
    return data


def assert_stored_data_is_clean(episode):
    """Check what a successful save left: no markup, every complete response scored."""
    stored = snapshot(episode)
    assert "<script" not in str(stored) and "<b>" not in str(stored)
    for response in stored["responses"]:
        assert (response["total"] is not None) == response["valid"]


@pytest.mark.parametrize("key", SECTION_KEYS)
@FUZZ
@given(data=st.data())
def test_junk_on_a_section_never_fails_and_saves_all_or_nothing(alice_client, episode, key, data):
    post = data.draw(submission(key))
    before = snapshot(episode)
    response = alice_client.post(section_url(episode, key), post)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert snapshot(episode) == before
    else:
        assert_stored_data_is_clean(episode)


@FUZZ
@given(
    post=st.fixed_dictionaries(
        {
            "decision": st.one_of(
                st.sampled_from(["referred", "gp_cleared", "continue_reasoned"]), junk
            ),
            "decision_note": junk,
            "level": st.one_of(st.sampled_from(["prompt", "urgent", "none"]), junk),
        }
    )
)
def test_junk_on_the_red_flag_decision_never_fails(alice_client, episode, post):
    alice_client.post(
        section_url(episode, "redflags"), {**VALID["redflags"], "trauma": "yes", "action": "next"}
    )
    before = snapshot(episode)
    response = alice_client.post(reverse("patients:redflag_decision", args=[episode.pk]), post)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert snapshot(episode) == before
    else:
        assert_stored_data_is_clean(episode)

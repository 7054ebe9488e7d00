"""The section registry, intake_status() and plan_allowed(): what the plans feature relies on."""

import pytest

from patients.intake import sections as intake
from tests.patients.intake.helpers import SECTION_KEYS, fill, section_data, section_url

pytestmark = pytest.mark.usefixtures("english")


def post(client, episode, key, **overrides):
    return client.post(section_url(episode, key), section_data(key, **overrides))


def test_the_registry_lists_the_sections_in_intake_order():
    assert tuple(section.key for section in intake.SECTIONS) == SECTION_KEYS


def test_neighbours_follow_the_registry():
    pain = intake.get_section("pain")
    assert intake.neighbours(pain) == (
        intake.get_section("history"),
        intake.get_section("redflags"),
    )


def test_the_first_and_last_section_have_one_neighbour():
    first, last = intake.SECTIONS[0], intake.SECTIONS[-1]
    assert (intake.neighbours(first)[0], intake.neighbours(last)[1]) == (None, None)


def test_an_unknown_section_key_raises_key_error():
    with pytest.raises(KeyError):
        intake.get_section("nonsense")


def test_a_new_intake_has_every_section_to_do(episode, unscoped):
    status = intake.intake_status(episode)
    assert [item.state for item in status.sections] == [intake.TODO] * 7
    assert (status.complete, status.next_section.key) == (False, "history")


def test_the_intake_is_complete_when_every_required_section_is_done(
    alice_client, episode, unscoped
):
    fill(alice_client, episode)
    status = intake.intake_status(episode)
    assert (status.complete, status.missing, status.next_section) == (True, (), None)


def test_missing_lists_what_is_not_filled_in(alice_client, episode, unscoped):
    fill(alice_client, episode, "history", "pain", "redflags", "psychosocial", "work", "movement")
    assert [str(item) for item in intake.intake_status(episode).missing] == [
        "Working diagnosis and goals: not filled in yet."
    ]


def test_missing_names_a_draft_questionnaire(alice_client, episode, unscoped):
    alice_client.post(
        section_url(episode, "pain"),
        section_data("pain", action="draft", **{"qbpds__q20": None}),
    )
    missing = [str(item) for item in intake.intake_status(episode).missing]
    assert "Pain and function: Quebec Back Pain Disability Scale (QBPDS) is not complete." in (
        missing
    )


def test_missing_names_a_pending_red_flag_decision(alice_client, episode, unscoped):
    post(alice_client, episode, "redflags", trauma="yes")
    missing = [str(item) for item in intake.intake_status(episode).missing]
    assert "Red flags: record your decision." in missing


def test_no_plan_before_the_red_flags_are_screened(episode, unscoped):
    assert intake.plan_allowed(episode) == (False, "Answer the red-flag questions first.")


def test_a_plan_is_allowed_without_red_flags(alice_client, episode, unscoped):
    post(alice_client, episode, "redflags")
    assert intake.plan_allowed(episode) == (True, "")


def test_a_routine_level_allows_a_plan(alice_client, episode, unscoped):
    post(alice_client, episode, "redflags", inflammatory_pattern="yes")
    assert intake.plan_allowed(episode) == (True, "")


def test_no_plan_while_a_red_flag_decision_is_awaited(alice_client, episode, unscoped):
    post(alice_client, episode, "redflags", cancer_history="yes")
    allowed, reason = intake.plan_allowed(episode)
    assert (allowed, str(reason)) == (False, "Record your decision on the red flags first.")


def test_intake_status_tells_whether_a_plan_is_allowed(alice_client, episode, unscoped):
    post(alice_client, episode, "redflags", cancer_history="yes")
    status = intake.intake_status(episode)
    assert (status.plan_allowed, str(status.plan_blocked_reason)) == (
        False,
        "Record your decision on the red flags first.",
    )

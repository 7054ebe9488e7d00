"""Answers are read through the instrument: clean, completeness and drafts."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from patients import instruments

NQ = instruments.get("nq")
FULL = {f"q{n}": 1 for n in range(1, 17)}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_clean_returns_the_answers_in_item_order():
    shuffled = dict(reversed(list(FULL.items())))
    assert list(NQ.clean(shuffled)) == list(FULL)


def test_clean_rejects_an_unknown_item():
    with pytest.raises(ValidationError) as caught:
        NQ.clean({**FULL, "q17": 1})
    assert caught.value.message_dict == {
        NON_FIELD_ERRORS: ["q17: not an item of Nijmegen Questionnaire (NQ)."]
    }


@pytest.mark.parametrize("answers", [None, [1, 2, 3], "q1=1"])
def test_clean_rejects_answers_that_are_not_a_mapping(answers):
    with pytest.raises(ValidationError):
        NQ.clean(answers)


def test_clean_reports_every_bad_item_at_once():
    with pytest.raises(ValidationError) as caught:
        NQ.clean({**FULL, "q2": 9, "q3": "x", "q5": None})
    assert sorted(caught.value.message_dict) == ["q2", "q3", "q5"]


def test_partial_clean_allows_missing_items():
    assert NQ.clean({"q2": 3}, partial=True) == {"q2": 3}


def test_partial_clean_still_rejects_bad_values():
    with pytest.raises(ValidationError) as caught:
        NQ.clean({"q2": 7}, partial=True)
    assert list(caught.value.message_dict) == ["q2"]


def test_a_none_value_counts_as_unanswered():
    assert NQ.clean({"q1": None, "q2": 3}, partial=True) == {"q2": 3}


@pytest.mark.parametrize(
    ("answers", "complete"),
    [(FULL, True), ({**FULL, "q16": None}, False), ({"q1": 1}, False), ({**FULL, "q1": 5}, False)],
)
def test_is_complete_needs_every_item_valid(answers, complete):
    assert NQ.is_complete(answers) is complete


def test_a_draft_is_never_scored_as_complete():
    assert NQ.draft_score({"q1": 4, "q2": 4}) == instruments.Score(
        total=None, band=None, subscores={}, valid=False
    )


def test_a_complete_draft_gets_a_valid_score():
    assert NQ.draft_score(FULL) == instruments.Score(total=16, band="normal", valid=True)


def test_a_draft_with_a_bad_value_is_rejected():
    with pytest.raises(ValidationError):
        NQ.draft_score({"q1": 9})


def test_messages_follow_the_active_language_when_rendered():
    with pytest.raises(ValidationError) as caught:
        NQ.clean({})
    assert caught.value.message_dict["q1"] == ["Question 1 (Chest pain): please answer."]

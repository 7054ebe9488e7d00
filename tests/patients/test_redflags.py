"""Red-flag triage: levels, reasons and the decision the therapist must record."""

from datetime import date

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from patients import redflags
from patients.redflags import (
    EMERGENCY,
    NONE,
    NOT_SCREENED,
    PROMPT,
    ROUTINE,
    URGENT,
    Triage,
    age_at_onset,
    triage,
)

EXPECTED_LEVELS = {
    "ces_bladder": EMERGENCY,
    "ces_bowel": EMERGENCY,
    "ces_saddle": EMERGENCY,
    "ces_sexual": EMERGENCY,
    "bilateral_leg": EMERGENCY,
    "progressive_weakness": URGENT,
    "fever_unwell": URGENT,
    "immunosuppressed": URGENT,
    "iv_drug_use": URGENT,
    "cancer_history": PROMPT,
    "weight_loss": PROMPT,
    "night_pain": PROMPT,
    "trauma": PROMPT,
    "osteoporosis_steroids": PROMPT,
    "deformity": PROMPT,
    "not_improving": PROMPT,
    "inflammatory_pattern": ROUTINE,
    "niet_pluis": PROMPT,
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_screen_asks_exactly_the_product_flags():
    assert {flag.code: flag.level for flag in redflags.FLAGS} == EXPECTED_LEVELS


def test_onset_age_is_derived_not_asked():
    assert "onset_age" not in {flag.code for flag in redflags.FLAGS}


ALL_NO = dict.fromkeys(EXPECTED_LEVELS, "no")


@pytest.mark.parametrize(("code", "level"), EXPECTED_LEVELS.items())
def test_each_flag_alone_raises_its_level(code, level):
    result = triage({**ALL_NO, code: "yes"})
    assert result == Triage(level=level, reasons=(code,), needs_decision=level != ROUTINE)
    assert triage({code: "yes"}).level == level


@pytest.mark.parametrize(("code", "level"), EXPECTED_LEVELS.items())
def test_unsure_counts_as_yes(code, level):
    result = triage({code: "unsure"})
    assert (result.level, result.reasons, result.unsure) == (level, (code,), (code,))


@pytest.mark.parametrize("code", EXPECTED_LEVELS)
def test_no_raises_nothing(code):
    assert triage({**ALL_NO, code: "no"}) == Triage(level=NONE, reasons=(), needs_decision=False)


def test_nothing_answered_is_not_screened_never_none():
    result = triage({})
    assert (result.level, result.needs_decision) == (NOT_SCREENED, False)
    assert set(result.missing) == set(EXPECTED_LEVELS)
    assert "not a screen yet" in str(result.action)


def test_a_missing_answer_is_not_screened_even_if_the_rest_is_no():
    answers = {**ALL_NO}
    answers.pop("night_pain")
    assert (triage(answers).level, triage(answers).missing) == (NOT_SCREENED, ("night_pain",))


def test_a_positive_answer_counts_even_with_answers_missing():
    assert triage({"trauma": "yes"}).level == PROMPT


def test_every_answer_no_is_level_none():
    assert triage(dict.fromkeys(EXPECTED_LEVELS, "no")).level == NONE


def test_the_most_pressing_flag_sets_the_level():
    result = triage({"inflammatory_pattern": "yes", "trauma": "yes", "fever_unwell": "unsure"})
    assert (result.level, result.reasons) == (
        URGENT,
        ("fever_unwell", "trauma", "inflammatory_pattern"),
    )


@pytest.mark.parametrize(
    "answers",
    [
        {"cancer_history": "yes", "progressive_weakness": "yes"},
        {"cancer_history": "unsure", "progressive_weakness": "unsure"},
        {"cancer_history": "yes", "bilateral_leg": "yes"},
        {"weight_loss": "yes", "progressive_weakness": "yes"},
        {"night_pain": "yes", "progressive_weakness": "yes"},
        {"not_improving": "yes", "progressive_weakness": "yes"},
    ],
)
def test_a_cancer_flag_with_neurological_signs_is_an_emergency(answers):
    assert triage(answers).level == EMERGENCY


def test_a_late_onset_with_progressive_weakness_is_an_emergency():
    assert triage({"progressive_weakness": "yes"}, age_at_onset=60).level == EMERGENCY


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"cancer_history": "yes", "progressive_weakness": "no"}, PROMPT),
        ({"cancer_history": "yes", "fever_unwell": "yes"}, URGENT),
        ({"trauma": "yes", "progressive_weakness": "yes"}, URGENT),
        ({"cancer_history": "no", "progressive_weakness": "yes"}, URGENT),
    ],
)
def test_other_combinations_keep_the_highest_single_level(answers, level):
    assert triage(answers).level == level


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"niet_pluis": "yes"}, PROMPT),
        ({"niet_pluis": "unsure"}, PROMPT),
        ({**ALL_NO, "niet_pluis": "no"}, NONE),
        ({"niet_pluis": "yes", "inflammatory_pattern": "yes"}, PROMPT),
        ({"niet_pluis": "yes", "fever_unwell": "yes"}, URGENT),
    ],
)
def test_niet_pluis_raises_the_level_to_at_least_prompt(answers, level):
    assert triage(answers).level == level


@pytest.mark.parametrize(
    ("age", "flagged"),
    [(0, True), (19, True), (20, False), (35, False), (50, False), (51, True), (None, False)],
)
def test_onset_before_20_or_after_50_is_a_prompt_flag(age, flagged):
    result = triage(ALL_NO, age_at_onset=age)
    assert (result.level, result.reasons) == ((PROMPT, ("onset_age",)) if flagged else (NONE, ()))


@pytest.mark.parametrize("age", [-1, 19.5, "51", True])
def test_it_rejects_a_malformed_age_at_onset(age):
    with pytest.raises(ValidationError):
        triage({}, age_at_onset=age)


@pytest.mark.parametrize(
    ("answers", "needs_decision"),
    [
        ({}, False),
        ({"inflammatory_pattern": "yes"}, False),
        ({"trauma": "yes"}, True),
        ({"fever_unwell": "yes"}, True),
        ({"ces_bowel": "yes"}, True),
    ],
)
def test_prompt_or_higher_needs_a_decision(answers, needs_decision):
    assert triage(answers).needs_decision is needs_decision


def test_it_rejects_an_unknown_flag():
    with pytest.raises(ValidationError) as caught:
        triage({"headache": "yes"})
    assert caught.value.message_dict == {NON_FIELD_ERRORS: ["headache: not a red-flag question."]}


def test_it_rejects_an_answer_for_the_derived_onset_age():
    with pytest.raises(ValidationError):
        triage({"onset_age": "yes"})


@pytest.mark.parametrize("value", ["maybe", "Yes", True, None, ""])
def test_it_rejects_an_unknown_answer(value):
    with pytest.raises(ValidationError) as caught:
        triage({"trauma": value})
    assert list(caught.value.message_dict) == ["trauma"]


def test_it_rejects_answers_that_are_not_a_mapping():
    with pytest.raises(ValidationError):
        triage(["trauma"])


def test_levels_are_ordered_from_none_to_emergency():
    assert redflags.LEVELS == (NONE, ROUTINE, PROMPT, URGENT, EMERGENCY)


@pytest.mark.parametrize(
    ("level", "minimum", "expected"),
    [(PROMPT, PROMPT, True), (URGENT, PROMPT, True), (ROUTINE, PROMPT, False), (NONE, NONE, True)],
)
def test_level_at_least_compares_by_order(level, minimum, expected):
    assert redflags.level_at_least(level, minimum) is expected


def test_highest_level_of_nothing_is_none():
    assert redflags.highest_level([]) == NONE


def test_an_unknown_level_is_an_error():
    with pytest.raises(ValueError):
        redflags.level_rank("critical")


@pytest.mark.parametrize(
    ("level", "text"),
    [
        (EMERGENCY, "Possible cauda equina: contact the GP / out-of-hours GP now."),
        (URGENT, "Contact the GP today."),
        (PROMPT, "Contact the GP."),
        (ROUTINE, "Routine GP referral advised; the plan may continue."),
    ],
)
def test_each_level_says_what_to_do(level, text):
    assert str(redflags.action_text(level)) == text


def test_the_triage_carries_its_action():
    assert str(triage({"ces_bowel": "yes"}).action).startswith("Possible cauda equina")


def test_decisions_are_referred_cleared_or_reasoned():
    codes = [code for code, _label in redflags.DECISION_CHOICES]
    assert codes == ["referred", "gp_cleared", "continue_reasoned"]


@pytest.mark.parametrize(
    ("born", "onset", "age"),
    [
        (date(1970, 6, 15), date(2020, 6, 15), 50),
        (date(1970, 6, 15), date(2020, 6, 14), 49),
        (date(1970, 6, 15), date(2021, 6, 15), 51),
        (date(2000, 2, 29), date(2019, 2, 28), 18),
        (date(2000, 1, 1), date(2000, 1, 1), 0),
    ],
)
def test_age_at_onset_counts_whole_years(born, onset, age):
    assert age_at_onset(born, onset) == age


def test_age_at_onset_rejects_an_onset_before_birth():
    with pytest.raises(ValidationError):
        age_at_onset(date(2000, 1, 2), date(2000, 1, 1))

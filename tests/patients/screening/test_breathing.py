"""Breathing observation: rate flags and the list of positive findings with their reasons."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise

from patients import instruments
from patients.screening import breathing
from patients.screening.breathing import breathing_findings, rate_flag

NQ = instruments.get("nq")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def summary(**observation):
    """Return the findings as (code, rendered reason) pairs."""
    return [(f.code, str(f.reason)) for f in breathing_findings(**observation)]


@pytest.mark.parametrize(
    ("rate", "flag"),
    [
        (0, "abnormal"),
        (8, "abnormal"),
        (9, None),
        (12, None),
        (16, None),
        (17, "upper_normal"),
        (20, "upper_normal"),
        (21, "elevated"),
        (24, "elevated"),
        (25, "abnormal"),
        (60, "abnormal"),
    ],
)
def test_it_flags_the_resting_rate(rate, flag):
    assert rate_flag(rate) == flag


@pytest.mark.parametrize("rate", [-1, 15.5, "15", True])
def test_it_rejects_a_malformed_rate(rate):
    with pytest.raises(ValidationError):
        rate_flag(rate)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("abnormal", "abnormal vital sign, medical review"),
        ("elevated", "elevated, consider a medical cause"),
        ("upper_normal", "upper-normal"),
    ],
)
def test_each_rate_flag_has_its_text(code, text):
    assert str(breathing.rate_flag_text(code)) == text


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (8, [("rate_abnormal", "rate 8/min, abnormal vital sign, medical review")]),
        (9, []),
        (16, []),
        (17, [("rate_upper_normal", "rate 17/min, upper-normal")]),
        (19, [("rate_upper_normal", "rate 19/min, upper-normal")]),
        (20, [("rate_upper_normal", "rate 20/min, upper-normal")]),
        (21, [("rate_elevated", "rate 21/min, elevated, consider a medical cause")]),
        (24, [("rate_elevated", "rate 24/min, elevated, consider a medical cause")]),
        (25, [("rate_abnormal", "rate 25/min, abnormal vital sign, medical review")]),
    ],
)
def test_a_flagged_rate_is_a_finding_with_its_value(rate, expected):
    assert summary(rate=rate) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, []),
        (19, []),
        (20, [("nq_borderline", "NQ 20, borderline (below 23)")]),
        (22, [("nq_borderline", "NQ 22, borderline (below 23)")]),
        (23, [("nq_elevated", "NQ 23 ≥ 23")]),
        (24, [("nq_elevated", "NQ 24 ≥ 23")]),
        (28, [("nq_elevated", "NQ 28 ≥ 23")]),
        (64, [("nq_elevated", "NQ 64 ≥ 23")]),
    ],
)
def test_an_nq_total_from_20_is_a_finding(total, expected):
    assert summary(nq_total=total) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (24, [("nq_borderline", "NQ 24, borderline (below 25)")]),
        (25, [("nq_elevated", "NQ 25 ≥ 25")]),
    ],
)
def test_the_nq_finding_uses_the_clinic_threshold(total, expected):
    assert summary(nq_total=total, nq_threshold=25) == expected


@pytest.mark.parametrize("total", [-1, 65, "23", 23.5])
def test_it_rejects_an_impossible_nq_total(total):
    with pytest.raises(ValidationError):
        breathing_findings(nq_total=total)


def test_an_nq_response_with_a_missing_item_gives_no_total_to_summarise():
    answers = {f"q{n}": 2 for n in range(1, 16)}
    with pytest.raises(ValidationError):
        breathing_findings(nq_total=NQ.score(answers).total)


def test_an_nq_response_with_a_value_of_5_gives_no_total_to_summarise():
    answers = {**{f"q{n}": 2 for n in range(1, 16)}, "q16": 5}
    with pytest.raises(ValidationError):
        breathing_findings(nq_total=NQ.score(answers).total)


def test_a_scored_nq_response_feeds_the_finding():
    answers = {f"q{n}": 2 for n in range(1, 17)}
    assert summary(nq_total=NQ.score(answers).total) == [("nq_elevated", "NQ 32 ≥ 23")]


def test_upper_chest_and_paradoxical_hilo_results_are_findings_per_position():
    hilo = {"supine": "functional", "sitting": "upper_chest", "standing": "paradoxical"}
    assert summary(hilo=hilo) == [
        ("hilo_upper_chest", "upper-chest dominant when sitting"),
        ("hilo_paradoxical", "paradoxical breathing when standing"),
    ]


def test_a_hilo_finding_keeps_its_position():
    (finding,) = breathing_findings(hilo={"supine": "upper_chest"})
    assert finding.position == "supine"


@pytest.mark.parametrize("pattern", ["functional", "unclear", None, ""])
def test_functional_or_unclear_hilo_results_are_not_findings(pattern):
    assert summary(hilo={"sitting": pattern}) == []


@pytest.mark.parametrize("hilo", [{"kneeling": "functional"}, {"sitting": "belly"}, {"sitting": 1}])
def test_it_rejects_unknown_hilo_positions_and_results(hilo):
    with pytest.raises(ValidationError):
        breathing_findings(hilo=hilo)


@pytest.mark.parametrize(
    ("observation", "expected"),
    [
        ({"route": "mouth"}, [("mouth_breathing", "mouth breathing at rest")]),
        ({"route": "mixed"}, [("mixed_breathing", "mixed nose and mouth breathing at rest")]),
        ({"route": "nose"}, []),
        ({"sighs": True}, [("sighs", "sighs or yawns seen")]),
        ({"sighs": False}, []),
        ({"accessory": True}, [("accessory_muscles", "accessory-muscle use at rest")]),
        ({"accessory": False}, []),
        ({"rhythm": "irregular"}, [("irregular_rhythm", "irregular breathing rhythm")]),
        ({"rhythm": "regular"}, []),
    ],
)
def test_observed_signs_are_findings_when_present(observation, expected):
    assert summary(**observation) == expected


@pytest.mark.parametrize(
    "observation",
    [{"route": "nasal"}, {"rhythm": "fast"}, {"sighs": "yes"}, {"accessory": 1}],
)
def test_it_rejects_unknown_observation_values(observation):
    with pytest.raises(ValidationError):
        breathing_findings(**observation)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, [("short_breath_hold", "breath-hold 0 s (practice convention, not validated)")]),
        (12, [("short_breath_hold", "breath-hold 12 s (practice convention, not validated)")]),
        (19, [("short_breath_hold", "breath-hold 19 s (practice convention, not validated)")]),
        (20, []),
        (21, []),
        (45, []),
    ],
)
def test_a_short_breath_hold_is_labelled_as_practice_convention(seconds, expected):
    assert summary(breath_hold_seconds=seconds) == expected


@pytest.mark.parametrize("seconds", [-1, 12.5, "12"])
def test_it_rejects_a_malformed_breath_hold(seconds):
    with pytest.raises(ValidationError):
        breathing_findings(breath_hold_seconds=seconds)


def test_nothing_recorded_gives_no_findings():
    assert breathing_findings() == ()


def test_blank_model_fields_count_as_not_recorded():
    blank = {"supine": "", "sitting": "", "standing": ""}
    assert breathing_findings(hilo=blank, rhythm="", route="") == ()


def test_findings_are_listed_separately_not_combined_into_a_score():
    codes = [
        code
        for code, _reason in summary(
            nq_total=28,
            hilo={"sitting": "upper_chest"},
            rate=19,
            route="mouth",
            sighs=True,
            accessory=True,
            breath_hold_seconds=12,
        )
    ]
    assert codes == [
        "nq_elevated",
        "hilo_upper_chest",
        "rate_upper_normal",
        "mouth_breathing",
        "sighs",
        "accessory_muscles",
        "short_breath_hold",
    ]


def test_reasons_stay_lazy_until_shown():
    (finding,) = breathing_findings(rate=19)
    assert isinstance(finding.reason, Promise)


@pytest.mark.parametrize(
    ("choices", "codes"),
    [
        (breathing.POSITION_CHOICES, ["supine", "sitting", "standing"]),
        (breathing.HILO_CHOICES, ["functional", "upper_chest", "paradoxical", "unclear"]),
        (breathing.RHYTHM_CHOICES, ["regular", "irregular"]),
        (breathing.ROUTE_CHOICES, ["nose", "mouth", "mixed"]),
    ],
)
def test_choices_offer_the_recorded_values(choices, codes):
    assert [code for code, _label in choices] == codes

"""Clinically relevant improvement: absolute or relative threshold, in the better direction."""

from decimal import Decimal

import pytest

from patients import instruments
from patients.instruments import Instrument, Mcid, relevant_improvement
from patients.instruments.base import LicenceStatus, numeric_item

NPRS = instruments.get("nprs")
QBPDS = instruments.get("qbpds")
PSK = instruments.get("psk")

# A made-up "higher is better" scale with NPRS-like thresholds, to test the other direction.
HIGHER_SCALE = Instrument(
    code="test",
    version="1",
    name="Test",
    better="higher",
    mcid=Mcid(absolute=2, relative=0.30),
    source="",
    licence="",
    licence_status=LicenceStatus.FREE,
    items=(numeric_item("q1", "Function", 0, 10),),
)


@pytest.mark.parametrize(
    ("baseline", "latest", "improved"),
    [
        (8, 6, True),  # 2 points: at the absolute threshold
        (8, 7, False),  # 1 point, 12.5 %
        (8, 5, True),
        (3, 2, True),  # 1 point but 33 %: the relative threshold
        (4, 3, False),  # 1 point, 25 %
        (5, 8, False),  # worse
        (5, 5, False),
        (0, 0, False),  # nothing to improve on relatively
    ],
)
def test_lower_is_better_counts_a_fall(baseline, latest, improved):
    assert relevant_improvement(NPRS, baseline, latest) is improved


@pytest.mark.parametrize(
    ("baseline", "latest", "improved"),
    [
        (100, 80, True),  # 20 points: at the absolute threshold (20 %)
        (100, 81, False),  # 19 points, 19 %
        (50, 35, True),  # 15 points, exactly 30 %
        (50, 36, False),  # 14 points, 28 %
        (50, 34, True),
    ],
)
def test_the_absolute_or_the_relative_threshold_counts(baseline, latest, improved):
    assert relevant_improvement(QBPDS, baseline, latest) is improved


@pytest.mark.parametrize(
    ("baseline", "latest", "improved"),
    [
        (5, 7, True),  # 2 points
        (5, 6, False),  # 1 point, 20 %
        (3, 4, True),  # 1 point, 33 %
        (10, 11, False),  # 1 point, 10 %
        (7, 5, False),  # worse
        (0, 1, False),  # no relative change from 0
        (0, 2, True),
    ],
)
def test_higher_is_better_counts_a_rise(baseline, latest, improved):
    assert relevant_improvement(HIGHER_SCALE, baseline, latest) is improved


@pytest.mark.parametrize(
    ("baseline", "latest", "improved"),
    [(6.7, 4.7, True), (6.7, 4.8, False), (2.3, 0.3, True), (2.3, 0.4, False)],
)
def test_a_psk_mean_needs_2_points_despite_float_rounding(baseline, latest, improved):
    assert relevant_improvement(PSK, baseline, latest) is improved


@pytest.mark.parametrize(
    ("instrument", "baseline", "latest", "improved"),
    [(PSK, Decimal("6.70"), Decimal("4.70"), True), (NPRS, Decimal("3.00"), Decimal("2.00"), True)],
)
def test_stored_decimal_totals_are_compared_too(instrument, baseline, latest, improved):
    assert relevant_improvement(instrument, baseline, latest) is improved


@pytest.mark.parametrize("code", ["nq", "sbst", "gpe"])
def test_instruments_without_an_mcid_never_report_relevant_improvement(code):
    assert relevant_improvement(instruments.get(code), 40, 0) is False


@pytest.mark.parametrize(
    ("before", "after", "improved"),
    [
        ({"q1": 8, "q2": 5, "q3": 5}, {"q1": 5, "q2": 5, "q3": 5}, True),  # 3 on one activity
        ({"q1": 8, "q2": 5, "q3": 5}, {"q1": 6, "q2": 5, "q3": 5}, False),  # 2 on one
        ({"q1": 8, "q2": 5}, {"q1": 8, "q3": 4}, False),  # not the same activity twice
    ],
)
def test_a_psk_single_activity_improving_3_points_counts(before, after, improved):
    mean_before, mean_after = sum(before.values()) / len(before), sum(after.values()) / len(after)
    assert mean_before - mean_after < 2  # the mean alone would not count
    assert (
        relevant_improvement(
            PSK, mean_before, mean_after, baseline_items=before, latest_items=after
        )
        is improved
    )


def test_the_single_item_rule_is_only_for_the_psk():
    assert not relevant_improvement(NPRS, 8, 7, baseline_items={"q1": 8}, latest_items={"q1": 2})

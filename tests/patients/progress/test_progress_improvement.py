"""Clinically relevant improvement per measure: both directions, at the thresholds."""

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patients import instruments
from patients.instruments.base import HIGHER, Mcid
from patients.progress import measures as progress
from patients.progress.measures import Point, measure_series

DAY = datetime.date(2026, 11, 2)
NPRS, PSK, QBPDS = (instruments.get(code) for code in ("nprs", "psk", "qbpds"))
# A made-up instrument where higher is better, with the NPRS thresholds.
HIGHER_NPRS = dataclasses.replace(NPRS, code="nprs", better=HIGHER)


def series(code, *values, reference=None):
    points = [
        Point(DAY + datetime.timedelta(weeks=n), n + 1, value) for n, value in enumerate(values)
    ]
    return measure_series(code, points, reference=reference)


@pytest.mark.parametrize(
    ("code", "baseline", "latest", "relevant"),
    [
        ("nprs", 7, 5, True),  # 2 points: the absolute threshold exactly
        ("nprs", 7, 6, False),  # 1 point and 14%
        ("nprs", 3, 2, True),  # 1 point is 33%: the relative threshold
        ("nprs", 10, 7, True),  # 3 points and 30% exactly
        ("nprs", 4, 5, False),  # worse
        ("nprs", 0, 0, False),  # nothing to improve on
        ("psk", 6.7, 4.7, True),  # 2 points on the mean
        ("psk", 6.7, 4.8, False),  # 1.9: no relative threshold for the PSK
        ("qbpds", 80, 60, True),  # 20 points (25%)
        ("qbpds", 50, 35, True),  # 15 points is 30%
        ("qbpds", 50, 36, False),  # 14 points, 28%
        ("qbpds", 80, 61, False),  # 19 points, 24%
    ],
)
def test_it_marks_a_relevant_improvement_at_the_absolute_or_relative_threshold(
    code, baseline, latest, relevant
):
    assert series(code, baseline, latest).relevant is relevant


def test_it_marks_an_increase_when_higher_is_better():
    rising = progress.MeasureSeries(HIGHER_NPRS, series("nprs", 4, 6).points)
    falling = progress.MeasureSeries(HIGHER_NPRS, series("nprs", 6, 4).points)
    assert rising.relevant and not falling.relevant


def test_the_boundary_lies_on_the_better_side_in_each_direction():
    assert progress.relevance_boundary(NPRS, 7) == 5
    assert progress.relevance_boundary(HIGHER_NPRS, 4) == pytest.approx(5.2)  # 30% of 4 < 2
    assert progress.relevance_boundary(QBPDS, 50) == pytest.approx(35)


def test_a_single_measurement_has_no_latest_value_and_no_marker():
    one = series("nprs", 7)
    assert one.latest is None and one.change is None and not one.relevant


def test_it_compares_the_latest_with_the_first_measurement():
    course = series("nprs", 8, 3, 7)
    assert course.change == -1 and not course.relevant


def test_the_nq_has_no_threshold_but_shows_the_crossing_of_its_reference_line():
    nq = series("nq", 28, 20, reference=23)
    assert nq.boundary is None and not nq.relevant and nq.crossed_reference


def test_an_instrument_without_thresholds_gives_no_boundary():
    assert progress.required_change(instruments.get("sbst"), 5) is None


def test_it_reports_the_change_as_a_percentage_of_the_baseline():
    assert series("qbpds", 40, 30).percent_change == -25
    assert series("nprs", 0, 2).percent_change is None


@given(
    st.sampled_from([NPRS, PSK, QBPDS, HIGHER_NPRS]),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
)
def test_the_boundary_agrees_with_the_relevance_rule(instrument, baseline_tenths, latest_tenths):
    baseline, latest = baseline_tenths / 10, latest_tenths / 10
    boundary = progress.relevance_boundary(instrument, baseline)
    relevant = instruments.relevant_improvement(instrument, baseline, latest)
    if instrument.better == HIGHER:
        reached = round(latest - boundary, 9) >= 0
    else:
        reached = round(boundary - latest, 9) >= 0
    assert relevant == reached


def test_an_instrument_with_only_a_relative_threshold_uses_it():
    relative_only = dataclasses.replace(NPRS, mcid=Mcid(absolute=None, relative=0.5))
    assert progress.required_change(relative_only, 8) == 4

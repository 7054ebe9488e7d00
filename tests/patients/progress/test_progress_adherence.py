"""Adherence from the returned calendars: the share of planned days done, per week and band."""

import pytest

from patients.progress import measures as progress
from patients.progress.measures import Cell, adherence_band, adherence_share, weekly_adherence


def test_the_share_is_the_planned_days_done():
    assert adherence_share([Cell(1, 5, 7), Cell(1, 3, 5)]) == pytest.approx(8 / 12)


def test_days_beyond_the_plan_do_not_make_up_for_missed_ones():
    assert adherence_share([Cell(1, 7, 5), Cell(1, 0, 5)]) == 0.5


def test_nothing_planned_has_no_share():
    assert adherence_share([]) is None


@pytest.mark.parametrize(
    ("done", "planned", "band"),
    [(4, 5, "good"), (28, 35, "good"), (27, 35, "partial"), (1, 2, "partial"), (4, 9, "low")],
)
def test_the_band_starts_at_its_lowest_share(done, planned, band):
    assert adherence_band(adherence_share([Cell(1, done, planned)])) == band


def test_each_week_gets_its_share_and_pain_score():
    weeks = weekly_adherence([Cell(1, 7, 7), Cell(2, 2, 4)], {2: 5}, (1, 2, 3))
    assert [(week.week, week.percent, week.pain) for week in weeks] == [
        (1, 100, None),
        (2, 50, 5),
        (3, None, None),
    ]


def test_a_calendar_left_at_home_has_its_own_label():
    assert progress.adherence_band_label(progress.NOT_BROUGHT_BACK) != ""
    assert progress.adherence_band(None) is None


@pytest.mark.parametrize(
    ("age", "band"), [(0, "0-9"), (17, "10-19"), (40, "40-49"), (49, "40-49"), (95, "90+")]
)
def test_exports_show_ten_year_age_bands(age, band):
    assert progress.age_band(age) == band

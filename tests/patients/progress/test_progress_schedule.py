"""The measurement schedule: follow-up and re-measurement due dates, and what is overdue."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patients.progress import measures as progress
from patients.progress.measures import Due, ScheduleSettings, remeasure_due, schedule

D = datetime.date
WEEKS3 = ScheduleSettings(followup_weeks=2, remeasure_weeks=3)
WEEKS8 = ScheduleSettings(followup_weeks=2, remeasure_weeks=8)


def test_the_next_follow_up_is_due_the_clinics_interval_after_the_last_visit():
    assert progress.followup_due(D(2026, 11, 16), WEEKS3) == D(2026, 11, 30)


def test_re_measurement_is_due_the_clinics_interval_after_the_last_measurement():
    due = remeasure_due(last_measured=D(2026, 11, 2), opened_on=D(2026, 11, 2), settings=WEEKS3)
    assert due == D(2026, 11, 23)


def test_a_short_episode_keeps_a_long_interval():
    due = remeasure_due(last_measured=D(2026, 1, 5), opened_on=D(2026, 1, 5), settings=WEEKS8)
    assert due == D(2026, 3, 2)  # 8 weeks, the episode is then exactly 8 weeks old


def test_an_episode_longer_than_three_months_is_measured_at_least_every_six_weeks():
    opened = D(2026, 1, 5)
    measured = D(2026, 4, 20)  # 15 weeks after opening
    due = remeasure_due(last_measured=measured, opened_on=opened, settings=WEEKS8)
    assert due == D(2026, 6, 1)  # 6 weeks, not 8


def test_it_is_due_at_once_when_the_episode_turns_long_after_six_weeks_without_measuring():
    opened = D(2026, 1, 5)
    measured = D(2026, 2, 16)  # 6 weeks in; 8 weeks later would be 13 April
    due = remeasure_due(last_measured=measured, opened_on=opened, settings=WEEKS8)
    assert due == opened + datetime.timedelta(weeks=13)  # 6 April: the day it turns long


@pytest.mark.parametrize(
    ("day", "overdue", "soon"),
    [
        (D(2026, 11, 22), False, True),  # 8 days before
        (D(2026, 11, 23), False, True),  # 7 days before: due this week
        (D(2026, 11, 29), False, True),
        (D(2026, 11, 30), False, True),  # the due date itself
        (D(2026, 12, 1), True, False),  # the day after
    ],
)
def test_a_due_date_is_overdue_only_after_the_day_itself(day, overdue, soon):
    due = Due(D(2026, 11, 30), today=day)
    assert due.overdue is overdue
    assert due.soon is (soon and day >= D(2026, 11, 23))


def test_it_counts_the_days_overdue():
    assert Due(D(2026, 11, 20), today=D(2026, 11, 26)).days_overdue == 6


def test_without_visits_or_measurements_the_opening_date_counts():
    plan = schedule(
        opened_on=D(2026, 11, 2),
        last_visit=None,
        last_measured=None,
        settings=WEEKS3,
        today=D(2026, 11, 26),
    )
    assert plan.followup.date == D(2026, 11, 16) and plan.followup.overdue
    assert plan.remeasure.date == D(2026, 11, 23) and plan.remeasure.overdue


def test_start_back_is_due_when_never_given_or_when_a_re_measurement_is():
    opened = D(2026, 11, 2)
    assert progress.sbst_due(last_sbst=None, opened_on=opened, day=opened, settings=WEEKS3)
    assert not progress.sbst_due(
        last_sbst=opened, opened_on=opened, day=D(2026, 11, 16), settings=WEEKS3
    )
    assert progress.sbst_due(
        last_sbst=opened, opened_on=opened, day=D(2026, 11, 23), settings=WEEKS3
    )


dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=300)
@given(dates, dates, dates, st.integers(1, 12), st.integers(1, 12))
def test_the_cut_off_dates_give_the_same_answer_as_the_due_dates(
    opened, measured, day, followup_weeks, remeasure_weeks
):
    rules = ScheduleSettings(followup_weeks, remeasure_weeks)
    measured = max(measured, opened)
    cut = progress.due_cutoffs(day, rules)
    by_cutoff = measured <= cut.measured_by or (
        measured <= cut.measured_by_long and opened <= cut.opened_by
    )
    due = remeasure_due(last_measured=measured, opened_on=opened, settings=rules)
    assert (due <= day) == by_cutoff
    assert (progress.followup_due(measured, rules) <= day) == (measured <= cut.visited_by)

"""The follow-up workflows: a visit with its calendar and measurements, in one transaction."""

import datetime

import pytest
from django_scopes import scopes_disabled

from patients.intake.forms import InstrumentEntry
from patients.models import AdherenceEntry, CalendarReturn, InstrumentResponse, Visit, WeeklyPain
from patients.progress import followup
from tests.patients.progress.helpers import (
    add_visit,
    close,
    issued_plan,
    plan_items,
    record_calendar,
)

D = datetime.date


@pytest.fixture
def plan(episode, unscoped):
    return issued_plan(episode)


def calendar(plan, days=None, pain=None, brought_back=True):
    return followup.CalendarEntry(
        plan=plan, brought_back=brought_back, days=days or {}, pain=pain or {}
    )


def record(episode, alice, **kwargs):
    defaults = {"date": D(2026, 11, 16), "notes": "", "calendar": None, "questionnaires": ()}
    return followup.followup_record(episode=episode, user=alice, **{**defaults, **kwargs})


def test_it_records_a_follow_up_visit_with_the_therapists_notes(episode, alice, unscoped):
    visit = record(episode, alice, notes="Gaat beter")
    assert (visit.kind, visit.therapist, visit.notes) == (Visit.Kind.FOLLOW_UP, alice, "Gaat beter")


def test_it_stores_the_days_done_with_the_days_the_plan_asked(episode, alice, plan):
    first, second = plan_items(plan)[:2]
    days = {(first.pk, 1): 6, (second.pk, 1): 2}
    visit = record(episode, alice, calendar=calendar(plan, days, {1: 5}))
    entries = AdherenceEntry.objects.filter(calendar__visit=visit).order_by("item__order")
    assert [(e.days_done, e.days_planned) for e in entries] == [(6, 7), (2, 5)]
    assert WeeklyPain.objects.get(calendar__visit=visit).score == 5


def test_a_calendar_not_brought_back_stores_no_days(episode, alice, plan):
    first = plan_items(plan)[0]
    visit = record(episode, alice, calendar=calendar(plan, {(first.pk, 1): 6}, brought_back=False))
    stored = CalendarReturn.objects.get(visit=visit)
    assert not stored.brought_back and not stored.entries.exists()


def test_recording_again_replaces_the_calendar_and_an_empty_one_removes_it(episode, alice, plan):
    first = plan_items(plan)[0]
    visit = record(episode, alice, calendar=calendar(plan, {(first.pk, 1): 6}))
    record(episode, alice, visit=visit, calendar=calendar(plan, {(first.pk, 2): 3}))
    assert list(AdherenceEntry.objects.values_list("week", "days_done")) == [(2, 3)]
    record(episode, alice, visit=visit, calendar=calendar(plan))
    assert not CalendarReturn.objects.exists() and not AdherenceEntry.objects.exists()


def test_it_stores_complete_questionnaires_and_removes_emptied_ones(episode, alice, unscoped):
    visit = record(episode, alice, questionnaires=[InstrumentEntry("nprs", {"q1": 4}, {})])
    stored = InstrumentResponse.objects.get(visit=visit)
    assert (stored.total, stored.band, stored.valid, stored.entered_by) == (
        4,
        "moderate",
        True,
        alice,
    )
    record(episode, alice, visit=visit, questionnaires=[InstrumentEntry("nprs", {}, {})])
    assert not InstrumentResponse.objects.filter(visit=visit).exists()


def test_a_week_entered_at_another_visit_is_refused_and_nothing_is_saved(episode, alice, plan):
    first = plan_items(plan)[0]
    earlier = add_visit(episode, D(2026, 11, 9))
    record_calendar(earlier, plan, days=[(first, 1, 7)])
    with pytest.raises(followup.FollowupError):
        record(episode, alice, calendar=calendar(plan, {(first.pk, 1): 3}), notes="x")
    assert not Visit.objects.filter(notes="x").exists()


def test_an_exercise_outside_its_phase_weeks_is_refused(episode, alice, plan):
    third_phase = plan_items(plan)[-1]
    with pytest.raises(followup.FollowupError):
        record(episode, alice, calendar=calendar(plan, {(third_phase.pk, 1): 3}))


def test_a_closed_episode_gets_no_follow_up(episode, alice, unscoped):
    close(episode, D(2026, 11, 20))
    with pytest.raises(followup.FollowupError):
        record(episode, alice)


def test_the_calendar_that_comes_back_is_of_the_plan_issued_before_the_visit(episode, unscoped):
    first = issued_plan(episode, on=D(2026, 11, 2))
    second = issued_plan(episode, on=D(2026, 11, 16), version=2)
    assert followup.calendar_plan(episode, D(2026, 11, 16)) == first
    assert followup.calendar_plan(episode, D(2026, 11, 17)) == second
    assert followup.calendar_plan(episode, D(2026, 11, 2)) is None


def test_plan_phases_have_the_printed_calendars_weeks():
    from plans.pdf import document

    assert followup.PHASE_WEEKS == document.PHASE_WEEKS
    assert [followup.phase_weeks(phase) for phase in (1, 2, 3)] == [(1, 2), (3, 4), (5, 6)]


def test_revising_the_plan_from_a_visit_keeps_the_issued_items(episode, alice, plan, monkeypatch):
    from patients.intake import sections as intake

    monkeypatch.setattr(intake, "plan_allowed", lambda episode: (True, ""))
    visit = add_visit(episode, D(2026, 11, 16))
    with scopes_disabled():
        draft = followup.plan_revise_from_visit(visit=visit, user=alice)
        assert (draft.version, draft.is_draft, draft.previous) == (2, True, plan)
        assert draft.items.count() == plan.items.count()


@pytest.fixture
def habit(plan):
    """A daily walk in the plan: a habit, stored in phase 1, running through every phase."""
    from plans.models import Exercise, PlanItem

    with scopes_disabled():
        return PlanItem.objects.create(
            plan=plan,
            exercise=Exercise.objects.get(clinic=None, code="daily-walk"),
            phase=1,
            order=9,
            minutes=10,
            times_per_day=1,
            days_per_week=7,
            reason_code="keep_active",
            frozen={"name": "Walk", "category": "daily"},
        )


def test_a_daily_habit_is_ticked_off_in_every_week(episode, alice, plan, habit):
    visit = record(
        episode, alice, calendar=calendar(plan, {(habit.pk, 5): 6}), date=D(2026, 12, 14)
    )
    with scopes_disabled():
        assert list(
            AdherenceEntry.objects.filter(calendar__visit=visit).values_list("week", "days_done")
        ) == [(5, 6)]


def test_the_adherence_grid_has_a_habit_row_in_every_block(plan, habit):
    from patients.progress.forms import CalendarForm

    with scopes_disabled():
        items = list(plan.items.select_related("exercise"))
        form = CalendarForm(
            plan=plan, items=items, elsewhere=followup.entered_elsewhere(plan, None)
        )
        blocks = form.blocks
    assert [block.phase for block in blocks] == [1, 2, 3]
    assert all(block.rows[-1].label == "Walk" for block in blocks)
    assert sum(row.label == "Walk" for block in blocks for row in block.rows) == 3

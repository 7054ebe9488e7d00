"""Plan items: the minutes-a-day estimate and the texts a plan shows (frozen or live)."""

import pytest

from plans.models import Exercise, HomePlan, PlanItem


@pytest.fixture
def exercise(db):
    return Exercise.objects.get(clinic=None, code="lateral-rib-breathing")


def item_with(exercise, **dose):
    values = {
        name: getattr(exercise, name)
        for name in ("sets", "reps", "minutes", "hold_seconds", "times_per_day", "days_per_week")
    }
    values.update(dose)
    return PlanItem(exercise=exercise, phase=1, **values)


def test_the_default_dose_takes_the_librarys_estimate(exercise):
    assert item_with(exercise).est_minutes == exercise.est_minutes


def test_double_the_sessions_double_the_minutes(exercise):
    item = item_with(exercise, times_per_day=exercise.times_per_day * 2)
    assert item.est_minutes == exercise.est_minutes * 2


def test_the_estimate_is_never_below_one_minute(exercise):
    assert item_with(exercise, sets=1, reps=1, times_per_day=1).est_minutes == 1


def test_an_issued_plan_reads_the_frozen_texts(exercise):
    plan = HomePlan(status=HomePlan.Status.ISSUED, language="nl")
    item = item_with(exercise, frozen={"name": "Zoals uitgegeven"})
    assert plan.item_text(item, "name") == "Zoals uitgegeven"


def test_a_draft_reads_the_library_in_the_plans_language(exercise):
    plan = HomePlan(status=HomePlan.Status.DRAFT, language="en")
    item = item_with(exercise, reason_code="upper_chest")
    assert plan.item_text(item, "name") == exercise.name_en
    assert plan.item_text(item, "reason").startswith("At rest you breathe")


def test_a_missing_english_text_falls_back_to_dutch(exercise):
    exercise.cautions_en = ""
    assert exercise.text("cautions", "en") == exercise.cautions_nl

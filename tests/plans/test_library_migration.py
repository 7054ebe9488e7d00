"""The data migration that loads plans/library.py as the built-in exercises."""

import importlib

import pytest
from django.apps import apps

from plans.library import EXERCISES
from plans.models import Exercise

migration = importlib.import_module("plans.migrations.0002_builtin_exercises")

pytestmark = pytest.mark.django_db


def builtins():
    return Exercise.objects.filter(clinic__isnull=True)


def test_it_loaded_at_least_20_builtin_exercises():
    assert builtins().count() >= 20
    assert builtins().count() == len(EXERCISES)


def test_every_builtin_has_its_texts_in_both_languages():
    for exercise in builtins():
        for field in ("name", "purpose", "start_position", "steps", "cautions"):
            assert getattr(exercise, f"{field}_nl") and getattr(exercise, f"{field}_en"), (
                exercise.code,
                field,
            )


def test_the_values_are_copied_from_the_library():
    for spec in EXERCISES:
        exercise = builtins().get(code=spec.code)
        assert exercise.steps_en == list(spec.steps_en)
        assert exercise.contraindications == list(spec.contraindications)
        assert (exercise.reps, exercise.minutes, exercise.est_minutes) == (
            spec.reps,
            spec.minutes,
            spec.est_minutes,
        )
        assert exercise.illustration == spec.illustration and exercise.active


def test_every_builtin_passes_model_validation():
    for exercise in builtins():
        exercise.full_clean()


def test_running_it_again_changes_nothing():
    before = list(builtins().values())
    migration.load_builtins(apps, None)
    after = list(builtins().values())
    assert [{**row, "updated_at": None} for row in after] == [
        {**row, "updated_at": None} for row in before
    ]

"""Load the built-in exercises from plans/library.py (clinic empty = shared by every clinic).

The migration imports the library instead of a frozen copy: the library is immutable code-data,
and it copies the values into the database through the historical model (apps.get_model), so
the current model classes are never used here. It runs once per database, so a later change
to plans/library.py does NOT reach existing databases by itself: add a new data migration that
updates the built-ins (same idea: update_or_create by code with clinic empty). Never edit this
one. Clinic copies of an exercise (same code, a clinic set) are left alone by both.
"""

from django.db import migrations

# The ExerciseSpec fields copied as they are; tuples become JSON lists.
FIELDS = (
    "category",
    "name_nl",
    "name_en",
    "purpose_nl",
    "purpose_en",
    "start_position_nl",
    "start_position_en",
    "steps_nl",
    "steps_en",
    "sets",
    "reps",
    "minutes",
    "hold_seconds",
    "times_per_day",
    "days_per_week",
    "progression_nl",
    "progression_en",
    "regression_nl",
    "regression_en",
    "cautions_nl",
    "cautions_en",
    "contraindications",
    "tags",
    "est_minutes",
    "illustration",
)


def values(spec) -> dict:
    """Return the model values of one ExerciseSpec (tuples as lists)."""
    data = {}
    for name in FIELDS:
        value = getattr(spec, name)
        data[name] = list(value) if isinstance(value, tuple) else value
    return data


def load_builtins(apps, schema_editor):
    from plans.library import EXERCISES

    Exercise = apps.get_model("plans", "Exercise")
    for spec in EXERCISES:
        Exercise.objects.update_or_create(
            clinic=None, code=spec.code, defaults={**values(spec), "active": True}
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    # Going back leaves the rows: plan items may refer to them (PROTECT), and loading again
    # updates them in place.
    operations = [migrations.RunPython(load_builtins, migrations.RunPython.noop)]

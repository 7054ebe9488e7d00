"""Bring the built-in exercises in the database in line with the library (idempotent).

`sync_builtins(Exercise, specs)` upserts one row per spec by code with no clinic: new codes are
created, changed values are written, equal rows are not touched. Clinic copies (same code, a
clinic set) are left alone, and so are built-ins no longer in the library (plan items may
refer to them). It takes the model class as an argument so a data migration can pass its
historical model (apps.get_model) and the `sync_exercises` command the live one; only fields
that model has are written, so an older migration keeps working when the library grows.

The library is the data files of plans/library/exercises/ (`builtin_specs()`). The sync runs
after every `migrate` (`sync_after_migrate`, connected in plans.apps: a fresh database, a test
database and every deploy get it, through the migration state's model), from `make run` and as
`manage.py sync_exercises`. No migration imports the library.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.db import transaction

from plans.library import EXERCISES, ExerciseSpec

# The ExerciseSpec fields copied as they are (all but the code, the key); tuples become JSON lists.
FIELDS = tuple(field.name for field in fields(ExerciseSpec) if field.name != "code")


@dataclass(frozen=True, slots=True)
class SyncResult:
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int


def builtin_specs():
    """Return the built-in exercise specs (the one place that knows where they live)."""
    return EXERCISES


def values(spec, names: frozenset[str]) -> dict:
    """Return the model values of one spec (tuples as lists), for the fields the model has."""
    data = {}
    for name in FIELDS:
        if name in names:
            value = getattr(spec, name)
            data[name] = list(value) if isinstance(value, tuple) else value
    return data


def sync_builtins(exercise_model, specs: Iterable) -> SyncResult:
    """Upsert the built-in exercises from `specs`; return what was created and updated."""
    names = frozenset(field.name for field in exercise_model._meta.get_fields())
    existing = {row.code: row for row in exercise_model.objects.filter(clinic__isnull=True)}
    created, updated, unchanged = [], [], 0
    for spec in specs:
        data = values(spec, names)
        row = existing.get(spec.code)
        if row is None:
            exercise_model.objects.create(clinic=None, code=spec.code, active=True, **data)
            created.append(spec.code)
            continue
        changed = [name for name, value in data.items() if getattr(row, name) != value]
        if not changed:
            unchanged += 1
            continue
        for name in changed:
            setattr(row, name, data[name])
        update_fields = changed + (["updated_at"] if "updated_at" in names else [])
        row.save(update_fields=update_fields)
        updated.append(spec.code)
    return SyncResult(tuple(created), tuple(updated), unchanged)


def sync_after_migrate(sender, *, using, apps=None, plan=None, **kwargs) -> None:
    """post_migrate: bring the built-ins in line with the files, through the migrated model.

    Only after `migrate` (it passes the plan and the migration state's apps), not after a
    `flush`, which empties the tables on purpose (tests that flush load what they need).
    """
    if apps is None or plan is None:
        return
    try:
        exercise_model = apps.get_model("plans", "Exercise")
    except LookupError:  # migrated back to before the exercises existed
        return
    with transaction.atomic(using=using):
        sync_builtins(exercise_model, builtin_specs())

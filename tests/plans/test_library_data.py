"""The built-in exercises are data files (plans/library/exercises/*.toml) and the database's
built-ins equal them: synced after every migrate, without a migration importing live code."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from plans import library
from plans.library import EXERCISES, ExerciseSpec
from plans.models import Exercise
from plans.sync import FIELDS, sync_after_migrate, values

pytestmark = pytest.mark.django_db

MIGRATIONS = Path(library.__file__).resolve().parent.parent / "migrations"


def builtins():
    with scopes_disabled():
        return list(Exercise.objects.filter(clinic__isnull=True).order_by("code"))


def test_the_databases_builtins_equal_the_files():
    names = frozenset(FIELDS)
    in_files = {spec.code: values(spec, names) for spec in EXERCISES}
    in_database = {row.code: {name: getattr(row, name) for name in FIELDS} for row in builtins()}
    assert in_database == in_files
    assert len(in_files) >= 20 and all(row.active for row in builtins())


def test_every_builtin_has_its_texts_in_both_languages():
    for exercise in builtins():
        for field in ("name", "purpose", "start_position", "steps", "cautions"):
            assert getattr(exercise, f"{field}_nl") and getattr(exercise, f"{field}_en"), (
                exercise.code,
                field,
            )


def test_every_builtin_passes_model_validation():
    for exercise in builtins():
        exercise.full_clean()


def test_one_file_per_exercise_named_after_its_code_with_its_drawing():
    files = sorted(library.DATA.glob("*.toml"))
    assert [path.stem.split("-", 1)[1] for path in files] == [spec.code for spec in EXERCISES]
    static = Path(library.__file__).resolve().parent.parent / "static"
    for spec in EXERCISES:
        assert (static / spec.illustration).is_file(), spec.code


def test_a_file_that_breaks_the_schema_is_refused_with_its_name(tmp_path):
    source = sorted(library.DATA.glob("*.toml"))[0].read_text()
    (tmp_path / "01-diaphragm-hooklying.toml").write_text(source.replace("category", "kategorie"))
    with pytest.raises(ValueError, match="01-diaphragm-hooklying.toml"):
        library.load_all(tmp_path)
    (tmp_path / "01-diaphragm-hooklying.toml").write_text(
        source.replace('category = "breathing"', 'category = "yoga"')
    )
    with pytest.raises(ValueError, match="01-diaphragm-hooklying.toml: .*unknown category"):
        library.load_all(tmp_path)


def test_the_schema_still_validates_specs():
    with pytest.raises(ValueError, match="steps"):
        replace(
            EXERCISES[0], steps_nl=EXERCISES[0].steps_nl[:1], steps_en=EXERCISES[0].steps_en[:1]
        )
    assert isinstance(EXERCISES[0], ExerciseSpec)


def test_the_sync_after_migrate_changes_nothing_the_second_time():
    with scopes_disabled():
        before = list(Exercise.objects.filter(clinic__isnull=True).values())
    sync_after_migrate(None, apps=apps, using="default", plan=[])
    with scopes_disabled():
        after = list(Exercise.objects.filter(clinic__isnull=True).values())
    assert after == before


@pytest.mark.parametrize(
    "name", ["0002_builtin_exercises.py", "0005_i13_sync_builtin_exercises.py"]
)
def test_the_exercise_data_migrations_import_no_live_code(name):
    tree = ast.parse((MIGRATIONS / name).read_text())
    modules = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert modules <= {"django.db"}, modules


def test_a_flush_is_not_followed_by_a_sync():
    with scopes_disabled():
        Exercise.objects.filter(clinic__isnull=True, code="daily-walk").delete()
    sync_after_migrate(None, using="default")  # what `flush` sends: no plan, no apps
    with scopes_disabled():
        assert not Exercise.objects.filter(clinic__isnull=True, code="daily-walk").exists()

"""Library changes reach existing databases: the sync after every migrate and `sync_exercises`."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django_scopes import scopes_disabled

from plans.library import by_code
from plans.models import Exercise
from plans.sync import builtin_specs, sync_after_migrate, sync_builtins

pytestmark = pytest.mark.django_db

OLD_STEP = "Keep the hand on your chest as still as you can."


@pytest.fixture
def old_database(clinic):
    """A database as it was before issue 13: old starter text, no posture set-up exercise."""
    with scopes_disabled():
        Exercise.objects.filter(clinic__isnull=True, code="posture-setup").delete()
        starter = Exercise.objects.get(clinic__isnull=True, code="diaphragm-hooklying")
        starter.steps_en = [*starter.steps_en[:2], OLD_STEP, *starter.steps_en[3:]]
        starter.save()
        copy = Exercise.objects.get(pk=starter.pk)
        copy.pk, copy.clinic = None, clinic
        copy.save()
    return copy


def builtin(code):
    with scopes_disabled():
        return Exercise.objects.get(clinic__isnull=True, code=code)


def test_a_migrate_updates_changed_builtins_and_adds_new_ones(old_database):
    sync_after_migrate(None, apps=apps, using="default", plan=[])
    assert builtin("diaphragm-hooklying").steps_en == list(by_code("diaphragm-hooklying").steps_en)
    assert builtin("posture-setup").name_nl == by_code("posture-setup").name_nl


def test_clinic_copies_are_left_alone(old_database):
    sync_after_migrate(None, apps=apps, using="default", plan=[])
    with scopes_disabled():
        assert OLD_STEP in Exercise.objects.get(pk=old_database.pk).steps_en


def test_the_command_is_idempotent(old_database, capsys):
    call_command("sync_exercises")
    assert "1 created, 1 updated" in capsys.readouterr().out
    with scopes_disabled():
        before = list(Exercise.objects.values())
    result = sync_builtins(Exercise, builtin_specs())
    assert (result.created, result.updated) == ((), ())
    with scopes_disabled():
        assert list(Exercise.objects.values()) == before

"""`manage.py seed_demo`: the demo clinic of `make run`.

Seeding takes seconds, so the demo is seeded once for the module (in a transaction rolled back
after it, like tests/test_form_fuzz.py); each test runs in a savepoint inside it. The
guard tests see from the output whether the command ran.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django_scopes import scopes_disabled

from clinic.models import Clinic, Therapist
from patients.models import Episode, InstrumentResponse, Patient, RedFlagScreen
from plans.models import HomePlan

pytestmark = pytest.mark.django_db


def counts():
    return Clinic.objects.count(), Therapist.objects.count()


def patient_data():
    with scopes_disabled():
        return (
            Patient.objects.count(),
            Episode.objects.count(),
            InstrumentResponse.objects.count(),
            HomePlan.objects.count(),
        )


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed the demo once (DEBUG on, as `make run` does); return what the command printed."""
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_it_is_idempotent(seeded, settings):
    settings.DEBUG = True
    first = counts(), patient_data()
    call_command("seed_demo", stdout=io.StringIO())
    assert (counts(), patient_data()) == first
    assert first[0] == (1, 3)


def test_it_creates_an_admin_and_two_therapists_who_can_sign_in(seeded):
    roles = sorted(Therapist.objects.values_list("role", flat=True))
    assert roles == ["admin", "therapist", "therapist"]
    assert all(user.check_password("rugadem-demo-2026") for user in Therapist.objects.all())


def test_it_refuses_to_run_with_debug_off(seeded, settings):
    settings.DEBUG = False
    out = io.StringIO()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=out)
    assert out.getvalue() == ""


def test_force_overrides_the_debug_guard(seeded, settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert "admin@demo.rugadem.test" in out.getvalue()
    assert counts() == (1, 3)


def test_it_prints_how_to_sign_in(seeded):
    assert "http://127.0.0.1:8000/" in seeded
    assert "admin@demo.rugadem.test" in seeded


def test_it_shows_intakes_in_different_states_and_issued_plans(seeded):
    with scopes_disabled():
        assert Patient.objects.count() >= 5
        assert RedFlagScreen.objects.filter(level="prompt", decision="").exists()
        assert InstrumentResponse.objects.filter(valid=False).exists()
        assert HomePlan.objects.filter(status="issued").count() >= 3
        assert HomePlan.objects.filter(status="superseded").exists()

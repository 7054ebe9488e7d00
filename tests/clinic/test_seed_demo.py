import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from clinic.models import Clinic, Therapist
from patients.models import Episode, InstrumentResponse, Patient, RedFlagScreen
from plans.models import HomePlan


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


@pytest.mark.django_db
def test_it_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts(), patient_data()
    call_command("seed_demo")
    assert (counts(), patient_data()) == first
    assert first[0] == (1, 3)


@pytest.mark.django_db
def test_it_creates_an_admin_and_two_therapists_who_can_sign_in(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    roles = sorted(Therapist.objects.values_list("role", flat=True))
    assert roles == ["admin", "therapist", "therapist"]
    assert all(user.check_password("rugadem-demo-2026") for user in Therapist.objects.all())


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert counts() == (0, 0)


@pytest.mark.django_db
def test_force_overrides_the_debug_guard(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert counts() == (1, 3)


@pytest.mark.django_db
def test_it_prints_how_to_sign_in(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert "admin@demo.rugadem.test" in out


@pytest.mark.django_db
def test_it_shows_intakes_in_different_states_and_issued_plans(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    with scopes_disabled():
        assert Patient.objects.count() >= 5
        assert RedFlagScreen.objects.filter(level="prompt", decision="").exists()
        assert InstrumentResponse.objects.filter(valid=False).exists()
        assert HomePlan.objects.filter(status="issued").count() >= 3
        assert HomePlan.objects.filter(status="superseded").exists()

"""Shared fixtures. Personas (after healthchecks): alice and bob work in one clinic, charlie in
another."""

import datetime
import os

import pytest
from django.core.cache import cache
from django_scopes import scopes_disabled
from hypothesis import settings as hypothesis_settings

from clinic.models import Clinic, Therapist
from patients.models import Episode, Patient, Visit

PASSWORD = "correct-horse-battery"

# Hypothesis: few examples locally (`dev`), more in CI (`ci`, chosen when CI=true); choose one
# with HYPOTHESIS_PROFILE. CI draws the same examples on every run (derandomize) and prints the
# failing example with a @reproduce_failure blob, so a CI failure replays locally. Tests that set
# their own max_examples keep it.
hypothesis_settings.register_profile("dev", max_examples=10, deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None, print_blob=True
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)


# The longest browser journeys, started first among the transactional tests. pytest-django runs
# those after every other database test (their flush would empty the data migrations' rows); with
# xdist's work stealing (Makefile: --dist worksteal) the 30-second whole-day journey then starts
# early on one worker while the other takes the shorter journeys, not last and alone.
LONGEST_FIRST = ("test_whole_day_journey.py", "test_intake_journey.py", "test_language_walk.py")


def pytest_collection_modifyitems(items):
    """Within the transactional block pytest-django made, start the longest journeys first."""

    def weight(item):
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    e2e = [i for i, item in enumerate(items) if item.get_closest_marker("e2e")]
    if e2e:
        first, last = e2e[0], e2e[-1] + 1
        items[first:last] = sorted(items[first:last], key=weight)  # stable: the rest keep order


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unscoped():
    """Arrange test data outside any request scope, deliberately."""
    with scopes_disabled():
        yield


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Praktijk Alpha", phone="010 111 22 33")


@pytest.fixture
def other_clinic(db):
    return Clinic.objects.create(name="Praktijk Beta")


def make_user(clinic, email, role=Therapist.Role.THERAPIST, **extra):
    return Therapist.objects.create_user(
        email=email,
        password=PASSWORD,
        clinic=clinic,
        role=role,
        first_name=email.split("@")[0].title(),
        **extra,
    )


@pytest.fixture
def alice(clinic):
    return make_user(clinic, "alice@alpha.test")


@pytest.fixture
def bob(clinic):
    return make_user(clinic, "bob@alpha.test")


@pytest.fixture
def clinic_admin(clinic):
    return make_user(clinic, "admin@alpha.test", role=Therapist.Role.ADMIN)


@pytest.fixture
def charlie(other_clinic):
    return make_user(other_clinic, "charlie@beta.test")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def charlie_client(client, charlie):
    client.force_login(charlie)
    return client


@pytest.fixture
def make_patient(unscoped):
    """Return a factory for patients (clinic defaults to Praktijk Alpha)."""
    counter = {"n": 0}

    def make(clinic, **fields):
        counter["n"] += 1
        defaults = {
            "first_name": "Piet",
            "last_name": f"Patiënt{counter['n']}",
            "date_of_birth": datetime.date(1980, 5, 17),
            "number": counter["n"],
        }
        defaults.update(fields)
        return Patient.objects.create(clinic=clinic, **defaults)

    return make


@pytest.fixture
def make_episode(unscoped):
    """Return a factory for an open episode with its intake visit."""

    def make(patient, therapist, **fields):
        defaults = {"referral": Episode.Referral.DIRECT, "opened_on": datetime.date(2026, 11, 2)}
        defaults.update(fields)
        episode = Episode.objects.create(
            clinic=patient.clinic, patient=patient, therapist=therapist, **defaults
        )
        Visit.objects.create(
            episode=episode, kind=Visit.Kind.INTAKE, date=episode.opened_on, therapist=therapist
        )
        return episode

    return make


@pytest.fixture
def patient(make_patient, clinic):
    return make_patient(clinic, first_name="Anna", last_name="Jansen")


@pytest.fixture
def episode(make_episode, patient, alice):
    return make_episode(patient, alice)


@pytest.fixture
def intake_visit(episode, unscoped):
    return episode.visits.get(kind=Visit.Kind.INTAKE)


@pytest.fixture
def foreign_patient(make_patient, other_clinic):
    return make_patient(other_clinic, first_name="Vreemd", last_name="Buiten")


@pytest.fixture
def foreign_episode(make_episode, foreign_patient, charlie):
    return make_episode(foreign_patient, charlie)


@pytest.fixture
def english(client):
    """Render in English: for tests that read the interface's (English source) wording."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _checkpoint_file(settings, tmp_path):
    """Keep the access log's checkpoints of each test in the test's own folder."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints" / "access-log-checkpoints.jsonl"


@pytest.fixture(scope="module")
def _refill_after_flush(django_db_setup, django_db_blocker):
    """After a module's transactional test, put back what its flush removed."""
    yield
    from tests import dbtriggers  # noqa: PLC0415

    with django_db_blocker.unblock():
        dbtriggers.restore_after_flush()

"""Fixtures of the patient-rights tests: re-authenticated admins and a full record."""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from clinic.models import Therapist
from tests.conftest import PASSWORD
from tests.patients.rights.helpers import build_intake, build_record, reauthenticate
from tests.plans.conftest_pdf import media  # noqa: F401 (fixture: the record's stored files)


@pytest.fixture
def admin_client(clinic_admin):
    """A clinic admin who has just re-entered the password."""
    client = Client()
    client.force_login(clinic_admin)
    return reauthenticate(client)


@pytest.fixture
def foreign_admin_client(other_clinic):
    """A re-authenticated clinic admin of the other clinic (charlie's)."""
    user = Therapist.objects.create_user(
        email="admin@beta.test", password=PASSWORD, clinic=other_clinic, role="admin"
    )
    client = Client()
    client.force_login(user)
    return reauthenticate(client)


@pytest.fixture
def full_record(alice, patient, episode, media):  # noqa: F811 (fixture)
    """Anna's closed episode with every kind of data, and its record history."""
    with scopes_disabled():
        build_intake(episode, alice)
        build_record(episode, alice)
    return patient

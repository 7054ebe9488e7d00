"""Shared fixtures. Personas (after healthchecks): alice and bob work in one clinic, charlie in
another."""

import pytest
from django.core.cache import cache
from django_scopes import scopes_disabled

from clinic.models import Clinic, Therapist

PASSWORD = "correct-horse-battery"


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

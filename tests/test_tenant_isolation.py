"""Tenant isolation, proven over the whole URLconf.

Every URL pattern that takes an object id is requested by an admin of another clinic, with the
id of a real object of Praktijk Alpha. Every one must answer 404 (never 403 or 200, which would
confirm the object exists) and leave a denied access event.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import AccessEvent, Therapist
from patients.models import Episode, Patient, Visit
from plans.models import Exercise, HomePlan, PlanItem
from tests.conftest import PASSWORD, make_user
from tests.urlwalk import iter_routes

OBJECT_ID = 4242
# Values for the non-id parts of a path.
OTHER_KWARGS = {"key": "history", "section": "history", "code": "diaphragm-hooklying"}
ROUTE_KWARGS = {"patients:progress_chart": {"code": "nprs", "measure": "nprs"}}


def id_routes():
    for route in iter_routes():
        ids = [
            name for name, conv in route.converters.items() if type(conv).__name__ == "IntConverter"
        ]
        if ids and not route.name.startswith("admin:"):
            other = {**OTHER_KWARGS, **ROUTE_KWARGS.get(route.name, {})}
            kwargs = {name: other.get(name, OBJECT_ID) for name in route.converters}
            kwargs.update({name: OBJECT_ID for name in ids})
            yield pytest.param(route.name, kwargs, id=route.name)


@pytest.fixture
def alpha_objects(clinic, alice, unscoped):
    """One object of every patient-data type in Praktijk Alpha, all with the same id."""
    patient = Patient.objects.create(
        pk=OBJECT_ID,
        clinic=clinic,
        number=1,
        first_name="Anna",
        last_name="Jansen",
        date_of_birth=datetime.date(1980, 1, 1),
    )
    episode = Episode.objects.create(
        pk=OBJECT_ID, clinic=clinic, patient=patient, therapist=alice, referral="direct"
    )
    Visit.objects.create(pk=OBJECT_ID, episode=episode, kind="intake", therapist=alice)
    plan = HomePlan.objects.create(
        pk=OBJECT_ID, episode=episode, version=1, language="nl", created_by=alice
    )
    exercise = Exercise.objects.filter(clinic=None).first()
    PlanItem.objects.create(
        pk=OBJECT_ID,
        plan=plan,
        exercise=exercise,
        phase=1,
        order=1,
        reps=10,
        sets=1,
        times_per_day=1,
        days_per_week=7,
    )
    own = Exercise.objects.filter(clinic=None).first()
    own.pk, own.clinic, own.code = OBJECT_ID, clinic, "alpha-own"
    own.save(force_insert=True)
    return patient


@pytest.fixture
def intruder(other_clinic):
    """An admin of Praktijk Beta, signed in and recently re-authenticated."""
    user = make_user(other_clinic, "dora@beta.test", role=Therapist.Role.ADMIN)
    client = Client()
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def test_the_walk_finds_the_object_pages():
    names = {name for name, _kwargs in (p.values for p in id_routes())}
    assert {"patients:detail", "patients:episode_detail", "plans:editor"} <= names


@pytest.mark.parametrize(("name", "kwargs"), list(id_routes()))
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_clinic_gets_404_and_a_denied_event(intruder, alpha_objects, name, kwargs, method):
    url = reverse(name, kwargs=kwargs)
    before = AccessEvent.objects.filter(outcome="denied").count()
    response = getattr(intruder, method)(url)
    if response.status_code == 405:
        pytest.skip(f"{name} does not accept {method.upper()}")
    assert response.status_code == 404, f"{url} answered {response.status_code}"
    assert AccessEvent.objects.filter(outcome="denied").count() == before + 1

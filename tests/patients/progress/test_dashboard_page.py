"""The dashboard page and the due list: what each role may see, filters, fixed query counts."""

import pytest
from django.urls import reverse
from django.utils import translation

from clinic import changes
from clinic.models import AccessEvent
from tests.patients.progress import helpers as dashboard
from tests.patients.progress.helpers import speak_english
from tests.querybudget import SEAL

DASHBOARD, DUE = reverse("patients:dashboard"), reverse("patients:due_list")


@pytest.fixture(autouse=True)
def _english(alice, bob, clinic_admin, charlie):
    for user in (alice, bob, clinic_admin, charlie):
        speak_english(user)
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def caseload(content):
    return content.split('id="caseload-title"')[1].split("</table>")[0]


def test_a_clinic_admin_sees_every_therapist(admin_client, clinic_data):
    content = admin_client.get(DASHBOARD).content.decode()
    assert "Alice" in caseload(content) and "Bob" in caseload(content)
    assert "2 episodes discharged in the period." in content
    assert "50% <span" in content  # NPRS: 1 of 2 improved relevantly


def test_a_clinic_admin_can_pick_a_therapist(admin_client, clinic_data, bob):
    content = admin_client.get(DASHBOARD, {"therapist": bob.pk}).content.decode()
    assert "Alice" not in caseload(content)
    assert "1 episode discharged in the period." in content


def test_a_therapist_sees_only_their_own_caseload_whatever_they_ask(
    client, bob, alice, clinic_data
):
    client.force_login(bob)
    content = client.get(DASHBOARD, {"therapist": alice.pk}).content.decode()
    assert "Alice" not in caseload(content) and "Bob" in caseload(content)
    assert "1 episode discharged in the period." in content
    assert 'name="therapist"' not in content


def test_the_period_filter_changes_the_outcomes(admin_client, clinic_data):
    content = admin_client.get(DASHBOARD, {"start": "2025-01-01"}).content.decode()
    assert "3 episodes discharged in the period." in content


def test_a_bad_period_is_reported_and_the_last_year_shown(admin_client, clinic_data):
    response = admin_client.get(DASHBOARD, {"start": "2026-11-01", "end": "2026-10-01"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "The period cannot end before it starts." in content
    assert "2 episodes discharged in the period." in content


def test_another_clinic_sees_none_of_it(charlie_client, clinic_data):
    content = charlie_client.get(DASHBOARD).content.decode()
    assert "Alice" not in content and "Bob" not in content
    assert "1 episode discharged in the period." in content  # charlie's own


def test_the_dashboard_is_logged_as_a_search(admin_client, clinic_data):
    admin_client.get(DASHBOARD)
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SEARCH, detail="dashboard").exists()


def test_the_dashboard_costs_a_fixed_number_of_queries(
    admin_client, clinic_data, django_assert_num_queries, make_patient, make_episode, clinic, bob
):
    admin_client.get(DASHBOARD)  # the session's activity stamp is written on the first request
    # Session, user, therapists, caseload, outcomes, adherence (2), the access event; each
    # time after a change in the clinic (a new stamp: the aggregates are computed again).
    changes.touch(clinic.pk)
    with django_assert_num_queries(8 + SEAL):
        admin_client.get(DASHBOARD)
    for _ in range(3):
        dashboard.discharged(make_episode(make_patient(clinic), bob), dashboard.TODAY, nprs=(6, 2))
    changes.touch(clinic.pk)
    with django_assert_num_queries(8 + SEAL):
        admin_client.get(DASHBOARD)


def test_the_due_list_names_the_episodes_due(admin_client, clinic_data):
    content = admin_client.get(DUE).content.decode()
    assert content.count("days overdue") == 2  # E1: follow-up and re-measurement
    assert "due this week" in content  # E3


def test_a_therapist_sees_only_their_own_due_episodes(client, bob, clinic_data):
    client.force_login(bob)
    content = client.get(DUE).content.decode()
    assert "days overdue" not in content and "due this week" in content


def test_the_due_list_costs_a_fixed_number_of_queries(
    admin_client, clinic_data, django_assert_num_queries
):
    admin_client.get(DUE)
    # Session, user, therapists, the count and the page of episodes, the access event.
    with django_assert_num_queries(6 + SEAL):
        admin_client.get(DUE)

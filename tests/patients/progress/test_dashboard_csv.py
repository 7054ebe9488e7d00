"""The outcome export: one row per episode, pseudonymised, logged as an export."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Patient
from tests.querybudget import SEAL

CSV_URL = reverse("patients:dashboard_csv")


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def rows(client, **params):
    response = client.get(CSV_URL, params)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def by_number(exported, episode):
    return next(row for row in exported if row["patient_number"] == str(episode.patient.number))


def test_it_has_the_documented_columns(admin_client, clinic_data):
    header = admin_client.get(CSV_URL).content.decode().splitlines()[0].split(",")
    assert header[:10] == [
        "patient_number",
        "age_band",
        "therapist",
        "referral",
        "region",
        "guideline_class",
        "status",
        "opened_month",
        "closed_month",
        "visits",
    ]
    assert "nprs_relevant" in header and "adherence_percent" in header


def test_it_holds_no_names_no_dates_of_birth_and_no_days(admin_client, clinic_data):
    content = admin_client.get(CSV_URL).content.decode()
    with scopes_disabled():
        patients = list(Patient.objects.all())
    for patient in patients:
        assert patient.last_name not in content and patient.first_name not in content
        assert patient.date_of_birth.isoformat() not in content
        assert f"{patient.date_of_birth:%d-%m-%Y}" not in content
    assert "2026-10-15" not in content and "2026-10" in content


def test_a_row_has_the_age_band_the_months_and_the_outcomes(admin_client, clinic_data):
    row = by_number(rows(admin_client), clinic_data["e4"])
    assert row["age_band"] == "40-49"  # born 17 May 1980, opened 1 Aug 2026: 46
    assert (row["opened_month"], row["closed_month"], row["status"]) == (
        "2026-08",
        "2026-10",
        "closed",
    )
    assert (row["nprs_baseline"], row["nprs_latest"], row["nprs_change"]) == ("7", "4", "-3")
    assert (row["nprs_relevant"], row["psk_relevant"], row["qbpds_relevant"]) == (
        "yes",
        "no",
        "yes",
    )
    assert (row["gpe"], row["gpe_success"], row["adherence_percent"]) == ("6", "yes", "93")


def test_a_measure_taken_once_has_only_a_baseline(admin_client, clinic_data):
    row = by_number(rows(admin_client), clinic_data["e5"])
    assert (row["qbpds_baseline"], row["qbpds_latest"], row["qbpds_relevant"]) == ("60", "", "")
    assert row["calendars_not_brought_back"] == "1"


def test_it_exports_the_episodes_of_the_period(admin_client, clinic_data):
    numbers = {row["patient_number"] for row in rows(admin_client)}
    assert str(clinic_data["e6"].patient.number) not in numbers  # closed in June 2025
    assert len(numbers) == 5


def test_a_therapist_exports_only_their_own_episodes(client, bob, clinic_data):
    client.force_login(bob)
    assert {row["therapist"] for row in rows(client)} == {str(bob)}


def test_another_clinic_exports_only_its_own(charlie_client, clinic_data, charlie):
    assert {row["therapist"] for row in rows(charlie_client)} == {str(charlie)}


def test_the_export_is_logged(admin_client, clinic_data):
    admin_client.get(CSV_URL)
    event = AccessEvent.objects.get(action=AccessEvent.Action.EXPORT)
    assert "5 episodes" in event.detail and event.patient_id is None


def test_a_therapist_name_is_never_a_spreadsheet_formula(admin_client, clinic_data, alice):
    alice.first_name, alice.last_name = "=HYPERLINK(1)", ""
    alice.save()
    assert "'=HYPERLINK(1)" in admin_client.get(CSV_URL).content.decode()


def test_the_export_costs_a_fixed_number_of_queries(
    admin_client, clinic_data, django_assert_max_num_queries
):
    admin_client.get(CSV_URL)
    with django_assert_max_num_queries(7 + SEAL):
        admin_client.get(CSV_URL)


def test_it_is_never_cached(admin_client, clinic_data):
    assert "no-store" in admin_client.get(CSV_URL)["Cache-Control"]

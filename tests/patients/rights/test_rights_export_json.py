import json

from django.urls import reverse

from clinic.models import AccessEvent
from tests.patients.rights.helpers import SECRET


def url(patient):
    return reverse("patients:export_json", args=[patient.pk])


def export(client, patient):
    response = client.get(url(patient))
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_it_downloads_json_named_without_the_patients_name(admin_client, patient):
    response, _doc = export(admin_client, patient)
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="patient-{patient.number}-export-')
    assert disposition.endswith('.json"')
    assert patient.last_name not in disposition


def test_it_holds_the_patient_and_every_kind_of_record(admin_client, full_record):
    _response, doc = export(admin_client, full_record)
    assert doc["format"] == "rugadem.patient-export"
    assert doc["patient"]["last_name"] == "Jansen"
    records = doc["records"]
    assert all(records[key] for key in records), [k for k in records if not records[k]]
    assert len(records["visits"]) == 3


def test_it_holds_answers_labels_and_scores(admin_client, full_record):
    _response, doc = export(admin_client, full_record)
    psk = next(r for r in doc["records"]["instrument_responses"] if r["instrument"] == "psk")
    assert psk["labels"] == {"q1": "Fietsen", "q2": "Tillen"}
    assert psk["answers"]["q1"] == 7
    assert psk["valid"] is True and psk["total"] is not None


def test_it_holds_red_flag_decisions_and_frozen_plan_texts(admin_client, full_record):
    _response, doc = export(admin_client, full_record)
    screen = doc["records"]["red_flag_screens"][0]
    assert screen["decision"] == "continue_reasoned"
    assert screen["decision_display"] not in ("", "continue_reasoned")
    assert SECRET in screen["decision_note"]
    assert all(item["frozen"]["name"] for item in doc["records"]["plan_items"])


def test_it_holds_the_record_history_and_the_access_log(
    admin_client, alice_client, alice, full_record
):
    alice_client.get(reverse("patients:detail", args=[full_record.pk]))
    _response, doc = export(admin_client, full_record)
    assert {"patient", "episodes", "visits", "red_flag_screens"} <= set(doc["history"])
    assert any(row["history_user_id"] == alice.pk for row in doc["history"]["episodes"])
    assert doc["access_events"] and all(
        event["user_id"] in (None, *map(int, doc["staff"])) for event in doc["access_events"]
    )
    assert doc["staff"][str(alice.pk)] == str(alice)


def test_the_export_is_logged(admin_client, patient):
    export(admin_client, patient)
    event = AccessEvent.objects.get(patient_id=patient.pk, action="export")
    assert event.detail == "json"


def test_a_therapist_is_refused(alice_client, patient):
    assert alice_client.get(url(patient)).status_code == 403
    assert not AccessEvent.objects.filter(action="export").exists()


def test_it_returns_404_for_other_clinic(foreign_admin_client, patient):
    assert foreign_admin_client.get(url(patient)).status_code == 404
    assert not AccessEvent.objects.filter(action="export").exists()


def test_it_costs_a_fixed_number_of_queries(
    admin_client, full_record, django_assert_max_num_queries
):
    with django_assert_max_num_queries(42):
        export(admin_client, full_record)

import csv
import io

import pytest
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import reverse

from clinic.audit import AccessLogMiddleware
from clinic.models import AccessEvent
from tests.conftest import PASSWORD

LOG = reverse("access_log")


@pytest.fixture
def admin_client(clinic_admin):
    client = Client()
    client.force_login(clinic_admin)
    return client


def reauthenticate(client):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_a_therapist_cannot_view_the_access_log(alice_client):
    assert alice_client.get(LOG).status_code == 403


def test_an_admin_must_re_enter_the_password_first(admin_client):
    response = admin_client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_an_admin_sees_the_clinics_events_after_re_authenticating(
    admin_client, alice_client, patient, foreign_patient
):
    alice_client.get(reverse("patients:detail", args=[patient.pk]))
    reauthenticate(admin_client)
    response = admin_client.get(LOG)
    assert response.status_code == 200
    events = list(response.context["page"])
    assert events and all(e.clinic_id == patient.clinic_id for e in events)
    assert any(e.patient_id == patient.pk for e in events)


def test_a_denied_access_is_logged_and_shown(admin_client, alice_client, foreign_patient):
    response = alice_client.get(reverse("patients:detail", args=[foreign_patient.pk]))
    assert response.status_code == 404
    denied = AccessEvent.objects.get(outcome="denied")
    assert denied.detail == f"patient:{foreign_patient.pk}"
    reauthenticate(admin_client)
    page = admin_client.get(LOG, {"outcome": "denied"})
    assert [e.pk for e in page.context["page"]] == [denied.pk]


def test_the_filter_ignores_bad_input(admin_client):
    reauthenticate(admin_client)
    response = admin_client.get(
        LOG, {"patient_number": "abc", "since": "31-31-2026", "action": "<script>", "page": "-4"}
    )
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_patient_access_report_lists_who_looked(admin_client, alice_client, alice, patient):
    alice_client.get(reverse("patients:detail", args=[patient.pk]))
    reauthenticate(admin_client)
    response = admin_client.get(reverse("patient_access_report", args=[patient.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert patient.last_name not in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert any(str(alice) in row for row in rows[1:])


def test_the_report_of_another_clinics_patient_is_404(admin_client, foreign_patient):
    reauthenticate(admin_client)
    url = reverse("patient_access_report", args=[foreign_patient.pk])
    assert admin_client.get(url).status_code == 404


# Issue 15: every denial is logged; cross-clinic attempts reach the patient's report ---------


@pytest.mark.parametrize(
    "name",
    ["patients:rights", "patients:export_json", "patients:export_pdf", "patient_access_report"],
)
def test_a_therapist_refused_by_role_leaves_a_denied_event_naming_the_patient(
    alice_client, alice, patient, name
):
    response = alice_client.get(reverse(name, args=[patient.pk]))
    assert response.status_code == 403
    denied = AccessEvent.objects.get(outcome="denied")
    assert denied.patient_id == patient.pk and denied.user == alice
    assert denied.detail == f"role patient:{patient.pk}"


def test_a_refused_erasure_is_logged(alice_client, patient):
    response = alice_client.post(reverse("patients:erase", args=[patient.pk]), {})
    assert response.status_code == 403
    assert AccessEvent.objects.get(outcome="denied").patient_id == patient.pk


def test_a_refused_page_without_a_patient_is_logged(alice_client):
    assert alice_client.get(LOG).status_code == 403
    assert AccessEvent.objects.get(outcome="denied").detail == f"role page:{LOG}"


def test_another_clinics_attempt_shows_in_the_patients_access_report(
    admin_client, charlie_client, patient, episode
):
    charlie_client.get(reverse("patients:detail", args=[patient.pk]))
    charlie_client.get(reverse("patients:episode_detail", args=[episode.pk]))
    reauthenticate(admin_client)
    response = admin_client.get(reverse("patient_access_report", args=[patient.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    foreign = [row for row in rows[1:] if row[2] == "Praktijk Beta"]
    assert len(foreign) == 2
    assert all(row[1] == "Charlie" and row[6] in ("Denied", "Geweigerd") for row in foreign)


def test_the_access_report_neutralises_formula_cells(admin_client, clinic, patient):
    from clinic.models import Therapist
    from tests.conftest import make_user

    mallory = make_user(clinic, "mallory@alpha.test")
    Therapist.objects.filter(pk=mallory.pk).update(first_name='=HYPERLINK("x")', last_name="")
    client = Client()
    client.force_login(Therapist.objects.get(pk=mallory.pk))
    client.get(reverse("patients:detail", args=[patient.pk]))
    reauthenticate(admin_client)
    response = admin_client.get(reverse("patient_access_report", args=[patient.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[1] for row in rows[1:] if "HYPERLINK" in row[1]] == ['\'=HYPERLINK("x")']


def test_the_log_shows_a_search_in_its_own_words(admin_client, alice_client):
    alice_client.get(reverse("patients:list"), {"q": "Jansen"})
    reauthenticate(admin_client)
    page = admin_client.get(LOG, {"action": "search"}).content.decode()
    assert "(Jansen)" in page and "q:" not in page


def test_a_refusal_by_role_is_logged(alice_client):
    url = reverse("plans:exercise_create")
    assert alice_client.get(url).status_code == 403
    assert AccessEvent.objects.get(outcome="denied").detail == f"role page:{url}"


def test_any_other_refusal_is_logged_too(rf, alice):
    request = rf.get("/somewhere/")
    request.user = alice
    AccessLogMiddleware(lambda request: HttpResponseForbidden())(request)
    assert AccessEvent.objects.get(outcome="denied").detail == "forbidden page:/somewhere/"

from django.test import Client
from django.urls import reverse

from clinic.models import AccessEvent
from tests.querybudget import SEAL


def url(patient):
    return reverse("patients:rights", args=[patient.pk])


def test_a_therapist_is_refused(alice_client, patient):
    assert alice_client.get(url(patient)).status_code == 403


def test_an_admin_must_re_enter_the_password_first(clinic_admin, patient):
    client = Client()
    client.force_login(clinic_admin)
    response = client.get(url(patient))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_it_shows_the_actions_and_the_retention_rule(admin_client, patient):
    response = admin_client.get(url(patient))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("patients:export_json", args=[patient.pk]) in page
    assert reverse("patients:export_pdf", args=[patient.pk]) in page
    assert reverse("patients:erase", args=[patient.pk]) in page
    assert response.context["retention_years"] == 20


def test_the_visit_is_logged(admin_client, patient):
    admin_client.get(url(patient))
    event = AccessEvent.objects.get(patient_id=patient.pk)
    assert (event.action, event.detail) == ("read", "rights")


def test_it_returns_404_for_other_clinic(foreign_admin_client, patient):
    assert foreign_admin_client.get(url(patient)).status_code == 404
    assert AccessEvent.objects.filter(outcome="denied").exists()


def test_the_page_costs_a_fixed_number_of_queries(
    admin_client, full_record, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10 + SEAL):
        assert admin_client.get(url(full_record)).status_code == 200

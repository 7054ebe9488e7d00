from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.rights import services as rights
from tests.plans.conftest_pdf import whole_text


def url(patient):
    return reverse("patients:export_pdf", args=[patient.pk])


def summary_html(patient):
    with scopes_disabled(), translation.override("en"):
        return rights.summary_html(rights.summary(patient))


def test_the_summary_shows_details_measurements_decisions_and_plans(full_record):
    html = summary_html(full_record)
    assert "Anna Jansen" in html
    assert "NPRS 6" in html and "PSK" in html
    assert "Decision: Continue, with written reasoning" in html
    assert "Home plan version 1, issued" in html
    assert "18 breaths/min" in html
    assert "Weer 30 minuten fietsen" in html


def test_the_summary_lists_who_looked(admin_client, alice_client, alice, full_record):
    alice_client.get(reverse("patients:detail", args=[full_record.pk]))
    html = summary_html(full_record)
    assert str(alice) in html and "Read" in html


def test_the_summary_escapes_what_was_typed(full_record):
    with scopes_disabled():
        full_record.occupation = "<b>bakker</b>"
        full_record.save()
    html = summary_html(full_record)
    assert "&lt;b&gt;bakker&lt;/b&gt;" in html and "<b>bakker" not in html


def test_it_downloads_a_pdf_named_without_the_patients_name(admin_client, full_record):
    response = admin_client.get(url(full_record))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"patient-{full_record.number}-export-" in response["Content-Disposition"]
    assert "Jansen" not in response["Content-Disposition"]
    assert "Anna Jansen" in whole_text(response.content)


def test_the_export_is_logged(admin_client, full_record):
    admin_client.get(url(full_record))
    event = AccessEvent.objects.get(patient_id=full_record.pk, action="export")
    assert event.detail == "pdf"


def test_a_therapist_is_refused(alice_client, patient):
    assert alice_client.get(url(patient)).status_code == 403


def test_it_returns_404_for_other_clinic(foreign_admin_client, patient):
    assert foreign_admin_client.get(url(patient)).status_code == 404
    assert not AccessEvent.objects.filter(action="export").exists()

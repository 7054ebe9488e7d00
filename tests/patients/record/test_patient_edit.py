import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent


def url(patient):
    return reverse("patients:edit", args=[patient.pk])


def patient_data(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Jansen-Bos",
        "date_of_birth": "17-05-1980",
        "language": "en",
        "phone": "+31 (0)6 12345678",
        "email": "anna@example.nl",
        "occupation": "Verpleegkundige",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_current_details(alice_client, patient):
    response = alice_client.get(url(patient))
    assert response.status_code == 200
    assert 'value="Jansen"' in response.content.decode()


def test_it_saves_the_changes(alice_client, patient):
    response = alice_client.post(url(patient), patient_data())
    assert response["Location"] == reverse("patients:detail", args=[patient.pk])
    patient.refresh_from_db()
    assert (patient.last_name, patient.language, patient.phone) == (
        "Jansen-Bos",
        "en",
        "+31 (0)6 12345678",
    )


def test_the_patient_number_cannot_be_changed(alice_client, patient):
    alice_client.post(url(patient), patient_data(number=999))
    patient.refresh_from_db()
    assert patient.number == 1


def test_it_records_a_change_event(alice_client, patient):
    alice_client.post(url(patient), patient_data())
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id) == ("change", patient.pk)


def test_bad_input_changes_nothing_and_keeps_what_was_typed(alice_client, patient):
    future = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d-%m-%Y")
    response = alice_client.post(url(patient), patient_data(date_of_birth=future))
    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert 'value="Jansen-Bos"' in response.content.decode()
    patient.refresh_from_db()
    assert patient.last_name == "Jansen"


def test_it_returns_404_for_another_clinics_therapist(charlie_client, patient):
    assert charlie_client.get(url(patient)).status_code == 404
    response = charlie_client.post(url(patient), patient_data(last_name="Overgenomen"))
    assert response.status_code == 404
    patient.refresh_from_db()
    assert patient.last_name == "Jansen"


def test_another_clinics_attempt_is_logged_as_denied(charlie_client, patient, charlie):
    charlie_client.post(url(patient), patient_data())
    with scopes_disabled():
        event = AccessEvent.objects.get(user=charlie)
    assert (event.outcome, event.detail) == ("denied", f"patient:{patient.pk}")

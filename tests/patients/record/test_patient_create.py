import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Patient
from patients.record.forms import years_before

pytestmark = pytest.mark.usefixtures("english")

URL = reverse("patients:create")


def patient_data(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "de Vries",
        "date_of_birth": "1980-05-17",
        "language": "nl",
        "phone": "06 1234 5678",
        "email": "anna@example.nl",
        "occupation": "Accountant",
    }
    data.update(overrides)
    return data


def patient_count():
    with scopes_disabled():
        return Patient.objects.count()


def test_the_form_is_shown(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert 'name="date_of_birth"' in response.content.decode()


def test_it_registers_the_patient_with_the_next_number(alice_client, patient, clinic):
    response = alice_client.post(URL, patient_data())
    with scopes_disabled():
        created = Patient.objects.get(last_name="de Vries")
    assert response.status_code == 302
    assert response["Location"] == reverse("patients:detail", args=[created.pk])
    assert (created.clinic, created.number) == (clinic, patient.number + 1)
    assert created.date_of_birth == datetime.date(1980, 5, 17)


def test_numbers_are_counted_per_clinic(alice_client, foreign_patient, make_patient, other_clinic):
    make_patient(other_clinic, number=41)
    alice_client.post(URL, patient_data())
    with scopes_disabled():
        assert Patient.objects.get(last_name="de Vries").number == 1


def test_a_dutch_date_of_birth_is_accepted(alice_client):
    alice_client.post(URL, patient_data(date_of_birth="17-05-1980"))
    with scopes_disabled():
        assert Patient.objects.get().date_of_birth == datetime.date(1980, 5, 17)


def test_it_confirms_with_a_message(alice_client):
    response = alice_client.post(URL, patient_data(), follow=True)
    assert "Patient registered with number 1." in response.content.decode()


def test_it_records_a_create_event(alice_client):
    alice_client.post(URL, patient_data())
    with scopes_disabled():
        event = AccessEvent.objects.get()
        created = Patient.objects.get()
    assert (event.action, event.patient_id) == ("create", created.pk)


TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("date_of_birth", years_before(TODAY, 121).isoformat()),
        ("date_of_birth", "31-02-1980"),
        ("date_of_birth", "gisteren"),
        ("first_name", ""),
        ("first_name", "x" * 81),
        ("first_name", "<script>alert(1)</script>"),
        ("last_name", "Jansen<b>"),
        ("last_name", "a\x00b"),
        ("occupation", "Tester\x07"),
        ("phone", "12345"),
        ("phone", "06-1234-5678-9012-3456"),
        ("phone", "06 1234 abcd"),
        ("phone", "(+) - (+)"),
        ("email", "not-an-address"),
        ("language", "de"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_the_rest_is_kept(alice_client, field, value):
    response = alice_client.post(URL, patient_data(**{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    page = response.content.decode()
    kept = "occupation" if field != "occupation" else "email"
    assert f'value="{patient_data()[kept]}"' in page
    assert "<script>alert" not in page
    assert patient_count() == 0


def test_a_date_of_birth_of_today_and_of_119_years_ago_are_fine(alice_client):
    alice_client.post(URL, patient_data(date_of_birth=TODAY.isoformat()))
    old = years_before(TODAY, 119)
    alice_client.post(URL, patient_data(date_of_birth=old.isoformat(), last_name="Oud"))
    assert patient_count() == 2


def test_the_errors_are_in_the_users_language(alice_client, alice):
    alice.language = "en"
    alice.save()
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = alice_client.post(URL, patient_data(date_of_birth=tomorrow.isoformat()))
    assert "The date of birth cannot be in the future." in response.content.decode()

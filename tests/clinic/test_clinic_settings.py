from django.urls import reverse

URL = reverse("clinic_settings")


def form_data(**overrides):
    data = {
        "name": "Praktijk Alpha",
        "address": "",
        "phone": "010",
        "email": "",
        "default_language": "nl",
        "nq_elevated_threshold": 23,
        "idle_timeout_minutes": 30,
        "followup_weeks": 2,
        "remeasure_weeks": 3,
    }
    data.update(overrides)
    return data


def test_a_clinic_admin_can_make_two_factor_mandatory(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(URL, form_data(mfa_required="on"))
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.mfa_required


def test_a_therapist_cannot_change_clinic_settings(alice_client, clinic):
    response = alice_client.post(URL, form_data(mfa_required="on"))
    assert response.status_code == 403
    clinic.refresh_from_db()
    assert not clinic.mfa_required


def test_bad_input_is_shown_next_to_the_field_and_kept(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(URL, form_data(name="Nieuwe naam", nq_elevated_threshold=99))
    assert response.status_code == 200
    assert "nq_elevated_threshold" in response.context["form"].errors
    assert 'value="Nieuwe naam"' in response.content.decode()
    clinic.refresh_from_db()
    assert clinic.name == "Praktijk Alpha"

from django.urls import reverse

from clinic.models import AccessEvent
from tests.conftest import PASSWORD

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
    # The password first; allauth then replays the parked change.
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    clinic.refresh_from_db()
    assert not clinic.mfa_required
    response = client.post(response["Location"], {"password": PASSWORD})
    clinic.refresh_from_db()
    assert clinic.mfa_required
    event = AccessEvent.objects.get(object_type="clinic.clinic", action="change")
    assert "mfa_required: False -> True" in event.detail
    assert event.user == clinic_admin


def test_the_idle_timeout_change_is_logged_with_old_and_new_value(client, clinic_admin, clinic):
    client.post(reverse("account_login"), {"login": clinic_admin.email, "password": PASSWORD})
    response = client.post(URL, form_data(idle_timeout_minutes=15))
    assert response.status_code == 302 and response["Location"] == URL
    clinic.refresh_from_db()
    assert clinic.idle_timeout_minutes == 15
    event = AccessEvent.objects.get(object_type="clinic.clinic")
    assert "idle_timeout_minutes: 30 -> 15" in event.detail


def test_other_details_change_without_re_authentication(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(URL, form_data(phone="020 123"))
    assert response.status_code == 302 and response["Location"] == URL
    assert AccessEvent.objects.get(object_type="clinic.clinic").detail == "settings phone"


def test_a_therapist_cannot_change_clinic_settings(alice_client, clinic):
    response = alice_client.post(URL, form_data(mfa_required="on"))
    assert response.status_code == 403
    clinic.refresh_from_db()
    assert not clinic.mfa_required
    assert AccessEvent.objects.get(outcome="denied").detail.startswith("role")


def test_bad_input_is_shown_next_to_the_field_and_kept(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(URL, form_data(name="Nieuwe naam", nq_elevated_threshold=99))
    assert response.status_code == 200
    assert "nq_elevated_threshold" in response.context["form"].errors
    assert 'value="Nieuwe naam"' in response.content.decode()
    clinic.refresh_from_db()
    assert clinic.name == "Praktijk Alpha"

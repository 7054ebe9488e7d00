import time_machine
from django.urls import reverse

HOME = reverse("home")


def test_a_session_ends_after_the_clinics_idle_time(alice_client):
    with time_machine.travel("2026-11-26 09:00 +0000", tick=False):
        assert alice_client.get(HOME).status_code == 200
    with time_machine.travel("2026-11-26 09:31 +0000", tick=False):
        response = alice_client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in alice_client.session


def test_activity_keeps_the_session_alive(alice_client):
    for minute in (0, 20, 40, 59):
        with time_machine.travel(f"2026-11-26 09:{minute:02d} +0000", tick=False):
            assert alice_client.get(HOME).status_code == 200


def test_the_idle_time_is_a_clinic_setting(alice_client, clinic):
    clinic.idle_timeout_minutes = 10
    clinic.save()
    with time_machine.travel("2026-11-26 09:00 +0000", tick=False):
        alice_client.get(HOME)
    with time_machine.travel("2026-11-26 09:11 +0000", tick=False):
        assert alice_client.get(HOME).status_code == 302


def test_a_session_ends_12_hours_after_sign_in_whatever_the_activity(alice_client):
    for hour in range(0, 12):
        for minute in (0, 25, 50):
            with time_machine.travel(f"2026-11-26 {hour:02d}:{minute:02d} +0000", tick=False):
                assert alice_client.get(HOME).status_code == 200
    with time_machine.travel("2026-11-26 12:01 +0000", tick=False):
        assert alice_client.get(HOME).status_code == 302


def test_sign_out_everywhere_ends_the_other_sessions_too(client, alice, django_user_model):
    from django.test import Client

    other_device = Client()
    other_device.force_login(alice)
    client.force_login(alice)
    client.post(reverse("sign_out_everywhere"))
    assert client.get(HOME).status_code == 302
    assert other_device.get(HOME).status_code == 302


def test_sign_out_everywhere_needs_a_post(alice_client):
    assert alice_client.get(reverse("sign_out_everywhere")).status_code == 405

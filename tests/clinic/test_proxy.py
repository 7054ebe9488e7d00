"""Behind the TLS proxy: the client's own address, for the sign-in limits and the access log
alike (issue 15 point 9). Default: no forwarded header is trusted."""

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import AccessEvent
from tests.conftest import PASSWORD

PROXY = "127.0.0.1"
ATTACKER, COLLEAGUE = "203.0.113.9", "198.51.100.7"


def sign_in(client, login, password, forwarded):
    return client.post(
        reverse("account_login"),
        {"login": login, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def guess_twenty_times(client):
    for number in range(20):
        sign_in(client, f"guess{number}@alpha.test", "wrong-password", ATTACKER)


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_behind_the_proxy_one_person_cannot_lock_out_the_clinic(behind_one_proxy, alice, bob):
    guess_twenty_times(Client())
    colleague = Client()
    sign_in(colleague, bob.email, PASSWORD, COLLEAGUE)
    assert colleague.session["_auth_user_id"] == str(bob.pk)
    blocked = Client()
    sign_in(blocked, bob.email, PASSWORD, ATTACKER)
    assert "_auth_user_id" not in blocked.session


def test_by_default_a_forwarded_header_is_not_trusted(alice, bob):
    guess_twenty_times(Client())
    colleague = Client()
    sign_in(colleague, bob.email, PASSWORD, COLLEAGUE)  # a forged header changes nothing
    assert "_auth_user_id" not in colleague.session


def test_the_access_log_records_the_forwarded_address(behind_one_proxy, alice_client, patient):
    alice_client.get(
        reverse("patients:detail", args=[patient.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {COLLEAGUE}",  # the proxy appends what it saw
    )
    assert AccessEvent.objects.get(patient_id=patient.pk).ip_address == COLLEAGUE


def test_the_access_log_ignores_a_forged_header_by_default(alice_client, patient):
    alice_client.get(
        reverse("patients:detail", args=[patient.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=COLLEAGUE,
    )
    assert AccessEvent.objects.get(patient_id=patient.pk).ip_address == PROXY


def test_a_proxy_header_with_the_client_address_can_be_named(settings, alice_client, patient):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    alice_client.get(
        reverse("patients:detail", args=[patient.pk]), REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=COLLEAGUE
    )
    assert AccessEvent.objects.get(patient_id=patient.pk).ip_address == COLLEAGUE

import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import is_mfa_enabled
from django.urls import reverse

from tests.conftest import PASSWORD


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def mfa_clinic(clinic):
    clinic.mfa_required = True
    clinic.save()
    return clinic


def test_a_user_without_two_factor_is_sent_to_enrol_when_the_clinic_requires_it(
    client, alice, mfa_clinic
):
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_signing_in_leads_straight_to_the_enrolment_page(client, alice, mfa_clinic):
    """Issue 17 point 4: the password just given at sign-in is not asked for again."""
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    response = client.get(reverse("home"), follow=True)
    assert [url for url, _status in response.redirect_chain] == [reverse("mfa_activate_totp")]
    assert "code" in response.context["form"].fields


def test_enrolment_long_after_sign_in_asks_for_the_password(client, alice, mfa_clinic):
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    with time_machine.travel(time.time() + 600):
        response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_user_with_two_factor_reaches_the_app(client, alice, mfa_clinic):
    TOTP.activate(alice, generate_totp_secret())
    client.force_login(alice)
    assert client.get(reverse("home")).status_code == 200


def test_nobody_is_sent_to_enrol_when_the_clinic_does_not_require_it(alice_client):
    assert alice_client.get(reverse("home")).status_code == 200


def test_sign_in_asks_for_the_code_after_the_password(client, alice):
    TOTP.activate(alice, generate_totp_secret())
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_sign_in_completes_with_a_valid_code(client, alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_wrong_code_does_not_sign_in(client, alice):
    TOTP.activate(alice, generate_totp_secret())
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# Re-authentication asks for the second factor of a user who has one (issue 15 point 10) ------


@pytest.fixture
def admin_with_totp(clinic_admin):
    secret = generate_totp_secret()
    TOTP.activate(clinic_admin, secret)
    return clinic_admin, secret


def sign_in_with_code(client, user, secret):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})


def test_the_password_alone_does_not_re_authenticate_a_user_with_two_factor(
    client, admin_with_totp
):
    admin, secret = admin_with_totp
    url = reverse("access_log")
    client.force_login(admin)
    response = client.get(url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == url
    # The password is recent now; the code is still missing.
    assert client.get(url)["Location"].startswith(reverse("mfa_reauthenticate"))
    # At the start of the next 30 s code window, with the clock stopped: the code cannot be made
    # in one window and checked in the next.
    next_window = (int(time.time()) // 30 + 1) * 30
    with time_machine.travel(next_window + 1, tick=False):
        client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})
        assert client.get(url).status_code == 200


def test_a_fresh_sign_in_with_code_needs_no_re_authentication(client, admin_with_totp):
    admin, secret = admin_with_totp
    sign_in_with_code(client, admin, secret)
    assert client.get(reverse("access_log")).status_code == 200
    with time_machine.travel(time.time() + 600):
        response = client.get(reverse("access_log"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_two_factor_pages_need_the_code_too_not_the_password_alone(client, admin_with_totp):
    admin, secret = admin_with_totp
    client.force_login(admin)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert is_mfa_enabled(admin)
    with time_machine.travel(time.time() + 30):
        client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})
        assert client.get(reverse("mfa_deactivate_totp")).status_code == 200

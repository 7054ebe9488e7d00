import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_therapist_signs_in_with_two_factor_switches_language_and_signs_out(
    page, alice, axe_check
):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    page.goto("/")
    assert "/accounts/login/" in page.url
    axe_check(page, "sign-in")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/2fa/authenticate/**")
    axe_check(page, "two-factor code")
    page.get_by_label("Code").fill(current_code(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.url.endswith("/authenticate/")
    assert page.locator("html").get_attribute("lang") == "nl"
    axe_check(page, "start page")
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="NL", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name=str(alice)).click()
    page.get_by_role("button", name="Uitloggen").first.click()
    page.wait_for_url("**/accounts/login/**")


def test_a_wrong_password_shows_the_generic_error(page, alice):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Wachtwoord").fill("wrong-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" in page.url
    expect(page.get_by_role("alert")).to_contain_text("niet correct")
    expect(page.get_by_label("E-mail")).to_have_value(alice.email)

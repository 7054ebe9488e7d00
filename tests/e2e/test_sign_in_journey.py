import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.helpers import nl, press_and_wait, submit, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_therapist_signs_in_with_two_factor_switches_language_and_signs_out(
    page, alice, axe_check
):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    page.goto("/")
    assert "/accounts/login/" in page.url
    axe_check(page, "sign-in")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label(nl("Password")).fill(PASSWORD)
    press_and_wait(page, "Enter")
    assert "/2fa/authenticate/" in page.url
    axe_check(page, "two-factor code")
    page.get_by_label("Code").fill(totp_code(secret))
    press_and_wait(page, "Enter")
    assert not page.url.endswith("/authenticate/")
    assert page.locator("html").get_attribute("lang") == "nl"
    axe_check(page, "start page")
    submit(page, page.get_by_role("button", name="EN", exact=True))
    assert page.locator("html").get_attribute("lang") == "en"
    submit(page, page.get_by_role("button", name="NL", exact=True))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name=str(alice)).click()
    submit(page, page.get_by_role("button", name=nl("Sign out"), exact=True))
    assert "/accounts/login/" in page.url


def test_a_wrong_password_shows_the_generic_error(page, alice, axe_check):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label(nl("Password")).fill("wrong-password")
    press_and_wait(page, "Enter")
    assert "/accounts/login/" in page.url
    expect(page.get_by_role("alert")).to_contain_text(
        nl("The email address and/or password you specified are not correct.")
    )
    expect(page.get_by_label("E-mail")).to_have_value(alice.email)
    axe_check(page, "sign-in with an error")

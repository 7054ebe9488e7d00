import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.urlwalk import iter_routes, placeholder_kwargs

# Pages that must work without a signed-in user: signing in itself, and the health check.
PUBLIC = {
    "healthz",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "mfa_authenticate",
    "account_login_code_confirm",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_reauthenticate",
    "mfa_trust",
    "account_password_reset_from_key_done",
}
ADMIN = re.compile(r"^admin:")


def routes():
    for route in iter_routes():
        if route.name in PUBLIC or ADMIN.match(route.name):
            continue
        try:
            url = reverse(route.name, kwargs=placeholder_kwargs(route))
        except NoReverseMatch:
            continue
        yield pytest.param(url, id=route.name)


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(routes()))
def test_every_page_redirects_anonymous_users_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_admin_sends_anonymous_users_to_the_same_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("account_login"))


def test_the_walk_covers_the_main_pages():
    names = {route.name for route in iter_routes()}
    assert {"home", "clinic_settings", "set_language", "account_change_password"} <= names

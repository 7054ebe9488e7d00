"""Staff cannot add or switch to another e-mail address themselves (issue 15 point 12)."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from clinic.models import Therapist


@pytest.mark.parametrize(
    "data",
    [
        {"action_add": "", "email": "charlie@beta.test"},
        {"action_primary": "", "email": "bob@alpha.test"},
        {"action_add": "", "email": "new@alpha.test"},
    ],
)
def test_staff_cannot_add_or_switch_e_mail_addresses(alice_client, alice, bob, charlie, data):
    url = reverse("account_email")
    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url, data).status_code == 404
    assert Therapist.objects.get(pk=alice.pk).email == "alice@alpha.test"
    assert not EmailAddress.objects.filter(user=alice).exclude(email=alice.email).exists()


def test_the_confirmation_page_is_gone_too(alice_client):
    assert alice_client.get("/accounts/confirm-email/").status_code == 404

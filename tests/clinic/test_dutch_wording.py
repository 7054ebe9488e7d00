"""The Dutch interface speaks the app's Dutch: informal "je", the glossary's terms, menu items
translated in their own context, and allauth's two-factor pages in the same voice."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import translation

from plans.tags import TAG_LABELS, tag_label

FORMAL = re.compile(r"\b(alstublieft|a\.u\.b\.|gelieve|Twee-factor|twee-factor)", re.I)


@pytest.fixture
def dutch(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    with translation.override("nl"):
        yield


def text(response) -> str:
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_the_menu_items_are_dutch(alice_client, dutch):
    page = text(alice_client.get(reverse("home")))
    assert "Afdrukreeks" in page and "Planregels" in page and "Oefeningen" in page
    assert "Print run" not in page and "Plan rules" not in page and "Oefentherapie" not in page


def test_exercise_therapy_as_an_earlier_treatment_keeps_its_own_word():
    from patients.intake.forms import EARLIER_TREATMENT_CHOICES

    with translation.override("nl"):
        assert str(dict(EARLIER_TREATMENT_CHOICES)["exercises"]) == "Oefentherapie"


def test_every_builtin_tag_has_a_dutch_label():
    with translation.override("nl"):
        untranslated = [tag for tag, label in TAG_LABELS.items() if str(label) == tag]
    assert not untranslated


def test_the_library_shows_tag_labels_not_slugs(alice_client, dutch):
    page = alice_client.get(reverse("plans:library")).content.decode()
    assert "rustgevend" in page and "bovenrug" in page
    assert "upper-back" not in re.sub(r'value="[^"]*"', "", page)
    assert '<option value="upper-back">bovenrug</option>' in page


def test_a_clinics_own_tag_shows_as_typed():
    assert tag_label("trampoline") == "trampoline"


def test_the_two_factor_overview_says_tweestapsverificatie(alice_client, dutch):
    page = text(alice_client.get(reverse("mfa_index")))
    assert "Tweestapsverificatie" in page
    assert not FORMAL.search(page), FORMAL.search(page)


def test_the_two_factor_sign_in_step_is_informal(client, alice, dutch):
    from tests.conftest import PASSWORD

    TOTP.activate(alice, generate_totp_secret())
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": PASSWORD}, follow=True
    )
    page = text(response)
    assert "tweestapsverificatie" in page.lower()
    assert not FORMAL.search(page)

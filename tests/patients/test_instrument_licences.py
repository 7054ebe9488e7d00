"""Instrument licence notes are for whoever installs the software: an admin page lists them,
the therapist's intake does not show them."""

import pytest
from django.urls import reverse

from patients import instruments
from tests.patients.intake.helpers import section_url

pytestmark = pytest.mark.usefixtures("english")
URL = reverse("patients:instrument_licences")


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def test_the_admin_sees_every_instrument_with_version_source_and_status(admin_client):
    page = admin_client.get(URL).content.decode()
    for instrument in instruments.all_instruments():
        assert str(instrument.name) in page
        assert instrument.source.split(";")[0] in page
        assert str(instrument.licence_status.label) in page
    assert "Permission status unverified" in page and "Free to use" in page


def test_a_therapist_may_not_see_it(alice_client):
    assert alice_client.get(URL).status_code == 403


def test_the_intake_shows_no_licence_notes(alice_client, episode):
    page = alice_client.get(section_url(episode, "pain")).content.decode()
    assert "Permission status unverified" not in page
    assert str(instruments.get("psk").licence) not in page
    assert "Quebec Back Pain Disability Scale" in page  # the instruments themselves are there


def test_the_admin_menu_links_it(admin_client):
    assert URL in admin_client.get(reverse("home")).content.decode()

"""Browser: register a patient and open an episode, with the mouse and with the keys alone."""

import datetime

import pytest
from playwright.sync_api import expect

from patients.models import Episode, Patient
from tests.e2e import steps
from tests.e2e.helpers import assert_keyboard_reachable, nl, press_and_wait, submit, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_therapist_registers_a_patient_and_opens_an_episode(
    page, alice, sign_in, unscoped, axe_check
):
    sign_in(alice)
    page.goto("/")
    axe_check(page, "start page")

    # A mistake first: the message sits next to its field, the rest stays as typed.
    submit(page, steps.link(page, "New patient").first)
    axe_check(page, "new patient form")
    page.get_by_label(nl("first name")).fill("Sanne")
    page.get_by_label(nl("last name")).fill("Bakker")
    page.get_by_label(nl("date of birth")).fill("1985-04-12")
    page.get_by_label(nl("phone")).fill("bel me")
    submit(page, steps.button(page, "Save"))
    phone = page.get_by_label(nl("phone"))
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(
        page.get_by_text(
            nl("Use at least 6 digits, with spaces, +, - or brackets; at most 20 signs.")
        )
    ).to_be_visible()
    expect(page.get_by_label(nl("last name"))).to_have_value("Bakker")
    axe_check(page, "new patient form with an error")
    assert not Patient.objects.exists()
    phone.fill("06 1234 5678")
    page.get_by_label(nl("occupation")).fill("Accountant")
    submit(page, steps.button(page, "Save"))

    steps.expect_message(page, nl("Patient registered with number %(number)s.", number=1))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanne Bakker")
    axe_check(page, "patient page")
    steps.open_episode(page, title="Lage rugpijn na verhuizing", check=axe_check)

    patient = Patient.objects.get(last_name="Bakker")
    assert (patient.first_name, patient.number, patient.language) == ("Sanne", 1, "nl")
    assert (patient.date_of_birth, patient.phone) == (datetime.date(1985, 4, 12), "06 1234 5678")
    episode = Episode.objects.get(patient=patient)
    assert (episode.referral, episode.therapist, episode.visits.count()) == ("gp", alice, 1)
    axe_check(page, "episode page")


def test_the_patient_form_is_completed_with_the_keyboard_alone(page, alice, sign_in, unscoped):
    sign_in(alice)
    page.goto("/patients/new/")
    form = page.locator("main form")
    assert_keyboard_reachable(page, form)

    tab_to(page, page.get_by_label(nl("first name")))
    page.keyboard.type("Karel")
    page.keyboard.press("Tab")
    page.keyboard.type("de Vries")
    page.keyboard.press("Tab")
    expect(page.get_by_label(nl("date of birth"))).to_be_focused()
    # Day and month alike: headless Chromium orders the segments as en-US whatever the locale.
    page.keyboard.type("12121972")
    tab_to(page, page.get_by_label(nl("preferred language")))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("06 1234 5678")
    tab_to(page, page.get_by_label(nl("occupation")))
    page.keyboard.type("Docent")
    press_and_wait(page, "Enter")

    patient = Patient.objects.get(last_name="de Vries")
    assert patient.date_of_birth == datetime.date(1972, 12, 12)
    assert (patient.language, patient.phone, patient.occupation) == ("en", "06 1234 5678", "Docent")

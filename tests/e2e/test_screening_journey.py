"""Browser: the breathing screening: the NQ grid by keyboard, the tablet self-entry and its
lock, the observed breathing and the findings page."""

import pytest
from playwright.sync_api import expect

from patients.models import BreathingObservation, InstrumentResponse
from tests.conftest import PASSWORD
from tests.e2e import arrange, steps
from tests.e2e.helpers import assert_keyboard_reachable, nl, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NQ_ANSWERS = {f"q{n}": n % 5 for n in range(1, 17)}  # 1, 2, 3, 4, 0, 1, ...: total 31


def test_the_nq_grid_is_completed_with_the_keys_alone(
    page, alice, intake_visit, sign_in, unscoped, axe_check
):
    sign_in(alice)
    page.goto(f"/patients/visits/{intake_visit.pk}/screening/")
    axe_check(page, "breathing screening, nothing entered")
    submit(page, steps.link(page, "Enter the NQ"))
    axe_check(page, "NQ grid")
    assert_keyboard_reachable(page, page.locator("main form"))
    steps.type_nq_with_keys(page, NQ_ANSWERS)

    assert page.url.endswith(f"/visits/{intake_visit.pk}/screening/")
    expect(page.get_by_role("region", name=nl("Nijmegen Questionnaire (NQ)"))).to_contain_text(
        nl("Total %(total)s of 64", total=31)
    )
    response = InstrumentResponse.objects.get(visit=intake_visit, instrument="nq")
    assert (response.answers, response.valid, response.self_entered) == (NQ_ANSWERS, True, False)


def test_the_tablet_is_locked_to_the_questionnaire_until_the_therapist_unlocks_it(
    page, alice, make_patient, make_episode, clinic, sign_in, unscoped, axe_check
):
    patient = make_patient(clinic, first_name="Emma", last_name="Clark", language="en")
    visit = arrange.intake_visit(make_episode(patient, alice))
    sign_in(alice)
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, upright
    page.goto(f"/patients/visits/{visit.pk}/screening/")
    submit(page, steps.button(page, "Let the patient fill it in on this tablet"))

    # The patient's page: in the patient's language, nothing of the record, no way out.
    questionnaire = page.url
    assert questionnaire.endswith("/patients/self-entry/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions about your breathing")
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_text("Clark")).to_have_count(0)
    axe_check(page, "self-entry questionnaire")
    for elsewhere in (
        "/patients/",
        "/accounts/logout/",
        f"/patients/visits/{visit.pk}/screening/",
        "/",
    ):
        page.goto(elsewhere)
        assert page.url == questionnaire, elsewhere
    page.request.post("/accounts/logout/")  # a sign-out posted from elsewhere: still locked
    page.goto("/patients/")
    assert page.url == questionnaire

    # A wrong password does not unlock, and says how many tries are left.
    steps.unlock_selfentry(page, "not-the-password", language="en")
    expect(page.get_by_text("That password is not correct.")).to_be_visible()
    expect(page.get_by_text("Wrong passwords so far: 1 of 5.", exact=False)).to_be_visible()
    axe_check(page, "self-entry unlock with a wrong password")
    submit(page, page.get_by_role("link", name="Back to the questions"))

    # Sent without answers: the page says what to check, in the patient's language.
    submit(page, page.get_by_role("button", name="Send my answers"))
    expect(page.get_by_role("alert")).to_contain_text("Please check 16 questions.")
    axe_check(page, "self-entry questionnaire with errors")
    steps.answer_selfentry(page, NQ_ANSWERS, language="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    axe_check(page, "self-entry thank-you page")
    page.goto("/patients/")
    assert page.url.endswith("/patients/self-entry/done/")

    steps.unlock_selfentry(page, PASSWORD, language="en")
    assert page.url.endswith(f"/visits/{visit.pk}/screening/")
    expect(page.get_by_text(nl("Entered by the patient."))).to_be_visible()
    response = InstrumentResponse.objects.get(visit=visit, instrument="nq")
    assert (response.answers, response.self_entered, response.total) == (NQ_ANSWERS, True, 31)
    page.goto("/patients/")
    assert page.url.endswith("/patients/")


def test_the_observed_breathing_is_recorded_and_shows_on_the_findings(
    page, alice, episode, sign_in, unscoped, axe_check
):
    arrange.complete_intake(episode, alice)
    visit = arrange.intake_visit(episode)
    sign_in(alice)
    page.goto(f"/patients/visits/{visit.pk}/screening/")
    submit(page, steps.link(page, "Record the observation"))
    axe_check(page, "observed breathing")
    assert_keyboard_reachable(page, page.locator("main form"))
    steps.fill_observation(page)
    submit(page, steps.button(page, "Save"))

    steps.expect_message(page, nl("Breathing observation saved."))
    observed = page.get_by_role("region", name=nl("Observed breathing"))
    expect(observed).to_contain_text("19")
    saved = BreathingObservation.objects.get(visit=visit)
    assert (saved.hilo_sitting, saved.rate, saved.sighs, saved.route) == (
        "upper_chest",
        19,
        True,
        "mixed",
    )

    submit(page, steps.link(page, "Back to the episode"))
    submit(page, steps.link(page, "Findings").first)
    axe_check(page, "findings")
    findings = page.get_by_role("region", name=nl("Breathing findings"))
    expect(findings.get_by_role("listitem").first).to_be_visible()
    expect(page.get_by_role("region", name=nl("Scores"))).to_contain_text(
        nl("Numeric Pain Rating Scale (NPRS)")
    )

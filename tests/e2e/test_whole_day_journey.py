"""Browser: a therapist's whole day in order.

Sign in with two-factor, register a patient, the intake (left halfway and taken up again), the
red-flag path, the Nijmegen on the locked tablet, the observed breathing, the findings, the home
plan (generate, edit, issue, PDF), three weeks later a follow-up with the calendar and
re-measurements, the progress page, the dashboard, English and back, sign out.

The stage tests (test_*_journey.py) cover each stage on its own, from data arranged in the
database, so one broken stage does not hide the others; this test shows the stages fit.
Each page state is checked with axe-core once: the stage journeys check the pages they share with
this one, and this journey checks only the states no stage reaches (the red flags awaiting a
decision, the screening complete with the patient's own answers, the dashboard in English).
"""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from patients.models import Episode, InstrumentResponse, Patient, RedFlagScreen, Visit
from plans.models import HomePlan
from tests.conftest import PASSWORD
from tests.e2e import arrange, steps
from tests.e2e.helpers import nl, press_and_wait, submit, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PATIENT = "Sanne Bakker"
NQ_BY_PATIENT = {f"q{n}": 2 + n % 2 for n in range(1, 17)}  # 2, 3, 2, 3 ...: total 40
NQ_AT_FOLLOW_UP = {f"q{n}": 1 for n in range(1, 17)}


def test_a_therapists_whole_day(page, alice, unscoped, exercise_library, axe_check):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    nav = page.get_by_role("navigation", name=nl("Main navigation"))

    # Sign in with two-factor -------------------------------------------------------------
    page.goto("/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label(nl("Password")).fill(PASSWORD)
    press_and_wait(page, "Enter")
    page.get_by_label("Code").fill(totp_code(secret))
    press_and_wait(page, "Enter")

    # Register a patient and open an episode ----------------------------------------------
    steps.register_patient(
        page,
        first_name="Sanne",
        last_name="Bakker",
        born=datetime.date(1984, 3, 12),
        occupation="Accountant",
    )
    steps.open_episode(page, title="Lage rugpijn")
    episode = Episode.objects.get(patient__last_name="Bakker")

    # The intake, left halfway ------------------------------------------------------------
    submit(page, steps.link(page, "Intake").first)
    submit(page, page.get_by_role("link", name=nl("Continue: %(section)s", section="")))
    steps.fill_history(page, onset=steps.weeks_ago(3))
    steps.save_and_continue(page)
    steps.fill_nprs(page, 6)
    steps.fill_psk(page)
    submit(page, steps.button(page, "Save as draft"))
    steps.expect_message(page, nl("Pain and function"))

    # ... the patient had to go; later the therapist finds the episode on the start page.
    submit(page, nav.get_by_role("link", name=nl("Home")))
    submit(page, page.get_by_role("link", name="Lage rugpijn"))
    submit(page, steps.link(page, "Intake").first)
    expect(page.get_by_role("status")).to_contain_text(nl("Quebec Back Pain Disability Scale"))
    submit(page, page.get_by_role("link", name=nl("Continue: %(section)s", section="")))
    expect(page.get_by_label(nl("Average pain over the last 24 hours"))).to_have_value("6")
    steps.type_grid_with_keys(page, steps.QBPDS, steps.QBPDS_ANSWERS)
    steps.save_and_continue(page)

    # The red-flag path: blocked, decided, allowed ----------------------------------------
    steps.fill_redflags(page, weight_loss="unsure")
    steps.save_and_continue(page)
    axe_check(page, "intake: red flags awaiting a decision")
    submit(page, page.get_by_role("link", name="Lage rugpijn").first)
    submit(page, steps.link(page, "Home plans"))
    expect(page.get_by_role("alert").get_by_role("heading")).to_have_text(
        nl("No plan can be drafted or issued now")
    )
    page.go_back()
    submit(page, steps.link(page, "Intake").first)
    submit(page, page.get_by_role("link", name=nl("Red flags")).first)
    steps.record_redflag_decision(page, "GP contacted and cleared", "Huisarts akkoord.")
    assert RedFlagScreen.objects.get(episode=episode).decision == "gp_cleared"

    steps.fill_psychosocial(page)
    steps.save_and_continue(page)
    steps.fill_work(page)
    steps.save_and_continue(page)
    steps.fill_movement(page)
    steps.save_and_continue(page)
    steps.fill_diagnosis(page)
    submit(page, steps.button(page, "Save and show findings"))
    # The status names the next step and offers it as a button beside the sentence.
    expect(page.get_by_role("status")).to_contain_text(
        nl("The intake is complete: a plan can be generated.")
    )

    # The Nijmegen on the tablet, locked; the observed breathing ---------------------------
    submit(page, page.get_by_role("link", name=nl("Start the breathing screening")))
    submit(page, steps.button(page, "Let the patient fill it in on this tablet"))
    for elsewhere in ("/patients/", "/accounts/logout/", f"/patients/episodes/{episode.pk}/"):
        page.goto(elsewhere)
        assert page.url.endswith("/patients/self-entry/"), elsewhere
    steps.answer_selfentry(page, NQ_BY_PATIENT)
    steps.unlock_selfentry(page, PASSWORD)
    expect(page.get_by_text(nl("Entered by the patient."))).to_be_visible()
    submit(page, steps.link(page, "Record the observation"))
    steps.fill_observation(page)
    submit(page, steps.button(page, "Save"))
    axe_check(page, "breathing screening, complete")

    # The findings ------------------------------------------------------------------------
    submit(page, steps.link(page, "Back to the episode"))
    submit(page, steps.link(page, "Findings").first)
    expect(
        page.get_by_role("region", name=nl("Breathing findings")).get_by_role("listitem").first
    ).to_be_visible()

    # The home plan -----------------------------------------------------------------------
    submit(page, page.get_by_role("link", name="Lage rugpijn").first)
    submit(page, steps.link(page, "Home plans"))
    name = steps.generate_edit_and_issue(page, language="nl")
    steps.assert_plan_pdf(
        steps.download_pdf(page),
        patient_name=PATIENT,
        exercises=(name["cat-camel"], name["slow-paced-breathing"], name["daily-walk"]),
        language="nl",
    )

    # Three weeks later: a follow-up, with the calendar and measured again -----------------
    arrange.time_passes(episode, days=21)
    submit(page, page.get_by_role("link", name="Lage rugpijn").first)
    submit(page, steps.link(page, "Record a follow-up"))
    steps.fill_followup(page)
    submit(page, steps.button(page, "Save the follow-up"))
    submit(page, steps.link(page, "Breathing screening (NQ and observation)"))
    submit(page, steps.link(page, "Enter the NQ"))
    steps.type_nq_with_keys(page, NQ_AT_FOLLOW_UP)
    follow_up = Visit.objects.get(episode=episode, kind=Visit.Kind.FOLLOW_UP)
    measured = {r.instrument: r.total for r in InstrumentResponse.objects.filter(visit=follow_up)}
    assert (measured["nprs"], measured["nq"]) == (3, 16)

    # Progress and the dashboard ----------------------------------------------------------
    submit(page, steps.link(page, "Back to the episode"))
    submit(page, steps.link(page, "Progress"))
    steps.expect_progress(page, nprs=("6", "3"))
    submit(page, nav.get_by_role("link", name=nl("Dashboard")))
    steps.expect_dashboard(page, open_episodes=1)

    # English and back, sign out ----------------------------------------------------------
    with page.expect_navigation():
        page.get_by_role("button", name="EN", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    axe_check(page, "dashboard in English")
    with page.expect_navigation():
        page.get_by_role("button", name="NL", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My caseload"))
    page.get_by_role("button", name=str(alice)).click()
    submit(page, page.get_by_role("button", name=nl("Sign out"), exact=True))
    assert "/accounts/login/" in page.url
    page.goto(f"/patients/episodes/{episode.pk}/progress/")
    assert "/accounts/login/" in page.url

    patient = Patient.objects.get(pk=episode.patient_id)
    assert patient.full_name == PATIENT
    assert HomePlan.objects.get(episode=episode).status == "issued"

"""Browser: a red flag blocks the plan until the therapist records a decision."""

import pytest
from playwright.sync_api import expect

from patients.intake import sections as intake
from patients.models import RedFlagScreen
from tests.e2e import arrange, steps
from tests.e2e.helpers import nl, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_red_flag_blocks_the_plan_until_a_decision_is_recorded(
    page, alice, episode, sign_in, unscoped, exercise_library, axe_check
):
    arrange.history(episode, alice)
    arrange.save_section(episode, intake.PAIN, alice, questionnaires=arrange.pain_entries())
    sign_in(alice)
    page.goto(f"/patients/episodes/{episode.pk}/intake/redflags/")
    steps.fill_redflags(page, night_pain="yes")
    steps.save_and_continue(page)

    # The screen stays on the red flags: the level, the reason and the decision it asks for.
    assert page.url.endswith("/intake/redflags/")
    level = page.get_by_role("region", name=nl("Red-flag level: %(label)s", label=""))
    expect(level).to_contain_text(nl("Prompt (within days)"))
    expect(level).to_contain_text(nl("Persistent night pain, not eased by changing position?"))
    expect(level).to_contain_text(nl("No plan can be generated until you record a decision."))

    # Meanwhile no plan: the plans page says why and offers no button to draft one.
    page.goto(f"/plans/episodes/{episode.pk}/")
    blocked = page.get_by_role("alert")
    expect(blocked.get_by_role("heading")).to_have_text(nl("No plan can be drafted or issued now"))
    expect(steps.button(page, "Generate a plan from the findings")).to_have_count(0)
    axe_check(page, "plans page, blocked by a red flag")

    # Continuing without written reasoning is refused, next to the field, nothing lost.
    page.goto(f"/patients/episodes/{episode.pk}/intake/redflags/")
    steps.record_redflag_decision(page, "Continue, with written reasoning")
    expect(page.get_by_text(nl("Write down why you continue."))).to_be_visible()
    axe_check(page, "red-flag decision with an error")
    assert RedFlagScreen.objects.get(episode=episode).decision == ""

    steps.record_redflag_decision(
        page, "GP contacted and cleared", "Huisarts gebeld: geen aanwijzingen."
    )
    assert page.url.endswith("/intake/psychosocial/")
    steps.expect_message(page, nl("Decision recorded."))
    screen = RedFlagScreen.objects.get(episode=episode)
    assert (screen.decision, screen.decided_by) == ("gp_cleared", alice)

    # With the rest of the intake done, the plan can be drafted.
    arrange.complete_intake(episode, alice, flags={"night_pain": "yes"}, decision="gp_cleared")
    page.goto(f"/plans/episodes/{episode.pk}/")
    submit(page, steps.button(page, "Generate a plan from the findings"))
    assert "/edit/" in page.url
    steps.expect_message(page, nl("Draft version %(version)s is ready.", version=1))

"""Browser: the intake in sections, left halfway and taken up again; a section by keyboard."""

import pytest
from playwright.sync_api import expect

from patients.intake import sections as intake
from patients.models import InstrumentResponse, WorkLifestyle
from tests.e2e import arrange, steps
from tests.e2e.helpers import assert_keyboard_reachable, nl, press_and_wait, submit, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_section_is_filled_in_with_a_break_halfway(
    page, alice, episode, sign_in, unscoped, axe_check
):
    def arrive(label):
        """Check a section's page: axe-core, and every field reachable with Tab."""
        axe_check(page, label)
        assert_keyboard_reachable(page, page.locator("form.rg-section"))

    sign_in(alice)
    page.goto(f"/patients/episodes/{episode.pk}/")
    submit(page, steps.link(page, "Intake").first)
    axe_check(page, "intake overview")
    submit(page, page.get_by_role("link", name=nl("Continue: %(section)s", section="")))
    arrive("history")
    steps.fill_history(page, onset=steps.weeks_ago(3))
    steps.save_and_continue(page)

    # Halfway through the questionnaires the patient has to go: keep what is there as a draft.
    arrive("pain and function")
    steps.fill_nprs(page, 6)
    submit(page, steps.button(page, "Save as draft"))
    expect(page.get_by_role("link", name=nl("Pain and function"))).to_contain_text(nl("Incomplete"))
    submit(
        page,
        page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
            "link", name=nl("Patients")
        ),
    )
    axe_check(page, "patient list")
    submit(page, page.get_by_role("link", name="Jansen, Anna"))
    submit(page, steps.link(page, "Intake").first)
    expect(page.get_by_role("status")).to_contain_text(
        nl(
            "%(section)s: %(instrument)s is not complete.",
            section=nl("Pain and function"),
            instrument=nl("Patient-Specific Complaints (PSK)"),
        )
    )

    # Back later: the intake continues where it stopped, with the answer given before.
    continue_link = page.get_by_role(
        "link", name=nl("Continue: %(section)s", section=nl("Pain and function"))
    )
    submit(page, continue_link)
    expect(page.get_by_label(nl("Average pain over the last 24 hours"))).to_have_value("6")
    steps.fill_psk(page)
    steps.fill_grid(page, steps.QBPDS, steps.QBPDS_ANSWERS)
    steps.save_and_continue(page)
    arrive("red flags")
    steps.fill_redflags(page)
    steps.save_and_continue(page)
    arrive("psychosocial")
    steps.fill_psychosocial(page)
    steps.save_and_continue(page)
    arrive("work and lifestyle")
    steps.fill_work(page)
    steps.save_and_continue(page)
    arrive("movement and posture")
    steps.fill_movement(page)
    steps.save_and_continue(page)
    arrive("diagnosis and goals")
    steps.fill_diagnosis(page)
    submit(page, steps.button(page, "Save and show findings"))
    axe_check(page, "findings")

    assert page.url.endswith(f"/episodes/{episode.pk}/findings/")
    # The status names the next step and offers it as a button beside the sentence.
    expect(page.get_by_role("status")).to_contain_text(
        nl("The intake is complete: a plan can be generated.")
    )
    status = intake.intake_status(episode)
    assert status.complete and status.plan_allowed
    scores = {r.instrument: (r.valid, r.total) for r in InstrumentResponse.objects.all()}
    assert scores["nprs"] == (True, 6)
    assert scores["psk"] == (True, 6)  # the mean of 7 and 5
    assert scores["qbpds"][0] and scores["sbst"][0]


def test_a_section_and_its_questionnaire_are_completed_with_the_keys_alone(
    page, alice, episode, sign_in, unscoped
):
    arrange.history(episode, alice)
    sign_in(alice)
    page.goto(f"/patients/episodes/{episode.pk}/intake/psychosocial/")
    assert_keyboard_reachable(page, page.locator("form.rg-section"))

    # STarT Back: on a question, the answer's digit chooses it and moves to the next question.
    first = steps.grid_cell(page, steps.SBST.items[0].topic, steps.SBST.items[0].options[0].label)
    tab_to(page, first)
    page.keyboard.type("10101010")
    page.keyboard.press("Tab")  # to the last question, which has its own answers
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    expect(page.get_by_label(nl("stress (0-10)"))).to_be_focused()
    page.keyboard.type("7")
    page.keyboard.press("Tab")  # fear of movement: none chosen yet, the first has the focus
    page.keyboard.press("ArrowRight")  # the arrow keys choose within the group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type("Bang om te tillen")
    tab_to(page, steps.button(page, "Save and continue"))
    press_and_wait(page, "Enter")

    assert page.url.endswith("/intake/work/")
    sbst = InstrumentResponse.objects.get(instrument="sbst")
    assert sbst.valid and sbst.answers == {**{f"q{n}": (n % 2) for n in range(1, 9)}, "q9": 2}
    row = episode.psychosocial
    assert (row.stress, row.fear_of_movement, row.notes) == (7, "strong", "Bang om te tillen")

    # Work and lifestyle, also with the keys alone: Space ticks, the arrows choose.
    tab_to(page, page.get_by_label(nl("desk hours per day")))
    page.keyboard.type("6.5")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # breaks: "rarely", the first answer
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # physically heavy work
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # some activity
    page.keyboard.press("Tab")
    page.keyboard.type("Fietsen")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # sleep quality: fair
    page.keyboard.press("Tab")
    expect(steps.button(page, "Save and continue")).to_be_focused()
    press_and_wait(page, "Space")

    work = WorkLifestyle.objects.get(episode=episode)
    assert (str(work.desk_hours), work.breaks, work.heavy_work) == ("6.5", "rarely", True)
    assert (work.activity, work.sport, work.sleep_quality) == ("moderate", "Fietsen", "fair")

"""Browser: a follow-up with the returned calendar and re-measurements, the progress page with
its charts, and the dashboard."""

import pytest
from playwright.sync_api import expect

from patients.models import AdherenceEntry, InstrumentResponse, Visit, WeeklyPain
from tests.e2e import arrange, steps
from tests.e2e.helpers import assert_keyboard_reachable, nl, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def treated_episode(make_episode, patient, alice, unscoped, exercise_library):
    """An episode opened three weeks ago, its plan issued at the intake."""
    episode = make_episode(patient, alice, opened_on=steps.weeks_ago(3))
    arrange.ready_for_a_plan(episode, alice)
    arrange.issued_plan_on(episode, alice, episode.opened_on)
    return episode


def test_a_follow_up_records_adherence_and_measurements_and_shows_on_the_progress_page(
    page, alice, treated_episode, sign_in, unscoped, axe_check
):
    episode = treated_episode
    sign_in(alice)
    page.goto(f"/patients/episodes/{episode.pk}/")
    submit(page, steps.link(page, "Record a follow-up"))
    axe_check(page, "new follow-up")
    assert_keyboard_reachable(page, page.locator("main form"))
    steps.fill_followup(page)
    submit(page, steps.button(page, "Save the follow-up"))
    steps.expect_message(page, nl("Follow-up saved."))
    axe_check(page, "saved follow-up")

    visit = Visit.objects.get(episode=episode, kind=Visit.Kind.FOLLOW_UP)
    entries = list(AdherenceEntry.objects.select_related("item__exercise"))
    assert {(e.item.exercise.code, e.week): e.days_done for e in entries} == {
        (code, week): done
        for week, days in steps.CALENDAR_DAYS.items()
        for code, done in days.items()
    }
    assert {p.week: p.score for p in WeeklyPain.objects.all()} == steps.CALENDAR_PAIN
    again = {r.instrument: r.total for r in InstrumentResponse.objects.filter(visit=visit)}
    assert (again["nprs"], again["psk"], again["qbpds"]) == (3, 3, 20)  # PSK: mean of 4 and 2

    submit(page, page.get_by_role("link", name=nl("Progress"), exact=True))
    steps.expect_progress(page, nprs=("6", "3"))
    planned = sum(e.days_planned for e in entries)
    share = sum(min(e.days_done, e.days_planned) for e in entries) / planned
    expect(page.get_by_role("region", name=nl("Adherence per week"))).to_contain_text(
        nl("Overall %(percent)s%% of the planned days done.", percent=round(share * 100))
    )
    axe_check(page, "progress")
    nav = page.get_by_role("navigation", name=nl("Main navigation"))
    submit(page, nav.get_by_role("link", name=nl("Dashboard")))
    steps.expect_dashboard(page, open_episodes=1)
    axe_check(page, "dashboard")

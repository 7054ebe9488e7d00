"""The follow-up page: the calendar grid as printed, re-measurement, notes, revising the plan."""

import datetime

import pytest
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import AdherenceEntry, CalendarReturn, InstrumentResponse, Visit
from plans.models import HomePlan
from tests.patients.progress.helpers import (
    add_visit,
    close,
    intake_of,
    issued_plan,
    plan_items,
    record_calendar,
    respond,
    url,
)
from tests.querybudget import SEAL

D = datetime.date
pytestmark = pytest.mark.usefixtures("alice_in_english")
NOW = datetime.datetime(2026, 11, 16, 12, 0)


@pytest.fixture
def plan(episode, unscoped):
    return issued_plan(episode)


@pytest.fixture
def items(plan):
    return plan_items(plan)


def form_data(**extra):
    return {"date": "2026-11-16", "notes": "", **extra}


def followups():
    with scopes_disabled():
        return Visit.objects.filter(kind=Visit.Kind.FOLLOW_UP)


def test_the_grid_mirrors_the_printed_calendar(alice_client, episode, items):
    content = alice_client.get(url("followup_new", episode)).content.decode()
    for phase in ("Phase 1", "Phase 2", "Phase 3"):
        assert phase in content
    assert "Exercise 1" in content and "Week 6" in content
    assert f'name="cal-days_{items[0].pk}_1"' in content
    assert f'name="cal-days_{items[0].pk}_3"' not in content  # a phase 1 exercise: weeks 1-2
    assert 'name="cal-pain_1"' in content


def test_without_an_issued_plan_there_is_no_calendar(alice_client, episode):
    content = alice_client.get(url("followup_new", episode)).content.decode()
    assert "there is no calendar to enter" in content


def test_a_plan_issued_the_same_day_is_named_with_the_day_it_applies_from(
    alice_client, episode, unscoped
):
    issued_plan(episode, on=D(2026, 11, 16), version=1)
    content = alice_client.get(url("followup_new", episode)).content.decode()
    assert "Home plan version 1 applies from 16-11-2026, the day of this visit." in content
    assert "No home plan was issued before this visit" not in content


def test_a_valid_follow_up_is_saved_and_opens_as_its_own_page(alice_client, episode, items):
    data = form_data(
        notes="Doet de oefeningen",
        **{f"cal-days_{items[0].pk}_1": "6", f"cal-days_{items[1].pk}_2": "3", "cal-pain_1": "5"},
        **{"nprs-q1": "4"},
    )
    response = alice_client.post(url("followup_new", episode), data)
    visit = followups().get()
    assert response.status_code == 302 and response["Location"] == url("followup_edit", visit)
    assert AdherenceEntry.objects.filter(calendar__visit=visit).count() == 2
    assert InstrumentResponse.objects.get(visit=visit).total == 4
    assert AccessEvent.objects.filter(action=AccessEvent.Action.CREATE).exists()


def test_days_out_of_range_are_shown_next_to_the_cell_and_nothing_is_saved(
    alice_client, episode, items
):
    name = f"cal-days_{items[0].pk}_1"
    data = form_data(notes="Bewaar dit", **{name: "8", "cal-pain_1": "4", "nprs-q1": "3"})
    content = alice_client.post(url("followup_new", episode), data).content.decode()
    assert f'id="id_{name}_error"' in content
    assert "Days done: a whole number from 0 to 7." in content
    assert 'value="8"' in content and "Bewaar dit" in content  # everything typed is kept
    assert not followups().exists()


def test_a_week_that_starts_after_the_visit_is_refused(alice_client, episode, items):
    name = f"cal-days_{items[2].pk}_3"  # week 3 starts on 16 Nov... week 4 on 23 Nov
    later = f"cal-days_{items[2].pk}_4"
    content = alice_client.post(url("followup_new", episode), form_data(**{later: "2"}))
    assert "after this visit" in content.content.decode()
    assert not followups().exists()
    assert (
        alice_client.post(url("followup_new", episode), form_data(**{name: "2"})).status_code == 302
    )


def test_a_calendar_left_at_home_ignores_the_typed_days(alice_client, episode, items):
    data = form_data(**{"cal-not_brought_back": "on", f"cal-days_{items[0].pk}_1": "5"})
    alice_client.post(url("followup_new", episode), data)
    calendar = CalendarReturn.objects.get()
    assert not calendar.brought_back and not calendar.entries.exists()


def test_weeks_entered_at_an_earlier_visit_are_shown_not_editable(alice_client, episode, items):
    earlier = add_visit(episode, D(2026, 11, 9))
    record_calendar(earlier, items[0].plan, days=[(items[0], 1, 7)])
    content = alice_client.get(url("followup_new", episode)).content.decode()
    assert f'name="cal-days_{items[0].pk}_1"' not in content
    assert "entered 09-11" in content


def test_the_psk_rates_the_activities_named_at_the_intake(alice_client, episode):
    respond(
        intake_of(episode),
        "psk",
        answers={"q1": 7, "q2": 5},
        labels={"q1": "Fietsen", "q2": "Tillen"},
    )
    content = alice_client.get(url("followup_new", episode)).content.decode()
    assert 'value="Fietsen"' in content and 'value="Tillen"' in content
    assert 'name="psk-q3"' not in content
    data = form_data(**{"psk-q1": "4", "psk-q2": "3", "psk-activity1": "Iets anders"})
    alice_client.post(url("followup_new", episode), data)
    stored = InstrumentResponse.objects.get(visit__kind=Visit.Kind.FOLLOW_UP, instrument="psk")
    assert stored.labels == {"q1": "Fietsen", "q2": "Tillen"} and stored.total == 3.5


def test_every_named_activity_needs_a_rating(alice_client, episode):
    respond(
        intake_of(episode),
        "psk",
        answers={"q1": 7, "q2": 5},
        labels={"q1": "Fietsen", "q2": "Tillen"},
    )
    response = alice_client.post(url("followup_new", episode), form_data(**{"psk-q1": "4"}))
    assert "Rate this activity from 0 to 10." in response.content.decode()
    assert not followups().exists()


def test_a_questionnaire_is_answered_in_full_or_left_empty(alice_client, episode):
    response = alice_client.post(url("followup_new", episode), form_data(**{"qbpds-q1": "2"}))
    assert "please answer" in response.content.decode()
    assert not followups().exists()


def test_start_back_is_asked_when_it_is_due(alice_client, episode, unscoped):
    assert 'name="sbst-q1"' in alice_client.get(url("followup_new", episode)).content.decode()
    respond(intake_of(episode), "sbst", answers={**{f"q{n}": 0 for n in range(1, 9)}, "q9": 0})
    content = alice_client.get(url("followup_new", episode)).content.decode()
    assert 'name="sbst-q1"' not in content and "?sbst=1" in content
    asked = alice_client.get(url("followup_new", episode) + "?sbst=1").content.decode()
    assert 'name="sbst-q1"' in asked


def test_a_saved_follow_up_can_be_corrected(alice_client, episode, items):
    visit = add_visit(episode, D(2026, 11, 16))
    record_calendar(visit, items[0].plan, days=[(items[0], 1, 7)])
    content = alice_client.get(url("followup_edit", visit)).content.decode()
    assert 'value="7"' in content and url("screening", visit) in content
    data = form_data(notes="Gecorrigeerd", **{f"cal-days_{items[0].pk}_1": "5"})
    assert alice_client.post(url("followup_edit", visit), data).status_code == 302
    assert AdherenceEntry.objects.get().days_done == 5
    assert Visit.objects.get(pk=visit.pk).notes == "Gecorrigeerd"


def test_only_follow_up_visits_have_a_follow_up_page(alice_client, episode):
    assert alice_client.get(url("followup_edit", intake_of(episode))).status_code == 404


def test_a_closed_episode_sends_the_therapist_to_its_progress(alice_client, episode, unscoped):
    close(episode, D(2026, 11, 10))
    response = alice_client.get(url("followup_new", episode))
    assert response["Location"] == url("progress", episode)


def test_revise_the_plan_from_the_visit(alice_client, episode, plan, monkeypatch):
    from patients.intake import sections as intake

    monkeypatch.setattr(intake, "plan_allowed", lambda episode: (True, ""))
    visit = add_visit(episode, D(2026, 11, 16))
    response = alice_client.post(url("followup_plan_revise", visit))
    with scopes_disabled():
        draft = HomePlan.objects.get(status=HomePlan.Status.DRAFT)
    assert response["Location"] == f"/plans/{draft.pk}/edit/"
    assert draft.previous == plan


def test_an_open_draft_is_opened_rather_than_replaced(alice_client, episode, plan, monkeypatch):
    from patients.intake import sections as intake

    monkeypatch.setattr(intake, "plan_allowed", lambda episode: (True, ""))
    visit = add_visit(episode, D(2026, 11, 16))
    alice_client.post(url("followup_plan_revise", visit))
    response = alice_client.post(url("followup_plan_revise", visit))
    with scopes_disabled():
        assert HomePlan.objects.filter(status=HomePlan.Status.DRAFT).count() == 1
    assert response.status_code == 302 and "/edit/" in response["Location"]


def test_it_returns_404_for_other_clinic(charlie_client, episode, items):
    visit = add_visit(episode, D(2026, 11, 16))
    data = form_data(**{f"cal-days_{items[0].pk}_1": "6"})
    assert charlie_client.get(url("followup_new", episode)).status_code == 404
    assert charlie_client.post(url("followup_new", episode), data).status_code == 404
    assert charlie_client.post(url("followup_edit", visit), data).status_code == 404
    assert charlie_client.post(url("followup_plan_revise", visit)).status_code == 404
    assert followups().count() == 1 and not AdherenceEntry.objects.exists()
    with scopes_disabled():
        assert not HomePlan.objects.filter(status=HomePlan.Status.DRAFT).exists()


def test_the_page_costs_a_fixed_number_of_queries(
    alice_client, episode, items, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16 + SEAL):
        alice_client.get(url("followup_new", episode))


def test_a_plan_that_cannot_be_revised_sends_the_therapist_back_to_the_progress(
    alice_client, episode, plan
):
    visit = add_visit(episode, D(2026, 11, 16))
    response = alice_client.post(url("followup_plan_revise", visit))  # red flags not screened
    assert response["Location"] == url("progress", episode)
    with scopes_disabled():
        assert not HomePlan.objects.filter(status=HomePlan.Status.DRAFT).exists()

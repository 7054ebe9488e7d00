"""The findings page of an episode: scores with bands and change, red flags, what is missing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.models import AccessEvent
from patients import instruments
from patients.models import Episode, InstrumentResponse, Visit
from tests.patients.intake.helpers import (
    days_ago,
    fill,
    section_data,
    section_url,
    speak_english,
)
from tests.querybudget import SEAL


@pytest.fixture(autouse=True)
def _english(alice):
    speak_english(alice)


def url(episode):
    return reverse("patients:findings", args=[episode.pk])


def page(client, episode):
    return client.get(url(episode)).content.decode()


def follow_up(episode, therapist, days, **answers_by_code):
    """Add a follow-up visit `days` after the intake with complete responses (unscoped)."""
    visit = Visit.objects.create(
        episode=episode,
        kind=Visit.Kind.FOLLOW_UP,
        therapist=therapist,
        date=episode.opened_on + datetime.timedelta(days=days),
    )
    for code, answers in answers_by_code.items():
        instrument = instruments.get(code)
        score = instrument.score(answers)
        InstrumentResponse.objects.create(
            visit=visit,
            instrument=code,
            version=instrument.version,
            answers=answers,
            total=Decimal(str(score.total)),
            band=score.band or "",
            valid=True,
        )
    return visit


def test_it_shows_each_score_with_its_band_and_the_change_that_counts(alice_client, episode):
    fill(alice_client, episode)
    html = page(alice_client, episode)
    assert "Numeric Pain Rating Scale (NPRS)</strong> ·" in html
    assert "Change that counts: 2 points or 30% (lower is better)" in html
    assert "Moderate pain" in html
    assert "Change that counts: 20 points or 30% (lower is better)" in html
    assert "Change that counts: 2 points on the mean, 3 on one activity" in html
    assert "Low risk" in html


def test_it_shows_the_change_since_the_intake_and_whether_it_counts(
    alice_client, alice, episode, unscoped
):
    fill(alice_client, episode)
    follow_up(episode, alice, 14, nprs={"q1": 3})
    response = alice_client.get(url(episode))
    nprs = next(s for s in response.context["page"].scores if s.instrument.code == "nprs")
    assert [(row.change, row.relevant) for row in nprs.rows] == [(None, False), (-3, True)]
    assert "relevant improvement" in response.content.decode()


def test_a_small_change_does_not_count(alice_client, alice, episode, unscoped):
    fill(alice_client, episode)
    follow_up(episode, alice, 14, nprs={"q1": 5})
    response = alice_client.get(url(episode))
    nprs = next(s for s in response.context["page"].scores if s.instrument.code == "nprs")
    assert [(row.change, row.relevant) for row in nprs.rows] == [(None, False), (-1, False)]


def test_a_draft_questionnaire_is_marked_and_listed_as_missing(alice_client, episode):
    alice_client.post(
        section_url(episode, "pain"), section_data("pain", action="draft", qbpds__q3=None)
    )
    html = page(alice_client, episode)
    assert '<span class="badge text-bg-warning">Draft</span>' in html
    assert "Pain and function: Quebec Back Pain Disability Scale (QBPDS) is not complete." in html


def test_it_shows_the_red_flag_level_and_the_decision(alice_client, episode):
    fill(alice_client, episode)
    alice_client.post(section_url(episode, "redflags"), section_data("redflags", trauma="yes"))
    alice_client.post(
        reverse("patients:redflag_decision", args=[episode.pk]),
        {"decision": "continue_reasoned", "decision_note": "Val was gering", "level": "prompt"},
    )
    html = page(alice_client, episode)
    assert "Red-flag level: Prompt (within days)" in html
    assert "Decision: Continue, with written reasoning (Alice," in html
    assert "Val was gering" in html


def test_it_lists_what_is_missing_before_a_plan(alice_client, episode):
    fill(alice_client, episode, "history", "pain")
    html = page(alice_client, episode)
    assert "Still missing before a plan can be generated" in html
    assert "Red flags: not filled in yet." in html
    assert "Movement and posture: not filled in yet." in html


def test_a_complete_intake_has_nothing_missing(alice_client, episode):
    fill(alice_client, episode)
    assert "The intake is complete: a plan can be generated." in page(alice_client, episode)


def test_it_shows_the_duration_and_the_key_findings(alice_client, episode):
    fill(alice_client, episode)
    html = page(alice_client, episode)
    assert '<dd class="col-sm-8">Acute (under 6 weeks)</dd>' in html
    assert "7.5 desk hours a day" in html
    assert "Forward head posture" in html
    assert "flexion painful" in html


def test_a_duration_that_changed_since_the_intake_shows_both(alice_client, episode, unscoped):
    Episode.objects.filter(pk=episode.pk).update(opened_on=days_ago(60))
    alice_client.post(
        section_url(episode, "history"),
        section_data("history", onset_date=days_ago(70).isoformat()),
    )
    html = page(alice_client, episode)
    assert "Acute (under 6 weeks) at intake; Subacute (6 to 12 weeks) today" in html


def test_it_includes_the_breathing_findings(alice_client, episode, intake_visit):
    response = alice_client.get(url(episode))
    assert 'id="breathing-findings-title"' in response.content.decode()
    assert response.context["latest_visit"] == intake_visit


def test_the_latest_visit_is_the_last_one(alice_client, alice, episode, unscoped):
    later = follow_up(episode, alice, 21)
    assert alice_client.get(url(episode)).context["latest_visit"] == later


def test_stored_text_is_shown_escaped(alice_client, episode, unscoped):
    fill(alice_client, episode)
    Episode.objects.filter(pk=episode.pk).update(goals="<script>alert(1)</script>")
    html = page(alice_client, episode)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_records_a_read_event(alice_client, episode, unscoped):
    alice_client.get(url(episode))
    event = AccessEvent.objects.latest("pk")
    assert (event.action, event.patient_id) == (AccessEvent.Action.READ, episode.patient_id)


def test_it_returns_404_for_other_clinic(charlie_client, episode):
    assert charlie_client.get(url(episode)).status_code == 404


def test_it_needs_the_same_queries_however_many_visits(
    alice_client, alice, episode, unscoped, django_assert_max_num_queries
):
    fill(alice_client, episode)
    for days in (14, 28, 42):
        follow_up(episode, alice, days, nprs={"q1": 4}, psk={"q1": 5, "q2": 3})
    with django_assert_max_num_queries(11 + SEAL):  # +1 when complete: the plan its next step opens
        assert alice_client.get(url(episode)).status_code == 200


def test_unanswered_contraindications_are_listed_and_held_back(alice_client, episode):
    fill(alice_client, episode, "history", "pain")
    html = page(alice_client, episode)
    assert 'id="unanswered-contraindications"' in html
    assert "Not answered yet: late pregnancy, osteoporosis, prone lying tolerated." in html
    assert "the draft plan counts them as present" in html


def test_answering_the_movement_findings_clears_the_list(alice_client, episode):
    fill(alice_client, episode)
    assert 'id="unanswered-contraindications"' not in page(alice_client, episode)


def test_an_abnormal_resting_rate_says_the_plan_holds_slowing_drills(
    alice_client, episode, intake_visit, unscoped
):
    from patients.models import BreathingObservation

    BreathingObservation.objects.create(visit=intake_visit, rate=26)
    html = page(alice_client, episode)
    assert 'id="abnormal-rate"' in html
    assert "Resting rate 26 a minute is abnormal" in html
    assert "holds every breathing-slowing exercise" in html


def test_a_normal_resting_rate_says_nothing(alice_client, episode, intake_visit, unscoped):
    from patients.models import BreathingObservation

    BreathingObservation.objects.create(visit=intake_visit, rate=14)
    assert 'id="abnormal-rate"' not in page(alice_client, episode)

import datetime
from decimal import Decimal

import pytest

from patients.findings import Findings, load_findings
from patients.models import (
    BreathingObservation,
    ComplaintHistory,
    InstrumentResponse,
    MovementFindings,
    Psychosocial,
    RedFlagScreen,
    Visit,
    WorkLifestyle,
)

TODAY = datetime.date(2026, 11, 26)


def respond(visit, code, total, band=""):
    return InstrumentResponse.objects.create(
        visit=visit,
        instrument=code,
        version="1",
        answers={},
        total=Decimal(total),
        band=band,
        valid=True,
    )


def test_an_empty_episode_gives_default_findings(episode, unscoped):
    assert load_findings(episode, today=TODAY) == Findings()


@pytest.fixture
def full_episode(episode, intake_visit, alice):
    ComplaintHistory.objects.create(
        episode=episode,
        onset_date=datetime.date(2026, 11, 1),
        onset_mode="sudden_lifting",
        recurrent=True,
        pain_location="onder",
        radiation="above_knee",
        pattern_24h="morning",
        sleep="sometimes",
    )
    Psychosocial.objects.create(episode=episode, stress=8, fear_of_movement="some")
    WorkLifestyle.objects.create(
        episode=episode,
        desk_hours=Decimal("7.5"),
        breaks="rarely",
        activity="low",
        sleep_quality="poor",
    )
    MovementFindings.objects.create(
        episode=episode,
        lumbar_flexion="painful",
        lumbar_extension="normal",
        lumbar_side_bending="normal",
        lumbar_rotation="limited",
        thoracic_mobility="limited",
        forward_head=True,
        lumbar_lordosis="flattened",
        prone_tolerated=False,
        osteoporosis=True,
    )
    RedFlagScreen.objects.create(
        episode=episode,
        answers={},
        level="prompt",
        decision="gp_cleared",
        decided_by=alice,
        decided_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
    )
    respond(intake_visit, "nprs", 8, "severe")
    respond(intake_visit, "sbst", 6, "high")
    respond(intake_visit, "nq", 21, "borderline")
    BreathingObservation.objects.create(
        visit=intake_visit,
        hilo_sitting="upper_chest",
        rate=19,
        route="mixed",
        sighs=True,
        accessory_muscles=False,
        breath_hold_seconds=14,
    )
    return episode


def test_it_reads_every_section(full_episode):
    findings = load_findings(full_episode, today=TODAY)
    assert findings.duration == "acute"
    assert (findings.onset_mode, findings.recurrent, findings.radiation) == (
        "sudden_lifting",
        True,
        "above_knee",
    )
    assert (findings.nprs, findings.sbst_risk, findings.stress) == (8, "high", 8)
    assert findings.fear_of_movement and findings.sleep_poor and findings.activity_low
    assert findings.desk_hours == 7.5
    assert (findings.nq_total, findings.nq_borderline, findings.nq_elevated) == (21, True, False)
    assert (findings.hilo_sitting, findings.rate_flag, findings.breath_route) == (
        "upper_chest",
        "upper_normal",
        "mixed",
    )
    assert findings.sighs and not findings.accessory_muscles
    assert findings.thoracic_limited and findings.forward_head and findings.flexion_painful
    assert not findings.prone_tolerated and findings.osteoporosis
    assert (findings.redflag_level, findings.redflag_decision) == ("prompt", "gp_cleared")


def test_the_clinic_threshold_decides_elevated(full_episode, clinic):
    clinic.nq_elevated_threshold = 21
    clinic.save()
    full_episode.refresh_from_db()
    findings = load_findings(full_episode, today=TODAY)
    assert findings.nq_elevated and not findings.nq_borderline


def test_the_latest_visit_wins(full_episode, intake_visit, alice):
    follow_up = Visit.objects.create(
        episode=full_episode, kind="follow_up", date=datetime.date(2026, 11, 20), therapist=alice
    )
    respond(follow_up, "nprs", 3, "mild")
    assert load_findings(full_episode, today=TODAY).nprs == 3


def test_a_draft_response_is_ignored(full_episode, alice):
    follow_up = Visit.objects.create(
        episode=full_episode, kind="follow_up", date=datetime.date(2026, 11, 20), therapist=alice
    )
    InstrumentResponse.objects.create(
        visit=follow_up, instrument="nprs", version="1", answers={}, valid=False
    )
    assert load_findings(full_episode, today=TODAY).nprs == 8


def test_it_uses_a_constant_number_of_queries(full_episode, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        load_findings(full_episode, today=TODAY)


def test_unanswered_contraindications_stay_unknown_and_count(episode, unscoped):
    findings = load_findings(episode, today=TODAY)
    assert (findings.late_pregnancy, findings.osteoporosis, findings.prone_tolerated) == (
        None,
        None,
        None,
    )
    assert {"late_pregnancy", "osteoporosis", "prone_intolerance"} <= findings.contraindications


@pytest.mark.parametrize(("answer", "expected"), [("yes", True), ("unsure", True), ("no", False)])
def test_the_red_flag_osteoporosis_answer_is_the_contraindication(
    episode, unscoped, answer, expected
):
    RedFlagScreen.objects.create(
        episode=episode, answers={"osteoporosis_steroids": answer}, level="none"
    )
    findings = load_findings(episode, today=TODAY)
    assert findings.osteoporosis is expected
    assert ("osteoporosis" in findings.contraindications) is expected


def test_a_positive_red_flag_answer_wins_over_the_movement_no(episode, unscoped):
    MovementFindings.objects.create(episode=episode, osteoporosis=False)
    RedFlagScreen.objects.create(
        episode=episode, answers={"osteoporosis_steroids": "unsure"}, level="prompt"
    )
    assert load_findings(episode, today=TODAY).osteoporosis is True

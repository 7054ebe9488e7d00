"""Plan rules: the clinical decisions of issue 13, each against the realistic built-in library."""

import timeit

import pytest

from patients.findings import Findings
from plans.library import EXERCISES
from plans.rules import (
    DROPPED_FULL,
    DROPPED_HELD,
    DROPPED_TIME,
    MAX_MINUTES_PER_DAY,
    SLOWING_BREATHING,
    THORACIC_MOBILITY,
    generate,
)

BY_CODE = {exercise.code: exercise for exercise in EXERCISES}
ANSWERED = {"late_pregnancy": False, "osteoporosis": False, "prone_tolerated": True}
# A desk worker with fear of movement who breathes high in the chest: the case where daily
# walking used to take every phase's minutes first.
DESK_WORKER = {
    **ANSWERED,
    "desk_hours": 8.0,
    "fear_of_movement": True,
    "hilo_sitting": "upper_chest",
    "duration": "subacute",
    "nprs": 5,
}


def plan(**findings):
    return generate(Findings(**findings), EXERCISES)


def codes(items):
    return [item.exercise_code for item in items]


def all_codes(draft):
    return {item.exercise_code for item in draft.items}


# 1. Unanswered contraindications are not "no".


def test_unanswered_contraindications_give_no_supine_or_bridging_work():
    draft = plan(recurrent=True, desk_hours=8.0, thoracic_limited=True)
    for code in all_codes(draft):
        assert not set(BY_CODE[code].contraindications) & {"late_pregnancy", "osteoporosis"}, code
    assert "diaphragm-hooklying" not in all_codes(draft)
    assert draft.phase_items(1)[0].exercise_code == "diaphragm-seated"


def test_answered_no_opens_the_supine_starter_again():
    assert plan(**ANSWERED).phase_items(1)[0].exercise_code == "diaphragm-hooklying"


def test_findings_list_the_unanswered_questions():
    assert Findings(late_pregnancy=False).unanswered_contraindications == (
        "osteoporosis",
        "prone_intolerance",
    )


# 2. Osteoporosis (from any question) means no forceful end-range rotation.


def test_osteoporosis_leaves_out_end_range_rotation_and_extension():
    draft = plan(**{**ANSWERED, "osteoporosis": True}, desk_hours=9.0, thoracic_limited=True)
    assert not all_codes(draft) & {"open-book", "seated-rotation", "thoracic-extension-chair"}
    assert "wall-slide" in codes(draft.phase_items(2))


# 4. Abnormal resting rate: medical review, not drills.


@pytest.mark.parametrize("extra", [{}, {"nq_elevated": True, "sighs": True, "stress": 9}])
def test_an_abnormal_rate_holds_every_slowing_exercise(extra):
    draft = plan(**ANSWERED, rate_flag="abnormal", **extra)
    assert not all_codes(draft) & set(SLOWING_BREATHING)
    assert "abnormal_rate" in draft.rules_fired


def test_an_abnormal_rate_reports_the_held_rules():
    draft = plan(**ANSWERED, rate_flag="abnormal", nq_elevated=True)
    assert [(d.rule_id, d.why) for d in draft.dropped] == [("nq_elevated", DROPPED_HELD)]


# 5. Daily habits live outside the 15–20-minute budget, from week 1.


def test_habits_do_not_crowd_out_what_the_findings_call_for():
    draft = plan(**DESK_WORKER)
    assert {(h.exercise_code, h.phase) for h in draft.habits} == {
        ("daily-walk", 1),
        ("microbreak-routine", 1),
    }
    assert "lateral-rib-breathing" in codes(draft.phase_items(1))
    assert set(codes(draft.phase_items(2))) & set(THORACIC_MOBILITY)
    for phase in (1, 2, 3):
        assert "daily-walk" not in codes(draft.phase_items(phase))
        assert draft.minutes_per_day(phase) <= MAX_MINUTES_PER_DAY
    assert draft.dropped == ()
    assert {"desk_microbreaks", "desk_upper_back", "upper_chest"} <= set(draft.rules_placed)


def test_everyone_gets_the_keep_active_walk_from_week_one():
    walk = plan(**ANSWERED).habits
    assert [(h.exercise_code, h.phase, h.reason_code) for h in walk] == [
        ("daily-walk", 1, "keep_active")
    ]


# 6. Desk work brings real thoracic mobility.


def test_desk_work_brings_thoracic_mobility_not_a_chin_tuck():
    phase_two = plan(**ANSWERED, desk_hours=6.0).phase_items(2)
    desk = [item for item in phase_two if item.reason_code == "desk_upper_back"]
    assert codes(desk) == ["open-book"]


# 7. What was dropped is reported, with the options for a swap.


def test_a_rule_that_does_not_fit_is_reported_dropped():
    draft = plan(
        **ANSWERED,
        forward_head=True,
        recurrent=True,
        thoracic_limited=True,
        desk_hours=8.0,
        hilo_supine="paradoxical",
        accessory_muscles=True,
        breath_route="mouth",
        nq_elevated=True,
    )
    dropped = {(d.rule_id, d.phase): d for d in draft.dropped}
    assert dropped, "a crowded plan drops something"
    for entry in dropped.values():
        assert entry.why in (DROPPED_FULL, DROPPED_TIME)
        assert entry.options
        assert entry.rule_id in draft.rules_fired and entry.rule_id not in draft.rules_placed


# Speed: generate() is called on every findings page and draft; it must stay fast.


def test_generate_is_fast():
    findings = Findings(**DESK_WORKER, recurrent=True, thoracic_limited=True, nq_elevated=True)
    runs = 200
    seconds = min(timeit.repeat(lambda: generate(findings, EXERCISES), number=runs, repeat=3))
    assert seconds / runs < 0.005

"""Plan rules: each rule, the starter, red-flag blocks, contraindications, doses, reasons."""

from dataclasses import dataclass, replace

import pytest

from patients.findings import Findings
from plans.rules import (
    DEMANDING_TRUNK,
    MAX_ITEMS_PER_PHASE,
    MAX_MINUTES_PER_DAY,
    PHASES,
    REASONS,
    RULES,
    describe_rules,
    generate,
    reason_text,
)


@dataclass(frozen=True)
class FakeExercise:
    code: str
    category: str
    est_minutes: int
    contraindications: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sets: int | None = 2
    reps: int | None = 10
    minutes: int | None = None
    hold_seconds: int | None = None
    times_per_day: int = 2
    days_per_week: int = 7


LIBRARY = (
    FakeExercise("diaphragm-hooklying", "breathing", 6, ("late_pregnancy",)),
    FakeExercise("diaphragm-seated", "breathing", 6),
    FakeExercise("posture-setup", "breathing", 3),
    FakeExercise("lateral-rib-breathing", "breathing", 4),
    FakeExercise("pursed-lip-exhale", "breathing", 3),
    FakeExercise("slow-paced-breathing", "breathing", 6, sets=None, reps=None, minutes=5),
    FakeExercise("crocodile-breathing", "breathing", 4, ("late_pregnancy", "prone_intolerance")),
    FakeExercise("breathing-90-90", "breathing", 4, ("late_pregnancy",)),
    FakeExercise("nasal-breathing-rest", "breathing", 4, sets=None, reps=None, minutes=2),
    FakeExercise("breathing-daily-tasks", "breathing", 5),
    FakeExercise("open-book", "mobility", 3, ("osteoporosis",)),
    FakeExercise("cat-camel", "mobility", 2),
    FakeExercise("thoracic-extension-chair", "mobility", 3, ("osteoporosis",)),
    FakeExercise("chin-tuck", "mobility", 2),
    FakeExercise("wall-slide", "mobility", 3),
    FakeExercise("seated-rotation", "mobility", 3, ("osteoporosis",)),
    FakeExercise("tva-drawing-in", "trunk", 4, sets=1, hold_seconds=10),
    FakeExercise("pelvic-floor-activation", "trunk", 3),
    FakeExercise("dead-bug", "trunk", 5, ("late_pregnancy", "acute_severe_pain")),
    FakeExercise("bird-dog", "trunk", 5, ("acute_severe_pain",)),
    FakeExercise("glute-bridge-breathing", "trunk", 5, ("late_pregnancy", "acute_severe_pain")),
    FakeExercise("microbreak-routine", "daily", 4),
    FakeExercise("daily-walk", "daily", 10, sets=None, reps=None, minutes=10, times_per_day=1),
)
BY_CODE = {exercise.code: exercise for exercise in LIBRARY}
RULES_BY_ID = {rule.id: rule for rule in RULES}

# Every finding that makes some rule fire, at once (without red flags).
EVERYTHING = {
    "duration": "acute",
    "nprs": 8,
    "onset_mode": "sudden_lifting",
    "recurrent": True,
    "sbst_risk": "high",
    "stress": 9,
    "fear_of_movement": True,
    "desk_hours": 9.0,
    "heavy_work": True,
    "sleep_poor": True,
    "activity_low": True,
    "nq_elevated": True,
    "hilo_supine": "paradoxical",
    "rate_flag": "elevated",
    "breath_route": "mouth",
    "sighs": True,
    "accessory_muscles": True,
    "thoracic_limited": True,
    "forward_head": True,
    "increased_kyphosis": True,
    "flexion_painful": True,
    "extension_painful": True,
}

# (rule id, findings that make it fire)
FIRES = [
    ("redflag_referred", {"redflag_decision": "referred"}),
    ("redflag_referred", {"redflag_level": "emergency", "redflag_decision": "referred"}),
    ("redflag_emergency", {"redflag_level": "emergency"}),
    ("redflag_urgent", {"redflag_level": "urgent"}),
    ("redflag_prompt", {"redflag_level": "prompt"}),
    ("high_risk_calm", {"sbst_risk": "high"}),
    ("graded_walking", {"fear_of_movement": True}),
    ("graded_walking", {"sbst_risk": "high"}),
    ("upper_chest", {"hilo_standing": "paradoxical"}),
    ("upper_chest", {"hilo_sitting": "upper_chest"}),
    ("acute_severe_pain", {"duration": "acute", "nprs": 7}),
    ("nq_elevated", {"nq_elevated": True}),
    ("raised_rate", {"rate_flag": "elevated"}),
    ("raised_rate", {"rate_flag": "upper_normal"}),
    ("mouth_breathing", {"breath_route": "mouth"}),
    ("mouth_breathing", {"breath_route": "mixed"}),
    ("accessory_muscles", {"accessory_muscles": True}),
    ("sighs", {"sighs": True}),
    ("stress_sleep", {"stress": 7}),
    ("stress_sleep", {"sleep_poor": True}),
    ("nq_borderline", {"nq_borderline": True}),
    ("thoracic_mobility", {"thoracic_limited": True}),
    ("thoracic_mobility", {"increased_kyphosis": True}),
    ("forward_head", {"forward_head": True}),
    ("desk_upper_back", {"desk_hours": 6}),
    ("recurrent", {"recurrent": True}),
    ("recurrent", {"duration": "chronic"}),
    ("flexion_painful", {"flexion_painful": True}),
    ("extension_painful", {"extension_painful": True}),
    ("desk_microbreaks", {"desk_hours": 10.5}),
    ("lifting", {"heavy_work": True}),
    ("lifting", {"onset_mode": "sudden_lifting"}),
    ("low_activity", {"activity_low": True}),
    ("abnormal_rate", {"rate_flag": "abnormal"}),
]

# (rule id, findings just outside its condition)
DOES_NOT_FIRE = [
    ("redflag_referred", {"redflag_level": "prompt", "redflag_decision": "gp_cleared"}),
    ("redflag_emergency", {"redflag_level": "emergency", "redflag_decision": "gp_cleared"}),
    ("redflag_urgent", {"redflag_level": "urgent", "redflag_decision": "continue_reasoned"}),
    ("redflag_prompt", {"redflag_level": "routine"}),
    ("high_risk_calm", {"sbst_risk": "medium"}),
    ("graded_walking", {"sbst_risk": "medium"}),
    ("upper_chest", {"hilo_supine": "functional", "hilo_sitting": "unclear"}),
    ("acute_severe_pain", {"duration": "acute", "nprs": 6}),
    ("acute_severe_pain", {"duration": "subacute", "nprs": 9}),
    ("nq_elevated", {"nq_borderline": True}),
    ("raised_rate", {"rate_flag": "abnormal"}),
    ("mouth_breathing", {"breath_route": "nose"}),
    ("accessory_muscles", {}),
    ("sighs", {}),
    ("stress_sleep", {"stress": 6}),
    ("nq_borderline", {"nq_borderline": True, "nq_elevated": True}),
    ("thoracic_mobility", {"lumbar_lordosis": "flattened"}),
    ("forward_head", {}),
    ("desk_upper_back", {"desk_hours": 5.5}),
    ("recurrent", {"duration": "subacute"}),
    ("flexion_painful", {"extension_painful": True}),
    ("extension_painful", {"flexion_painful": True}),
    ("desk_microbreaks", {"desk_hours": 5.9}),
    ("lifting", {"onset_mode": "gradual_desk"}),
    ("low_activity", {}),
    ("abnormal_rate", {"rate_flag": "elevated"}),
]

BASELINE_RULES = (
    "starter",
    "core_with_breath",
    "breathing_upright",
    "breathing_daily_life",
    "foundation_fill",
    "build_fill",
    "integrate_fill",
    "keep_active",
)


# The contraindication questions answered "no": unknown counts as contraindicated.
ANSWERED = {"late_pregnancy": False, "osteoporosis": False, "prone_tolerated": True}


def plan(library=LIBRARY, **findings):
    return generate(Findings(**{**ANSWERED, **findings}), library)


def codes(draft, phase=None):
    return [item.exercise_code for item in draft.items if phase in (None, item.phase)]


@pytest.mark.parametrize(("rule_id", "findings"), FIRES)
def test_rule_fires_when_its_condition_holds(rule_id, findings):
    assert rule_id in plan(**findings).rules_fired


@pytest.mark.parametrize(("rule_id", "findings"), DOES_NOT_FIRE)
def test_rule_does_not_fire_otherwise(rule_id, findings):
    assert rule_id not in plan(**findings).rules_fired


@pytest.mark.parametrize("rule_id", BASELINE_RULES)
def test_baseline_rule_fires_for_everyone(rule_id):
    assert rule_id in plan().rules_fired


def test_every_rule_is_covered_by_the_tables():
    covered = {rule_id for rule_id, _ in FIRES} | set(BASELINE_RULES)
    assert covered == set(RULES_BY_ID)


def first_case_of_each_adding_rule():
    seen = set()
    for rule_id, findings in FIRES:
        if RULES_BY_ID[rule_id].adds and rule_id not in seen:
            seen.add(rule_id)
            yield rule_id, findings


@pytest.mark.parametrize(("rule_id", "findings"), list(first_case_of_each_adding_rule()))
def test_rule_adds_an_exercise_with_its_reason(rule_id, findings):
    rule = RULES_BY_ID[rule_id]
    added = [item for item in plan(**findings).items if item.reason_code == rule.reason_code]
    assert added
    assert all(item.exercise_code in rule.adds and item.phase in rule.phases for item in added)


def test_starter_opens_phase_one():
    first = plan().phase_items(1)[0]
    assert (first.exercise_code, first.order, first.reason_code) == (
        "diaphragm-hooklying",
        1,
        "starter",
    )


def test_starter_is_seated_in_late_pregnancy():
    draft = plan(late_pregnancy=True)
    assert draft.phase_items(1)[0].exercise_code == "diaphragm-seated"
    assert "diaphragm-hooklying" not in codes(draft)


def test_breathing_carries_forward_into_every_phase():
    draft = plan()
    assert [codes(draft, phase)[:2] for phase in (2, 3)] == [
        ["tva-drawing-in", "posture-setup"],
        ["breathing-daily-tasks", "tva-drawing-in"],
    ]


@pytest.mark.parametrize("level", ["prompt", "urgent", "emergency"])
def test_it_blocks_a_red_flag_level_without_decision(level):
    draft = plan(redflag_level=level)
    assert (draft.blocked, draft.blocked_reason, draft.items) == (True, f"blocked_{level}", ())


@pytest.mark.parametrize("level", ["prompt", "urgent", "emergency"])
@pytest.mark.parametrize("decision", ["gp_cleared", "continue_reasoned"])
def test_it_allows_a_plan_after_a_clearing_decision(level, decision):
    draft = plan(redflag_level=level, redflag_decision=decision)
    assert not draft.blocked and draft.items


@pytest.mark.parametrize("level", ["none", "routine", "prompt", "urgent", "emergency"])
def test_it_blocks_a_referred_patient(level):
    draft = plan(redflag_level=level, redflag_decision="referred")
    assert (draft.blocked, draft.blocked_reason, draft.items) == (True, "blocked_referred", ())


@pytest.mark.parametrize("level", ["none", "routine"])
def test_it_does_not_block_below_prompt(level):
    draft = plan(redflag_level=level)
    assert (draft.blocked, draft.blocked_reason) == (False, None) and draft.items


def test_a_blocked_plan_reports_only_the_blocking_rule():
    assert plan(**EVERYTHING, redflag_level="urgent").rules_fired == ("redflag_urgent",)


CONTRAINDICATION_CASES = [
    ("late_pregnancy", {"late_pregnancy": True}),
    ("osteoporosis", {"osteoporosis": True}),
    ("acute_severe_pain", {"duration": "acute", "nprs": 9}),
    ("prone_intolerance", {"prone_tolerated": False}),
]


@pytest.mark.parametrize(("tag", "findings"), CONTRAINDICATION_CASES)
def test_findings_report_the_contraindication(tag, findings):
    assert Findings(**{**ANSWERED, **findings}).contraindications == {tag}


@pytest.mark.parametrize(("tag", "findings"), CONTRAINDICATION_CASES)
def test_it_never_includes_a_contraindicated_exercise(tag, findings):
    draft = plan(**{**EVERYTHING, "duration": "subacute", **findings})
    assert all(tag not in BY_CODE[code].contraindications for code in codes(draft))


@pytest.mark.parametrize(("tag", "findings"), CONTRAINDICATION_CASES)
def test_it_reads_contraindications_from_the_exercises(tag, findings):
    tagged = ("diaphragm-hooklying", "tva-drawing-in", "breathing-daily-tasks")
    library = [replace(e, contraindications=(tag,)) if e.code in tagged else e for e in LIBRARY]
    assert set(tagged).isdisjoint(codes(plan(library, **findings)))


def test_no_contraindication_leaves_the_library_open():
    assert Findings(**ANSWERED, duration="acute", nprs=6).contraindications == frozenset()


def test_high_risk_leaves_out_demanding_trunk_work():
    draft = plan(sbst_risk="high", recurrent=True)
    assert set(DEMANDING_TRUNK).isdisjoint(codes(draft))


def test_high_risk_walks_daily_from_week_one_as_a_habit():
    draft = plan(sbst_risk="high")
    walk = [item for item in draft.habits if item.exercise_code == "daily-walk"]
    assert [(item.phase, item.reason_code) for item in walk] == [(1, "graded_walking")]
    assert all("daily-walk" not in [i.exercise_code for i in draft.phase_items(p)] for p in PHASES)


def test_painful_flexion_leaves_out_cat_camel():
    without = plan(thoracic_limited=True, osteoporosis=True)
    with_pain = plan(thoracic_limited=True, osteoporosis=True, flexion_painful=True)
    assert "cat-camel" in codes(without) and "cat-camel" not in codes(with_pain)


def test_painful_extension_leaves_out_extension_over_the_chair():
    library = [exercise for exercise in LIBRARY if exercise.code != "open-book"]
    without = plan(library, thoracic_limited=True)
    with_pain = plan(library, thoracic_limited=True, extension_painful=True)
    assert "thoracic-extension-chair" in codes(without)
    assert "thoracic-extension-chair" not in codes(with_pain)


def test_acute_severe_pain_halves_movement_exercises():
    item = plan(duration="acute", nprs=8, thoracic_limited=True).phase_items(2)
    doses = {i.exercise_code: (i.sets, i.reps, i.est_minutes) for i in item}
    assert doses["open-book"] == (1, 10, 2)
    assert doses["tva-drawing-in"] == (1, 5, 2)


def test_acute_severe_pain_keeps_breathing_doses():
    starter = plan(duration="acute", nprs=8).phase_items(1)[0]
    assert (starter.sets, starter.reps, starter.est_minutes) == (2, 10, 6)


def test_items_copy_the_default_dose():
    walk = plan(activity_low=True).habits[0]
    assert (walk.exercise_code, walk.reason_code) == ("daily-walk", "low_activity")
    assert (walk.minutes, walk.times_per_day, walk.days_per_week, walk.sets) == (10, 1, 7, None)


def test_a_full_set_of_findings_stays_within_the_limits():
    draft = plan(**EVERYTHING)
    for phase in (1, 2, 3):
        assert len(draft.phase_items(phase)) <= MAX_ITEMS_PER_PHASE
        assert draft.minutes_per_day(phase) <= MAX_MINUTES_PER_DAY


def test_a_plain_plan_reaches_fifteen_minutes_a_day():
    draft = plan()
    assert all(15 <= draft.minutes_per_day(phase) <= 20 for phase in (1, 2, 3))


def test_order_counts_from_one_within_each_phase():
    draft = plan(**EVERYTHING)
    for phase in (1, 2, 3):
        assert [item.order for item in draft.phase_items(phase)] == list(
            range(1, len(draft.phase_items(phase)) + 1)
        )


def test_same_input_gives_the_same_plan():
    assert plan(**EVERYTHING) == plan(**EVERYTHING)


def test_library_order_does_not_change_the_plan():
    assert plan(tuple(reversed(LIBRARY)), **EVERYTHING) == plan(**EVERYTHING)


def test_missing_exercises_are_skipped():
    draft = plan(LIBRARY[:1])
    assert codes(draft) == ["diaphragm-hooklying"]


def test_it_rejects_duplicate_exercise_codes():
    with pytest.raises(ValueError, match="duplicate"):
        plan((*LIBRARY, LIBRARY[0]))


def test_findings_reject_an_unknown_code():
    with pytest.raises(ValueError, match="hilo_sitting"):
        Findings(hilo_sitting="upper-chest")


def test_findings_reject_an_out_of_range_score():
    with pytest.raises(ValueError, match="nprs"):
        Findings(nprs=11)


def test_reason_codes_are_unique():
    assert len({reason.code for reason in REASONS}) == len(REASONS)


@pytest.mark.parametrize("code", sorted({rule.reason_code for rule in RULES}))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_rule_reason_has_text(code, language):
    assert reason_text(code, language).strip()


def test_reason_text_is_in_the_requested_language():
    assert reason_text("starter", "en-gb") != reason_text("starter", "nl")


def test_reason_text_rejects_an_unknown_code():
    with pytest.raises(KeyError):
        reason_text("no-such-reason", "nl")


def test_describe_rules_lists_every_rule_with_both_texts():
    described = describe_rules()
    assert [rule["id"] for rule in described] == [rule.id for rule in RULES]
    assert all(rule["reason_nl"] and rule["reason_en"] for rule in described)


def test_rule_descriptions_render():
    assert all(str(rule["description"]).strip() for rule in describe_rules())


def test_rule_ids_are_unique():
    assert len(RULES_BY_ID) == len(RULES)


def test_it_runs_over_the_real_library():
    library = pytest.importorskip("plans.library")
    exercises = getattr(library, "EXERCISES", None)
    if exercises is None:
        pytest.skip("plans.library has no EXERCISES")
    draft = generate(Findings(**EVERYTHING, late_pregnancy=True), exercises)
    assert draft.items and all(
        draft.minutes_per_day(phase) <= MAX_MINUTES_PER_DAY for phase in (1, 2, 3)
    )

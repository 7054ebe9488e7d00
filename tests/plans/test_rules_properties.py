"""Plan rules: invariants that hold for any findings and any exercise library (Hypothesis)."""

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from patients.findings import (
    BREATH_ROUTES,
    CONTRAINDICATION_TAGS,
    DURATIONS,
    HILO_RESULTS,
    LORDOSIS,
    ONSET_MODES,
    RADIATIONS,
    RATE_FLAGS,
    REDFLAG_DECISIONS,
    REDFLAG_LEVELS,
    SBST_RISKS,
    Findings,
)
from plans.library import EXERCISES
from plans.rules import (
    HABITS_PHASE,
    MAX_ITEMS_PER_PHASE,
    MAX_MINUTES_PER_DAY,
    REASONS,
    RULES,
    SLOWING_BREATHING,
    THORACIC_MOBILITY,
    generate,
)

PROPERTY = settings(max_examples=200, deadline=None, database=None)

CATEGORIES = (
    (
        "breathing",
        "diaphragm-hooklying diaphragm-seated posture-setup lateral-rib-breathing "
        "pursed-lip-exhale "
        "slow-paced-breathing crocodile-breathing breathing-90-90 nasal-breathing-rest "
        "breathing-daily-tasks",
    ),
    (
        "mobility",
        "open-book cat-camel thoracic-extension-chair chin-tuck wall-slide seated-rotation",
    ),
    ("trunk", "tva-drawing-in pelvic-floor-activation dead-bug bird-dog glute-bridge-breathing"),
    ("daily", "microbreak-routine daily-walk"),
)
CODES = tuple((code, category) for category, codes in CATEGORIES for code in codes.split())
REASON_CODES = frozenset(reason.code for reason in REASONS)


@dataclass(frozen=True)
class FakeExercise:
    code: str
    category: str
    contraindications: tuple[str, ...]
    sets: int | None
    reps: int | None
    minutes: int | None
    hold_seconds: int | None
    times_per_day: int
    days_per_week: int
    est_minutes: int
    tags: tuple[str, ...] = ()


def optional(values):
    return st.none() | st.sampled_from(values)


def small(low, high):
    return st.none() | st.integers(low, high)


findings = st.builds(
    Findings,
    duration=optional(DURATIONS),
    onset_mode=optional(ONSET_MODES),
    recurrent=st.booleans(),
    nprs=small(0, 10),
    radiation=optional(RADIATIONS),
    sbst_risk=optional(SBST_RISKS),
    stress=small(0, 10),
    fear_of_movement=st.booleans(),
    desk_hours=st.none() | st.floats(0, 24, allow_nan=False),
    heavy_work=st.booleans(),
    sleep_poor=st.booleans(),
    activity_low=st.booleans(),
    nq_total=small(0, 64),
    nq_elevated=st.booleans(),
    nq_borderline=st.booleans(),
    hilo_supine=optional(HILO_RESULTS),
    hilo_sitting=optional(HILO_RESULTS),
    hilo_standing=optional(HILO_RESULTS),
    resp_rate=small(4, 40),
    rate_flag=optional(RATE_FLAGS),
    breath_route=optional(BREATH_ROUTES),
    sighs=st.booleans(),
    accessory_muscles=st.booleans(),
    breath_hold_seconds=small(0, 90),
    thoracic_limited=st.booleans(),
    forward_head=st.booleans(),
    increased_kyphosis=st.booleans(),
    lumbar_lordosis=optional(LORDOSIS),
    flexion_painful=st.booleans(),
    extension_painful=st.booleans(),
    # None: the question was never answered (counts as contraindicated).
    prone_tolerated=st.none() | st.booleans(),
    late_pregnancy=st.none() | st.booleans(),
    osteoporosis=st.none() | st.booleans(),
    redflag_level=st.sampled_from(REDFLAG_LEVELS),
    redflag_decision=optional(REDFLAG_DECISIONS),
)


def exercise(code, category, drawn):
    """Build one exercise from one drawn number: contraindications, time estimate and dose."""
    dose, rest = divmod(drawn, 16 * 13)
    est, mask = divmod(rest, 16)
    tags = tuple(tag for bit, tag in enumerate(CONTRAINDICATION_TAGS) if mask >> bit & 1)
    return FakeExercise(
        code=code,
        category=category,
        contraindications=tags,
        sets=dose % 4 or None,
        reps=dose % 13 or None,
        minutes=dose % 11 or None,
        hold_seconds=dose % 7 or None,
        times_per_day=1 + dose % 3,
        days_per_week=1 + dose % 7,
        est_minutes=est,
    )


def build_library(draws):
    """Return the library of every code drawn as present (a number, not None)."""
    return tuple(
        exercise(code, category, drawn)
        for (code, category), drawn in zip(CODES, draws, strict=True)
        if drawn is not None
    )


# Every code with random contraindications (4 bits), time estimate (0–12) and dose packed in
# one number, or None to leave the code out of the library. One draw per exercise keeps the
# examples cheap; nested builds of 22 objects took ~50 ms each.
libraries = st.tuples(*(st.none() | st.integers(0, 16 * 13 * 100 - 1) for _ in CODES)).map(
    build_library
)


def assert_no_contraindicated_exercise(patient, library, draft):
    by_code = {exercise.code: exercise for exercise in library}
    for item in draft.items:
        assert patient.contraindications.isdisjoint(
            by_code[item.exercise_code].contraindications
        ), f"{item.exercise_code} is contraindicated"


def assert_no_excluded_exercise(patient, draft):
    excluded = {code for rule in RULES if rule.condition(patient) for code in rule.excludes}
    assert excluded.isdisjoint(item.exercise_code for item in draft.items)


def assert_blocked_means_empty(patient, draft):
    assert draft.blocked == patient.plan_blocked
    if draft.blocked:
        assert draft.items == () and draft.blocked_reason in REASON_CODES


def assert_phase_limits(draft):
    for phase in (1, 2, 3):
        assert len(draft.phase_items(phase)) <= MAX_ITEMS_PER_PHASE, f"phase {phase}: too many"
        assert draft.minutes_per_day(phase) <= MAX_MINUTES_PER_DAY, f"phase {phase}: too long"


def assert_phases_and_order(draft):
    assert {item.phase for item in draft.items} <= {1, 2, 3}
    for phase in (1, 2, 3):
        orders = [item.order for item in draft.phase_items(phase)]
        assert orders == list(range(1, len(orders) + 1)), f"phase {phase}: order {orders}"


def assert_no_duplicate_within_a_phase(draft):
    for phase in (1, 2, 3):
        phase_codes = [item.exercise_code for item in draft.phase_items(phase)]
        assert len(phase_codes) == len(set(phase_codes)), f"phase {phase}: {phase_codes}"


def assert_known_reasons(draft):
    assert all(item.reason_code in REASON_CODES for item in draft.items)


# The invariants are grouped into a few tests because drawing a full Findings plus a library
# costs a few milliseconds an example; one test per invariant made this file take ~10 s.


@PROPERTY
@given(findings, libraries, st.randoms(use_true_random=False))
def test_same_input_gives_the_same_plan(patient, library, rnd):
    shuffled = list(library)
    rnd.shuffle(shuffled)
    assert generate(patient, library) == generate(patient, shuffled)


@PROPERTY
@given(findings, libraries)
def test_a_plan_never_breaks_a_safety_rule(patient, library):
    draft = generate(patient, library)
    assert_blocked_means_empty(patient, draft)
    assert_no_contraindicated_exercise(patient, library, draft)
    assert_no_excluded_exercise(patient, draft)


@PROPERTY
@given(findings, libraries)
def test_a_plan_keeps_its_shape(patient, library):
    draft = generate(patient, library)
    assert_phase_limits(draft)
    assert_phases_and_order(draft)
    assert_no_duplicate_within_a_phase(draft)
    assert_known_reasons(draft)


@PROPERTY
@given(findings, libraries)
def test_starter_opens_phase_one_when_allowed(patient, library):
    starter = next((e for e in library if e.code == "diaphragm-hooklying"), None)
    allowed = starter is not None and patient.contraindications.isdisjoint(
        starter.contraindications
    )
    draft = generate(patient, library)
    if allowed and not draft.blocked:
        assert draft.phase_items(1)[0].exercise_code == "diaphragm-hooklying"


def assert_every_fired_rule_is_placed_or_dropped(draft):
    dropped = {(entry.rule_id, entry.phase, entry.habit) for entry in draft.dropped}
    by_id = {rule.id: rule for rule in RULES}
    for rule_id in draft.rules_fired:
        rule = by_id[rule_id]
        if rule.fill or not rule.adds:
            continue
        if rule.habit:
            placed = any(item.exercise_code in rule.adds for item in draft.habits)
            assert placed or (rule_id, HABITS_PHASE, True) in dropped, rule_id
            continue
        for phase in rule.phases:
            placed = any(item.exercise_code in rule.adds for item in draft.phase_items(phase))
            assert placed or (rule_id, phase, False) in dropped, f"{rule_id} in phase {phase}"
            assert not (placed and (rule_id, phase, False) in dropped), f"{rule_id}: both"


def usable(patient, exercise):
    excluded = {code for rule in RULES if rule.condition(patient) for code in rule.excludes}
    return exercise.code not in excluded and patient.contraindications.isdisjoint(
        exercise.contraindications
    )


@PROPERTY
@given(findings, libraries)
def test_every_fired_rule_is_placed_or_reported_dropped(patient, library):
    draft = generate(patient, library)
    assert_every_fired_rule_is_placed_or_dropped(draft)


@PROPERTY
@given(findings, libraries)
def test_an_abnormal_rate_never_gives_a_slowing_drill(patient, library):
    draft = generate(patient, library)
    if patient.rate_flag == "abnormal":
        assert draft.blocked or "abnormal_rate" in draft.rules_fired
        assert not {item.exercise_code for item in draft.items} & set(SLOWING_BREATHING)


# The same invariants over the real built-in library, where doses and estimates are the
# clinic's: here the desk rules must always get their place.
@PROPERTY
@given(findings)
def test_over_the_real_library(patient):
    draft = generate(patient, EXERCISES)
    assert_blocked_means_empty(patient, draft)
    assert_no_contraindicated_exercise(patient, EXERCISES, draft)
    assert_no_excluded_exercise(patient, draft)
    assert_phase_limits(draft)
    assert_every_fired_rule_is_placed_or_dropped(draft)
    codes = {item.exercise_code for item in draft.items}
    if patient.rate_flag == "abnormal":
        assert not codes & set(SLOWING_BREATHING)
    if draft.blocked or patient.desk_hours is None or patient.desk_hours < 6:
        return
    assert "microbreak-routine" in {item.exercise_code for item in draft.habits}
    thoracic = [e for e in EXERCISES if e.code in THORACIC_MOBILITY and usable(patient, e)]
    phase_two = {item.exercise_code for item in draft.phase_items(2)}
    if thoracic:
        assert phase_two & set(THORACIC_MOBILITY), phase_two
    else:
        assert [entry.why for entry in draft.dropped if entry.rule_id == "desk_upper_back"] == [
            "contraindicated"
        ]

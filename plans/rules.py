"""Draft a home plan from the findings: pure, deterministic and explainable.

`generate(findings, exercises)` walks `RULES` in order. A rule is data: a condition on the
findings, the phase(s) it serves, the exercise codes it adds in preference order, the codes it
excludes, an optional dose change and a reason code. The reason code is what the patient reads
next to the exercise (`REASONS`, in Dutch and English).

How a plan is put together (clinical reference Part A, "Plan shape"):
- Three phases of two weeks: 1 foundation (breathing and calm), 2 build (core with the breath
  and mobility), 3 integrate (daily life and work).
- At most 4 exercises per phase, and their estimated minutes a day add up to at most 20.
  "Fill" rules only add while a phase is under 15 minutes, so we prefer fewer exercises done
  more often over a long list.
- Rule order is priority: within a phase, earlier rules claim the 4 places and the minutes
  first. A rule with `take=1` wants one of its codes in the phase; a code another rule already
  placed there counts, so overlapping findings share one exercise instead of piling up.
- Contraindications are read from each exercise and always win; so do `excludes`.
- Carry-forward: the breathing practice runs through every phase as a progression (lying in
  phase 1, upright in phase 2, in daily tasks in phase 3; Part B 5.3). Graded walking for
  high-risk patients runs through all three phases. Other exercises may repeat in a later
  phase only through a fill rule, never twice within one phase.
- Red flags: a red-flag level of prompt or higher without a recorded decision blocks the plan;
  a decision "referred" blocks it at EVERY level, routine and none included (the patient's
  care moved to a doctor). Blocking rules come first.
- Daily habits (exercises of a habit category: daily walking, micro-breaks) live outside the
  budget: they neither take a place nor minutes of a phase. They start in week 1 and run
  through the whole plan (keep-active advice, NHG / NICE NG59), as their own block.
- Unanswered contraindication questions count as contraindicated (see `Findings`).
- An abnormal resting rate (<= 8 or >= 25/min) needs medical review, not drills: every
  breathing-slowing exercise is held (`SLOWING_BREATHING`) and the plan says why.
- Honest about what is left out: a rule that fires but whose exercise does not fit (phase full,
  no minutes left, contraindicated or held) is reported in `PlanDraft.dropped`, with the usable
  alternatives for a one-click swap. Fill rules are optional and never reported.

Not used by any rule, on purpose: breath-hold time (practice convention, not validated; Part B
2.6), radiation and lordosis (shown to the therapist; no plan change agreed with the clinic
yet).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from patients.findings import Findings

# Re-exported: the reasons are part of this module's public API.
from plans.reasons import REASONS, Reason, reason_text  # noqa: F401

PHASES = (1, 2, 3)
MAX_ITEMS_PER_PHASE = 4
MAX_MINUTES_PER_DAY = 20
TARGET_MINUTES_PER_DAY = 15
LANGUAGES = ("nl", "en")

# Exercise categories whose volume is halved in acute severe pain; breathing and daily
# activity stay as they are because they calm the system and keep the patient active.
MOVEMENT_CATEGORIES = ("mobility", "trunk")

# Categories whose exercises are daily habits: outside the phase budget, from week 1 on.
HABIT_CATEGORIES = ("daily",)
# Habits are stored in phase 1: they start in week 1 and run through every phase.
HABITS_PHASE = 1

# Exercises whose aim is a slower breathing rate; held when the resting rate is abnormal.
SLOWING_BREATHING = ("slow-paced-breathing", "pursed-lip-exhale")

# Rules that hold exercises back for a reason the patient should read in the plan itself.
PLAN_NOTE_RULES = ("abnormal_rate",)

# Real thoracic (upper-back) mobility, in order of preference for desk workers.
THORACIC_MOBILITY = ("open-book", "seated-rotation", "thoracic-extension-chair", "wall-slide")

# Why a fired rule's exercise is not in the plan (PlanDraft.dropped).
DROPPED_FULL = "full"  # the phase already holds MAX_ITEMS_PER_PHASE exercises
DROPPED_TIME = "time"  # no minutes left in the phase
DROPPED_CONTRAINDICATED = "contraindicated"  # every option is contraindicated for the patient
DROPPED_HELD = "held"  # every option is left out by another rule (e.g. abnormal rate)
DROPPED_UNAVAILABLE = "unavailable"  # none of the options is in the clinic's library

# Trunk exercises with the most load (long lever, quadruped, bridging); kept out in acute
# severe pain and high psychosocial risk.
DEMANDING_TRUNK = ("dead-bug", "bird-dog", "glute-bridge-breathing")


class ExerciseLike(Protocol):
    """Describe what the rules read from an exercise (library spec or model)."""

    code: str
    category: str
    contraindications: Iterable[str]
    sets: int | None
    reps: int | None
    minutes: int | None
    hold_seconds: int | None
    times_per_day: int
    days_per_week: int
    est_minutes: int


@dataclass(frozen=True, slots=True)
class PlanItemDraft:
    """Hold one exercise in one phase of a drafted plan, with its dose and reason."""

    exercise_code: str
    phase: int
    order: int
    sets: int | None
    reps: int | None
    minutes: int | None
    hold_seconds: int | None
    times_per_day: int
    days_per_week: int
    est_minutes: int
    reason_code: str
    habit: bool = False


@dataclass(frozen=True, slots=True)
class Dropped:
    """A fired rule whose exercise is not in one phase (or the habits), and why."""

    rule_id: str
    phase: int
    why: str
    # Usable exercises of the rule, best first, not in the phase: what a swap would put in.
    options: tuple[str, ...]
    habit: bool = False


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """Hold the result of `generate`: either blocked with a reason, or the plan items."""

    blocked: bool
    blocked_reason: str | None
    items: tuple[PlanItemDraft, ...]
    rules_fired: tuple[str, ...]
    dropped: tuple[Dropped, ...] = ()

    @property
    def notes(self) -> tuple[str, ...]:
        """Return the reason codes the plan states apart from any exercise (e.g. a held drill)."""
        return tuple(rule_id for rule_id in self.rules_fired if rule_id in PLAN_NOTE_RULES)

    @property
    def habits(self) -> tuple[PlanItemDraft, ...]:
        """Return the daily habits (outside the phases' budget), in their order."""
        return tuple(item for item in self.items if item.habit)

    def phase_items(self, phase: int) -> tuple[PlanItemDraft, ...]:
        """Return the exercises of one phase in their order (habits not included)."""
        return tuple(item for item in self.items if item.phase == phase and not item.habit)

    def minutes_per_day(self, phase: int) -> int:
        """Return the estimated minutes a day of one phase at the drafted doses (no habits)."""
        return sum(item.est_minutes for item in self.phase_items(phase))

    @property
    def rules_placed(self) -> tuple[str, ...]:
        """Return the fired rules with (one of) their exercises in the plan where they act."""
        fired = frozenset(self.rules_fired)
        return tuple(rule.id for rule in RULES if rule.id in fired and self._has_exercise_of(rule))

    def _has_exercise_of(self, rule: "Rule") -> bool:
        for item in self.items:
            if item.exercise_code not in rule.adds:
                continue
            if item.habit if rule.habit else (item.phase in rule.phases and not item.habit):
                return True
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """Describe one plan rule: when it fires and what it does to the plan."""

    id: str
    description: Promise | str
    condition: Callable[[Findings], bool]
    reason_code: str
    phases: tuple[int, ...] = ()
    adds: tuple[str, ...] = ()
    take: int = 1
    fill: bool = False
    excludes: tuple[str, ...] = ()
    adjust: Callable[[PlanItemDraft, str], PlanItemDraft] | None = None
    blocks: bool = False
    # A habit rule puts its exercise in the daily-habits block (outside the budget, week 1 on).
    habit: bool = False


def _gentle(item: PlanItemDraft, category: str) -> PlanItemDraft:
    """Halve the volume of a movement exercise: sets, else reps, else minutes."""
    if category not in MOVEMENT_CATEGORIES:
        return item
    for field in ("sets", "reps", "minutes"):
        old = getattr(item, field)
        if old is not None and old > 1:
            new = (old + 1) // 2
            # Scale the time estimate with the volume (rounded up), never above the original.
            est = min(item.est_minutes, max(1, -(-item.est_minutes * new // old)))
            return replace(item, **{field: new}, est_minutes=est)
    return item


def _always(findings: Findings) -> bool:
    """Return True: baseline rules apply to every patient."""
    return True


RULES = (
    # --- Red flags: clinical reference Part A. At prompt or higher no plan until the
    # therapist records a decision; "referred" means care moved to a doctor.
    Rule(
        id="redflag_referred",
        description=_("The patient was referred to a doctor: no plan is drafted."),
        condition=lambda f: f.blocking_reason == "referred",
        reason_code="blocked_referred",
        blocks=True,
    ),
    Rule(
        id="redflag_emergency",
        description=_("Red flags at emergency level without a recorded decision: no plan."),
        condition=lambda f: f.blocking_reason == "emergency",
        reason_code="blocked_emergency",
        blocks=True,
    ),
    Rule(
        id="redflag_urgent",
        description=_("Red flags at urgent level without a recorded decision: no plan."),
        condition=lambda f: f.blocking_reason == "urgent",
        reason_code="blocked_urgent",
        blocks=True,
    ),
    Rule(
        id="redflag_prompt",
        description=_("Red flags at prompt level without a recorded decision: no plan."),
        condition=lambda f: f.blocking_reason == "prompt",
        reason_code="blocked_prompt",
        blocks=True,
    ),
    # --- Phase 1, foundation.
    # Everyone starts with diaphragmatic breathing in hook-lying (DESIGN "the starter"); the
    # seated version when lying on the back is contraindicated (e.g. late pregnancy, Part B 5.3).
    Rule(
        id="starter",
        description=_("Everyone starts with diaphragmatic breathing, lying or else seated."),
        condition=_always,
        reason_code="starter",
        phases=(1,),
        adds=("diaphragm-hooklying", "diaphragm-seated"),
    ),
    # Fear of movement or high risk: graded activity keeps the patient moving; walking is the
    # simplest graded activity and runs through all phases (NICE NG59, KNGF; Part B 4.4).
    # A daily habit: outside the exercise budget, from week 1 on. The habit rules come before
    # `keep_active` so the more specific reason is the one the patient reads.
    Rule(
        id="graded_walking",
        description=_("High STarT Back risk or fear of movement: graded daily walking (habit)."),
        condition=lambda f: f.sbst_risk == "high" or f.fear_of_movement,
        reason_code="graded_walking",
        phases=(HABITS_PHASE,),
        adds=("daily-walk",),
        habit=True,
    ),
    # Low activity: guidelines favour activity over rest (NICE NG59, NHG; Part B 5.3).
    Rule(
        id="low_activity",
        description=_("Low activity level: daily walking (habit)."),
        condition=lambda f: f.activity_low,
        reason_code="low_activity",
        phases=(HABITS_PHASE,),
        adds=("daily-walk",),
        habit=True,
    ),
    # Active microbreaks with posture change: less pain and discomfort in office workers,
    # no loss of productivity (Part B 5.3, refs 112, 113). A habit from week 1.
    Rule(
        id="desk_microbreaks",
        description=_("Desk work 6 hours a day or more: micro-breaks (habit)."),
        condition=lambda f: f.desk_hours is not None and f.desk_hours >= 6,
        reason_code="desk_microbreaks",
        phases=(HABITS_PHASE,),
        adds=("microbreak-routine",),
        habit=True,
    ),
    # Everyone: stay active. Keep-active advice is the core of guideline care for back pain
    # (NHG, NICE NG59); a daily walk is its simplest form.
    Rule(
        id="keep_active",
        description=_("Everyone: keep active with a daily walk (habit)."),
        condition=_always,
        reason_code="keep_active",
        phases=(HABITS_PHASE,),
        adds=("daily-walk",),
        habit=True,
    ),
    # Abnormal resting rate (<= 8 or >= 25/min): medical review, not drills (Part A). Every
    # breathing-slowing exercise is held; the findings page and the plan reasons say why.
    Rule(
        id="abnormal_rate",
        description=_(
            "Abnormal resting rate (8 or less, or 25 or more a minute): no breathing-slowing "
            "exercises until a doctor has looked at it."
        ),
        condition=lambda f: f.abnormal_rate,
        reason_code="abnormal_rate",
        excludes=SLOWING_BREATHING,
    ),
    # High STarT Back risk: stratified care puts education, reassurance and graded activity
    # first and leaves out demanding trunk work (Part B 4.4, 3.2).
    Rule(
        id="high_risk_calm",
        description=_(
            "High STarT Back risk: calm breathing with reassurance; no demanding trunk work."
        ),
        condition=lambda f: f.sbst_risk == "high",
        reason_code="high_risk_calm",
        phases=(1,),
        adds=("slow-paced-breathing", "pursed-lip-exhale"),
        excludes=DEMANDING_TRUNK,
    ),
    # Upper-chest or paradoxical breathing on Hi-Lo: practise low, wide ("360 degrees")
    # breathing into belly, lower ribs and flanks (Part B 2.4, 5.3).
    Rule(
        id="upper_chest",
        description=_("Upper-chest or paradoxical breathing (Hi-Lo): lateral / 360° breathing."),
        condition=lambda f: f.upper_chest_breathing,
        reason_code="upper_chest",
        phases=(1,),
        adds=("lateral-rib-breathing", "crocodile-breathing", "breathing-90-90"),
    ),
    # Acute severe pain: keep moving but lightly; half volume for movement exercises, no
    # demanding trunk work, and an easy exhale to relax (Part B 5.3 cautions).
    Rule(
        id="acute_severe_pain",
        description=_(
            "Acute severe pain (NPRS ≥ 7, < 6 weeks): gentle doses, no demanding trunk work."
        ),
        condition=lambda f: f.acute_severe_pain,
        reason_code="acute_pain",
        phases=(1,),
        adds=("pursed-lip-exhale",),
        excludes=DEMANDING_TRUNK,
        adjust=_gentle,
    ),
    # Elevated Nijmegen score: symptoms that go with over-breathing; slow breathing lowers
    # the rate and arousal (Part B 2.1; slow breathing 101, 102).
    Rule(
        id="nq_elevated",
        description=_("Nijmegen Questionnaire elevated: slow paced breathing."),
        condition=lambda f: f.nq_elevated,
        reason_code="nq_elevated",
        phases=(1,),
        adds=("slow-paced-breathing", "pursed-lip-exhale"),
    ),
    # Resting rate upper-normal (17–20) or elevated (21–24): practise a slower rate. An
    # abnormal rate is left out on purpose: it needs medical review first (Part A).
    Rule(
        id="raised_rate",
        description=_("Resting rate upper-normal or elevated: slow paced breathing."),
        condition=lambda f: f.rate_flag in ("elevated", "upper_normal"),
        reason_code="raised_rate",
        phases=(1,),
        adds=("slow-paced-breathing",),
    ),
    # Mouth or mixed breathing at rest is treated clinically as a dysfunctional-breathing
    # feature (Part B 2.8): practise nose breathing at rest.
    Rule(
        id="mouth_breathing",
        description=_("Mouth or mixed breathing at rest: nasal breathing at rest."),
        condition=lambda f: f.mouth_breathing,
        reason_code="mouth_breathing",
        phases=(1,),
        adds=("nasal-breathing-rest",),
    ),
    # Accessory-muscle use at rest: neck and shoulders do the breathing; move it to the lower
    # ribs (Part B 2.8 consensus items).
    Rule(
        id="accessory_muscles",
        description=_("Accessory-muscle use at rest: lower-rib breathing."),
        condition=lambda f: f.accessory_muscles,
        reason_code="accessory_muscles",
        phases=(1,),
        adds=("lateral-rib-breathing", "crocodile-breathing"),
    ),
    # Frequent sighs or yawns: an irregular, sighing pattern is a dysfunctional-breathing
    # category (Part B 2.9); a slow regular rhythm is the counter-practice.
    Rule(
        id="sighs",
        description=_("Sighs or yawns seen at rest: slow regular breathing."),
        condition=lambda f: f.sighs,
        reason_code="sighs",
        phases=(1,),
        adds=("slow-paced-breathing", "pursed-lip-exhale"),
    ),
    # Stress 7+ or poor sleep: slow breathing lowers arousal (Part B 5.3, refs 101, 102).
    Rule(
        id="stress_sleep",
        description=_("Stress 7 or more, or poor sleep: slow paced breathing."),
        condition=lambda f: (f.stress is not None and f.stress >= 7) or f.sleep_poor,
        reason_code="calm",
        phases=(1,),
        adds=("slow-paced-breathing",),
    ),
    # Borderline Nijmegen score (20–22): a light tool to settle the breath, not a full drill.
    Rule(
        id="nq_borderline",
        description=_("Nijmegen Questionnaire borderline: pursed-lip exhale."),
        condition=lambda f: f.nq_borderline and not f.nq_elevated,
        reason_code="nq_borderline",
        phases=(1,),
        adds=("pursed-lip-exhale",),
    ),
    # --- Phase 2, build.
    # Diaphragm and transversus abdominis co-activate for trunk control (Hodges; Part B 5.2);
    # the drawing-in exercise is the low-load start of core-with-the-breath work.
    Rule(
        id="core_with_breath",
        description=_("Everyone: one trunk exercise with the breath, low load first."),
        condition=_always,
        reason_code="core_with_breath",
        phases=(2,),
        adds=(
            "tva-drawing-in",
            "pelvic-floor-activation",
            "dead-bug",
            "glute-bridge-breathing",
            "bird-dog",
        ),
    ),
    # Breathing progression supine -> sitting (Part B 5.3): the breath work carries forward,
    # first as the method's posture set-up (a relaxed, stable posture that gives the breath
    # room), else seated belly breathing.
    Rule(
        id="breathing_upright",
        description=_("Everyone: breathing practice carried forward, now upright."),
        condition=_always,
        reason_code="breathing_upright",
        phases=(2,),
        adds=("posture-setup", "diaphragm-seated", "lateral-rib-breathing"),
    ),
    # Six or more desk hours a day: real thoracic mobility against the sitting posture (Part B
    # 5.3, ref 106). Before the other phase-2 rules so it always gets its place.
    Rule(
        id="desk_upper_back",
        description=_("Desk work 6 hours a day or more: upper-back (thoracic) mobility."),
        condition=lambda f: f.desk_hours is not None and f.desk_hours >= 6,
        reason_code="desk_upper_back",
        phases=(2,),
        adds=THORACIC_MOBILITY,
    ),
    # A stiff or kyphotic upper back limits rib movement; thoracic mobility gives the breath
    # room (Part B 5.3, ref 106).
    Rule(
        id="thoracic_mobility",
        description=_("Limited thoracic mobility or increased kyphosis: upper-back mobility."),
        condition=lambda f: f.thoracic_limited or f.increased_kyphosis,
        reason_code="thoracic_mobility",
        phases=(2,),
        adds=("open-book", "thoracic-extension-chair", "cat-camel", "seated-rotation"),
    ),
    # Forward head posture: chin tucks and upper-back work (Part B 5.3, ref 106).
    Rule(
        id="forward_head",
        description=_("Forward head posture: chin tuck."),
        condition=lambda f: f.forward_head,
        reason_code="forward_head",
        phases=(2,),
        adds=("chin-tuck",),
    ),
    # Recurrent or chronic pain: motor-control exercise helps a little more than general
    # exercise in chronic and recurrent LBP (Byström 2013; Part B 5.1).
    Rule(
        id="recurrent",
        description=_("Recurrent or chronic complaints: a second, motor-control trunk exercise."),
        condition=lambda f: f.recurrent or f.duration == "chronic",
        reason_code="recurrent",
        phases=(2,),
        adds=("bird-dog", "dead-bug", "glute-bridge-breathing"),
    ),
    # Painful flexion: leave out the flexion-end-range exercise (Part B 5.3 cat-camel caution).
    Rule(
        id="flexion_painful",
        description=_("Painful flexion: no cat-camel."),
        condition=lambda f: f.flexion_painful,
        reason_code="flexion_painful",
        excludes=("cat-camel",),
    ),
    # Painful extension: leave out end-range extension over the chair back (no lumbar
    # hyperextension; Part B 5.3).
    Rule(
        id="extension_painful",
        description=_("Painful extension: no thoracic extension over the chair."),
        condition=lambda f: f.extension_painful,
        reason_code="extension_painful",
        excludes=("thoracic-extension-chair",),
    ),
    # --- Phase 3, integrate.
    # Breathing progression ends in walking and daily tasks (Part B 5.3).
    Rule(
        id="breathing_daily_life",
        description=_("Everyone: breathing carried into daily tasks."),
        condition=_always,
        reason_code="breathing_daily_life",
        phases=(3,),
        adds=("breathing-daily-tasks",),
    ),
    # Heavy work or onset while lifting: a calm exhale during effort (pursed-lip "use during
    # effort (stairs, lifting)", Part B 5.3) instead of holding the breath.
    Rule(
        id="lifting",
        description=_("Heavy work or onset while lifting: exhale during effort."),
        condition=lambda f: f.heavy_work or f.onset_mode == "sudden_lifting",
        reason_code="lifting",
        phases=(3,),
        adds=("pursed-lip-exhale",),
    ),
    # --- Fill: only while a phase is under 15 minutes a day, so a phase is full enough
    # without becoming a long list.
    Rule(
        id="foundation_fill",
        description=_("Phase 1 under 15 minutes: more calm breathing practice."),
        condition=_always,
        reason_code="foundation",
        phases=(1,),
        adds=(
            "slow-paced-breathing",
            "lateral-rib-breathing",
            "pursed-lip-exhale",
            "diaphragm-seated",
        ),
        take=MAX_ITEMS_PER_PHASE,
        fill=True,
    ),
    Rule(
        id="build_fill",
        description=_("Phase 2 under 15 minutes: more trunk work with the breath."),
        condition=_always,
        reason_code="build",
        phases=(2,),
        adds=(
            "glute-bridge-breathing",
            "pelvic-floor-activation",
            "dead-bug",
            "bird-dog",
            "cat-camel",
        ),
        take=MAX_ITEMS_PER_PHASE,
        fill=True,
    ),
    # Phase 3 fill carries the trunk work forward into standing and walking (Part B 5.3
    # drawing-in progression); walking itself is a daily habit.
    Rule(
        id="integrate_fill",
        description=_("Phase 3 under 15 minutes: trunk work carried forward."),
        condition=_always,
        reason_code="integrate",
        phases=(3,),
        adds=("tva-drawing-in", "glute-bridge-breathing", "bird-dog"),
        take=MAX_ITEMS_PER_PHASE,
        fill=True,
    ),
)


def describe_rules() -> tuple[dict, ...]:
    """Return every rule as plain data for the therapist-facing rules page."""
    return tuple(_describe(rule) for rule in RULES)


def _describe(rule: Rule) -> dict:
    """Return one rule as plain data, with its reason in both languages."""
    return {
        "id": rule.id,
        "description": rule.description,
        "phases": rule.phases,
        "adds": rule.adds,
        "excludes": rule.excludes,
        "blocks": rule.blocks,
        "fill": rule.fill,
        "habit": rule.habit,
        "gentle": rule.adjust is not None,
        "reason_code": rule.reason_code,
        "reason_nl": reason_text(rule.reason_code, "nl"),
        "reason_en": reason_text(rule.reason_code, "en"),
    }


def generate(findings: Findings, exercises: Iterable[ExerciseLike]) -> PlanDraft:
    """Draft a three-phase home plan from the findings and the exercise library."""
    fired = tuple(rule for rule in RULES if rule.condition(findings))
    blocker = next((rule for rule in fired if rule.blocks), None)
    if blocker is not None:
        return PlanDraft(
            blocked=True, blocked_reason=blocker.reason_code, items=(), rules_fired=(blocker.id,)
        )
    known = _index(exercises)
    held = frozenset(code for rule in fired for code in rule.excludes)
    contraindicated = findings.contraindications
    library = {
        code: exercise
        for code, exercise in known.items()
        if code not in held and contraindicated.isdisjoint(exercise.contraindications or ())
    }
    context = _Context(known=known, library=library, held=held, dropped=[])
    items = (
        *_build_habits(fired, context),
        *(item for phase in PHASES for item in _build_phase(phase, fired, context)),
    )
    return PlanDraft(
        blocked=False,
        blocked_reason=None,
        items=items,
        rules_fired=tuple(rule.id for rule in fired),
        dropped=tuple(context.dropped),
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What one `generate` call works with: every exercise, the usable ones, the drops."""

    known: dict[str, ExerciseLike]
    library: dict[str, ExerciseLike]
    held: frozenset[str]
    dropped: list[Dropped]


def is_habit(exercise: ExerciseLike) -> bool:
    """Return whether an exercise is a daily habit (outside the phases' budget)."""
    return exercise.category in HABIT_CATEGORIES


def _index(exercises: Iterable[ExerciseLike]) -> dict[str, ExerciseLike]:
    """Index the exercises by code; a code twice is a mistake in the library."""
    library: dict[str, ExerciseLike] = {}
    for exercise in exercises:
        if exercise.code in library:
            raise ValueError(f"duplicate exercise code {exercise.code!r}")
        library[exercise.code] = exercise
    return library


def _build_habits(fired: tuple[Rule, ...], context: _Context) -> list[PlanItemDraft]:
    """Return the daily habits: each habit rule's first usable exercise, once each."""
    habits: list[PlanItemDraft] = []
    for rule in fired:
        if not rule.habit:
            continue
        if any(item.exercise_code in rule.adds for item in habits):
            continue
        code = next((code for code in rule.adds if code in context.library), None)
        if code is None:
            context.dropped.append(
                Dropped(rule.id, HABITS_PHASE, _why_unusable(rule, context), (), habit=True)
            )
            continue
        item = _item(context.library[code], HABITS_PHASE, len(habits) + 1, rule.reason_code)
        habits.append(replace(item, habit=True))
    return habits


def _build_phase(phase: int, fired: tuple[Rule, ...], context: _Context) -> list[PlanItemDraft]:
    """Return one phase's items, letting the fired rules claim places in priority order."""
    adjusters = tuple(rule.adjust for rule in fired if rule.adjust is not None)
    chosen: list[PlanItemDraft] = []
    for rule in fired:
        if phase in rule.phases and not rule.habit:
            _apply(rule, phase, chosen, context, adjusters)
    return chosen


def _apply(
    rule: Rule,
    phase: int,
    chosen: list[PlanItemDraft],
    context: _Context,
    adjusters: tuple[Callable[[PlanItemDraft, str], PlanItemDraft], ...],
) -> None:
    """Add up to `rule.take` of the rule's codes that fit; codes already chosen count.

    A (non-fill) rule that ends up with none of its codes in the phase is reported as dropped.
    """
    wanted = rule.take - sum(item.exercise_code in rule.adds for item in chosen)
    for code in rule.adds:
        if wanted <= 0 or (rule.fill and _minutes(chosen) >= TARGET_MINUTES_PER_DAY):
            break
        item = _candidate(code, rule, phase, chosen, context.library, adjusters)
        if item is not None:
            chosen.append(item)
            wanted -= 1
    if rule.fill or any(item.exercise_code in rule.adds for item in chosen):
        return
    options = tuple(
        code
        for code in rule.adds
        if code in context.library and not is_habit(context.library[code])
    )
    if not options:
        why = _why_unusable(rule, context)
    elif len(chosen) >= MAX_ITEMS_PER_PHASE:
        why = DROPPED_FULL
    else:
        why = DROPPED_TIME
    context.dropped.append(Dropped(rule.id, phase, why, options))


def _why_unusable(rule: Rule, context: _Context) -> str:
    """Return why none of a rule's exercises may be used for this patient."""
    present = [code for code in rule.adds if code in context.known]
    if not present:
        return DROPPED_UNAVAILABLE
    if all(code in context.held for code in present):
        return DROPPED_HELD
    return DROPPED_CONTRAINDICATED


def _candidate(
    code: str,
    rule: Rule,
    phase: int,
    chosen: list[PlanItemDraft],
    library: dict[str, ExerciseLike],
    adjusters: tuple[Callable[[PlanItemDraft, str], PlanItemDraft], ...],
) -> PlanItemDraft | None:
    """Return the item for `code` if it is usable and fits the phase, else None."""
    exercise = library.get(code)
    if exercise is None or is_habit(exercise) or len(chosen) >= MAX_ITEMS_PER_PHASE:
        return None
    if any(item.exercise_code == code for item in chosen):
        return None
    item = _item(exercise, phase, len(chosen) + 1, rule.reason_code)
    for adjust in adjusters:
        item = adjust(item, exercise.category)
    if _minutes(chosen) + item.est_minutes > MAX_MINUTES_PER_DAY:
        return None
    return item


def _item(exercise: ExerciseLike, phase: int, order: int, reason_code: str) -> PlanItemDraft:
    """Return a plan item at the exercise's default dose."""
    return PlanItemDraft(
        exercise_code=exercise.code,
        phase=phase,
        order=order,
        sets=exercise.sets,
        reps=exercise.reps,
        minutes=exercise.minutes,
        hold_seconds=exercise.hold_seconds,
        times_per_day=exercise.times_per_day,
        days_per_week=exercise.days_per_week,
        est_minutes=exercise.est_minutes,
        reason_code=reason_code,
    )


def _minutes(items: list[PlanItemDraft]) -> int:
    """Return the summed estimated minutes a day of the items."""
    return sum(item.est_minutes for item in items)

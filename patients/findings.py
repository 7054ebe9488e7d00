"""Findings: everything the plan rules need to know about one episode, as one frozen value.

The pure part below has no ORM and no request in it, so the rules can be tested without a
database. The loader that builds a `Findings` from an episode's latest data goes at the end of
this module (see "Loader").
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

# Allowed values of the coded fields. The models' TextChoices must use the same codes.
DURATIONS = ("acute", "subacute", "chronic")
ONSET_MODES = ("sudden_lifting", "gradual_desk", "sport", "other")
RADIATIONS = ("none", "above_knee", "below_knee")
SBST_RISKS = ("low", "medium", "high")
HILO_RESULTS = ("functional", "upper_chest", "paradoxical", "unclear")
RATE_FLAGS = ("abnormal", "elevated", "upper_normal")
BREATH_ROUTES = ("nose", "mouth", "mixed")
LORDOSIS = ("normal", "flattened", "increased")
REDFLAG_LEVELS = ("none", "routine", "prompt", "urgent", "emergency")
REDFLAG_DECISIONS = ("referred", "gp_cleared", "continue_reasoned")

# Clinical reference Part A: at prompt or higher no plan until the therapist records a decision.
BLOCKING_LEVELS = ("prompt", "urgent", "emergency")

# Tags an exercise may carry in its `contraindications`; `Findings.contraindications` uses them.
CONTRAINDICATION_TAGS = ("late_pregnancy", "osteoporosis", "acute_severe_pain", "prone_intolerance")

# NPRS band "severe" is 7–10 (clinical reference Part A, instruments table).
SEVERE_PAIN_NPRS = 7

# Hi-Lo results that count as upper-chest breathing for the plan.
UPPER_CHEST_RESULTS = ("upper_chest", "paradoxical")

# Field -> allowed codes (None is always allowed). A tuple, not a dict: shared data stays frozen.
_CODED_FIELDS = (
    ("duration", DURATIONS),
    ("onset_mode", ONSET_MODES),
    ("radiation", RADIATIONS),
    ("sbst_risk", SBST_RISKS),
    ("hilo_supine", HILO_RESULTS),
    ("hilo_sitting", HILO_RESULTS),
    ("hilo_standing", HILO_RESULTS),
    ("rate_flag", RATE_FLAGS),
    ("breath_route", BREATH_ROUTES),
    ("lumbar_lordosis", LORDOSIS),
    ("redflag_decision", REDFLAG_DECISIONS),
)

# Contraindication answers that may be unknown (None), and the tag each one guards.
_ANSWER_FIELDS = ("late_pregnancy", "osteoporosis", "prone_tolerated")

# Field -> inclusive (low, high) range for numbers (None is always allowed).
_RANGED_FIELDS = (
    ("nprs", 0, 10),
    ("stress", 0, 10),
    ("nq_total", 0, 64),
    ("desk_hours", 0, 24),
    ("resp_rate", 0, 120),
    ("breath_hold_seconds", 0, 600),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Findings:
    """Hold the screening findings of one episode that drive the home plan."""

    # Complaint history
    duration: str | None = None
    onset_mode: str | None = None
    recurrent: bool = False
    nprs: int | None = None
    radiation: str | None = None

    # Risk and psychosocial factors (yellow flags)
    sbst_risk: str | None = None
    stress: int | None = None
    fear_of_movement: bool = False

    # Work and lifestyle
    desk_hours: float | None = None
    heavy_work: bool = False
    sleep_poor: bool = False
    activity_low: bool = False

    # Nijmegen Questionnaire; the loader applies the clinic's threshold setting.
    nq_total: int | None = None
    nq_elevated: bool = False
    nq_borderline: bool = False

    # Breathing observation
    hilo_supine: str | None = None
    hilo_sitting: str | None = None
    hilo_standing: str | None = None
    resp_rate: int | None = None
    rate_flag: str | None = None
    breath_route: str | None = None
    sighs: bool = False
    accessory_muscles: bool = False
    breath_hold_seconds: int | None = None

    # Posture and movement
    thoracic_limited: bool = False
    forward_head: bool = False
    increased_kyphosis: bool = False
    lumbar_lordosis: str | None = None
    flexion_painful: bool = False
    extension_painful: bool = False
    # Contraindication answers: None means not answered (yet). Unknown is not "no": the
    # generator treats an unanswered contraindication as present (see `contraindications`).
    prone_tolerated: bool | None = None

    # Cautions
    late_pregnancy: bool | None = None
    osteoporosis: bool | None = None

    # Red-flag screen
    redflag_level: str = "none"
    redflag_decision: str | None = None

    def __post_init__(self) -> None:
        """Reject codes and numbers outside their domain, so a typo cannot silence a rule."""
        if self.redflag_level not in REDFLAG_LEVELS:
            raise ValueError(f"redflag_level: unknown value {self.redflag_level!r}")
        for name, allowed in _CODED_FIELDS:
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name}: unknown value {value!r}")
        for name in _ANSWER_FIELDS:
            if getattr(self, name) not in (True, False, None):
                raise ValueError(f"{name}: must be True, False or None (not answered)")
        for name, low, high in _RANGED_FIELDS:
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name}: {value!r} is outside {low}–{high}")

    @property
    def acute_severe_pain(self) -> bool:
        """Return whether pain is severe (NPRS 7–10) in an acute episode (< 6 weeks)."""
        return self.duration == "acute" and self.nprs is not None and self.nprs >= SEVERE_PAIN_NPRS

    @property
    def upper_chest_breathing(self) -> bool:
        """Return whether Hi-Lo showed upper-chest or paradoxical breathing in any position."""
        positions = (self.hilo_supine, self.hilo_sitting, self.hilo_standing)
        return any(result in UPPER_CHEST_RESULTS for result in positions)

    @property
    def mouth_breathing(self) -> bool:
        """Return whether the patient breathes through the mouth (fully or partly) at rest."""
        return self.breath_route in ("mouth", "mixed")

    @property
    def abnormal_rate(self) -> bool:
        """Return whether the resting rate is abnormal (<= 8 or >= 25/min): medical review."""
        return self.rate_flag == "abnormal"

    @property
    def unanswered_contraindications(self) -> tuple[str, ...]:
        """Return the contraindication tags whose question was never answered."""
        answers = (
            ("late_pregnancy", self.late_pregnancy),
            ("osteoporosis", self.osteoporosis),
            ("prone_intolerance", self.prone_tolerated),
        )
        return tuple(tag for tag, answer in answers if answer is None)

    @property
    def contraindications(self) -> frozenset[str]:
        """Return the contraindication tags that apply to this patient.

        An unanswered question counts as the contraindication being present: unknown is not
        "no", so a plan drafted before the movement findings are filled in is a safe plan.
        """
        applies = (
            ("late_pregnancy", self.late_pregnancy),
            ("osteoporosis", self.osteoporosis),
            ("acute_severe_pain", self.acute_severe_pain),
            ("prone_intolerance", self.prone_tolerated is False),
        )
        present = {tag for tag, value in applies if value}
        return frozenset(present | set(self.unanswered_contraindications))

    @property
    def blocking_reason(self) -> str | None:
        """Return why no plan may be drafted ("referred" or the red-flag level), else None."""
        # A patient handed over to a doctor gets no home plan from us, whatever the level;
        # a new screen or a changed decision re-opens planning.
        if self.redflag_decision == "referred":
            return "referred"
        if self.redflag_level in BLOCKING_LEVELS and self.redflag_decision is None:
            return self.redflag_level
        return None

    @property
    def plan_blocked(self) -> bool:
        """Return whether the red-flag screen stops plan generation."""
        return self.blocking_reason is not None


# Loader ------------------------------------------------------------------------------------
# Reads the episode's latest data; the only part of this module that touches the database.

# NQ totals from here up to the clinic's threshold count as borderline (Part A).
NQ_BORDERLINE_FROM = 20


def load_findings(episode, *, today=None) -> Findings:
    """Build the Findings of an episode from its intake sections and latest measurements."""
    # Here, not at the top: Findings is what the pure plan rules import, and they must not load
    # models or the screening code; only this loader reads the database.
    from patients.models import BreathingObservation, InstrumentResponse  # noqa: PLC0415
    from patients.screening import breathing  # noqa: PLC0415

    today = today or timezone.localdate()
    sections = _sections(episode)
    latest = {}
    for response in InstrumentResponse.objects.filter(visit__episode=episode, valid=True).order_by(
        "visit__date", "visit__pk"
    ):
        latest[response.instrument] = response
    observation = (
        BreathingObservation.objects.filter(visit__episode=episode)
        .order_by("-visit__date", "-visit__pk")
        .first()
    )
    threshold = episode.clinic.nq_elevated_threshold
    movement = _movement(sections["movementfindings"])
    screen = _redflags(sections["redflagscreen"])
    osteoporosis = _osteoporosis(movement.pop("osteoporosis", None), screen.pop("osteo", None))
    return Findings(
        **_history(sections["complainthistory"], today),
        **_scores(latest, threshold),
        **_psychosocial(sections["psychosocial"]),
        **_work(sections["worklifestyle"]),
        **_observation(observation, breathing),
        **movement,
        **screen,
        osteoporosis=osteoporosis,
    )


def _osteoporosis(movement: bool | None, screen: bool | None) -> bool | None:
    """Combine both places osteoporosis is asked: yes (or unsure) in either one wins."""
    if movement or screen:
        return True
    if movement is None and screen is None:
        return None
    return False


def _sections(episode) -> dict:
    """Return each intake section row of the episode, or None where it is not filled yet."""
    names = (
        "complainthistory",
        "psychosocial",
        "worklifestyle",
        "movementfindings",
        "redflagscreen",
    )
    # One query for all five sections (reverse one-to-ones), instead of one query each.
    # The base manager: this reads the episode already in hand, so no clinic scope is needed.
    loaded = type(episode)._base_manager.select_related(*names).get(pk=episode.pk)
    found = {}
    for name in names:
        try:
            found[name] = getattr(loaded, name)
        except ObjectDoesNotExist:
            found[name] = None
    return found


def _history(history, today) -> dict:
    if history is None:
        return {}
    return {
        "duration": history.duration_on(today),
        "onset_mode": history.onset_mode,
        "recurrent": history.recurrent,
        "radiation": history.radiation,
    }


def _scores(latest, threshold) -> dict:
    values = {}
    if "nprs" in latest:
        values["nprs"] = int(latest["nprs"].total)
    if "sbst" in latest:
        values["sbst_risk"] = latest["sbst"].band or None
    if "nq" in latest:
        total = int(latest["nq"].total)
        values.update(
            nq_total=total,
            nq_elevated=total >= threshold,
            nq_borderline=NQ_BORDERLINE_FROM <= total < threshold,
        )
    return values


def _psychosocial(row) -> dict:
    if row is None:
        return {}
    return {"stress": row.stress, "fear_of_movement": row.fear_of_movement != "none"}


def _work(row) -> dict:
    if row is None:
        return {}
    return {
        "desk_hours": float(row.desk_hours),
        "heavy_work": row.heavy_work,
        "sleep_poor": row.sleep_quality == "poor",
        "activity_low": row.activity == "low",
    }


def _observation(row, breathing) -> dict:
    if row is None:
        return {}
    return {
        "hilo_supine": row.hilo_supine or None,
        "hilo_sitting": row.hilo_sitting or None,
        "hilo_standing": row.hilo_standing or None,
        "resp_rate": row.rate,
        "rate_flag": breathing.rate_flag(row.rate) if row.rate is not None else None,
        "breath_route": row.route or None,
        "sighs": bool(row.sighs),
        "accessory_muscles": bool(row.accessory_muscles),
        "breath_hold_seconds": row.breath_hold_seconds,
    }


def _movement(row) -> dict:
    if row is None:
        return {}
    return {
        "thoracic_limited": row.thoracic_mobility == "limited",
        "forward_head": row.forward_head,
        "increased_kyphosis": row.increased_kyphosis,
        "lumbar_lordosis": row.lumbar_lordosis or None,
        "flexion_painful": row.lumbar_flexion == "painful",
        "extension_painful": row.lumbar_extension == "painful",
        "prone_tolerated": row.prone_tolerated,
        "late_pregnancy": row.late_pregnancy,
        "osteoporosis": row.osteoporosis,
    }


def _redflags(row) -> dict:
    if row is None:
        return {}
    # The red-flag question "osteoporosis or long-term corticosteroids": yes or unsure is the
    # osteoporosis contraindication (doubt never clears); an unanswered question stays unknown.
    answer = (
        (row.answers or {}).get("osteoporosis_steroids") if isinstance(row.answers, dict) else None
    )
    osteo = None if answer is None else answer in ("yes", "unsure")
    return {"redflag_level": row.level, "redflag_decision": row.decision or None, "osteo": osteo}

"""Red-flag definitions and triage: the tool prompts and records, it never clears a patient."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NONE = "none"
ROUTINE = "routine"
PROMPT = "prompt"
URGENT = "urgent"
EMERGENCY = "emergency"
#: Action levels, least to most pressing.
LEVELS = (NONE, ROUTINE, PROMPT, URGENT, EMERGENCY)
#: Not a level: no answer was positive, but not every question was answered. "None" needs every
#: answer; a missing answer is never read as "no". Never stored (the screen form asks them all).
NOT_SCREENED = "not_screened"

LEVEL_CHOICES = (
    (NONE, _("No red flags")),
    (ROUTINE, _("Routine")),
    (PROMPT, _("Prompt (within days)")),
    (URGENT, _("Urgent (same day)")),
    (EMERGENCY, _("Emergency (now)")),
)

# What the screen tells the therapist to do at each level.
ACTIONS = (
    (NONE, _("No red flag answered yes or unsure. This does not clear the patient.")),
    (ROUTINE, _("Routine GP referral advised; the plan may continue.")),
    (PROMPT, _("Contact the GP.")),
    (URGENT, _("Contact the GP today.")),
    (EMERGENCY, _("Possible cauda equina: contact the GP / out-of-hours GP now.")),
)

YES = "yes"
NO = "no"
UNSURE = "unsure"
ANSWER_CHOICES = (
    (YES, _("Yes")),
    (NO, _("No")),
    (UNSURE, _("Unsure")),
)
# Unsure counts as yes: doubt is a reason to prompt, never to clear.
POSITIVE_ANSWERS = frozenset({YES, UNSURE})

REFERRED = "referred"
GP_CLEARED = "gp_cleared"
CONTINUE_REASONED = "continue_reasoned"
DECISION_CHOICES = (
    (REFERRED, _("Referred")),
    (GP_CLEARED, _("GP contacted and cleared")),
    (CONTINUE_REASONED, _("Continue with written reasoning")),
)


@dataclass(frozen=True)
class Flag:
    """One red flag: its code, the level it raises to, and the therapist-facing question."""

    code: str
    level: str
    question: Promise | str


# The questions the therapist answers, in screen order (most pressing first).
FLAGS = (
    Flag("ces_bladder", EMERGENCY, _("New bladder problems: retention, hesitancy, incontinence?")),
    Flag("ces_bowel", EMERGENCY, _("Loss of bowel control or bowel incontinence?")),
    Flag("ces_saddle", EMERGENCY, _("Numbness or altered feeling in the saddle or genital area?")),
    Flag("ces_sexual", EMERGENCY, _("New sexual dysfunction?")),
    Flag("bilateral_leg", EMERGENCY, _("Pain, numbness or weakness in both legs?")),
    Flag("progressive_weakness", URGENT, _("Severe or worsening leg weakness or gait problems?")),
    Flag("fever_unwell", URGENT, _("Fever, chills or feeling generally unwell?")),
    Flag("immunosuppressed", URGENT, _("Immunosuppressed by illness or medication?")),
    Flag("iv_drug_use", URGENT, _("Intravenous drug use?")),
    Flag("cancer_history", PROMPT, _("History of cancer?")),
    Flag("weight_loss", PROMPT, _("Unexplained weight loss?")),
    Flag("night_pain", PROMPT, _("Persistent night pain, not eased by changing position?")),
    Flag("trauma", PROMPT, _("Significant trauma, such as a fall or accident?")),
    Flag(
        "osteoporosis_steroids",
        PROMPT,
        _("Osteoporosis or long-term corticosteroid use (even minor trauma counts)?"),
    ),
    Flag("deformity", PROMPT, _("Marked structural deformity of the spine?")),
    Flag("not_improving", PROMPT, _("No improvement after about a month?")),
    Flag(
        "inflammatory_pattern",
        ROUTINE,
        _("Morning stiffness over 30 min, better with movement, onset before 45, over 3 months?"),
    ),
    # Translators: "niet-pluis" is the Dutch term for a clinician's sense that something is wrong.
    Flag("niet_pluis", PROMPT, _("Your own judgement: something is not right (niet-pluis)?")),
)

ONSET_AGE_BELOW = 20
ONSET_AGE_ABOVE = 50
# Derived from the age at first onset, never answered.
ONSET_AGE = Flag("onset_age", PROMPT, _("First onset before age 20 or after age 50"))
DERIVED_FLAGS = (ONSET_AGE,)

# Features of possible malignancy (clinical-reference B 4.2); with neurological signs they
# suggest spinal cord compression, which is an emergency.
CANCER_FLAGS = frozenset(
    {"cancer_history", "weight_loss", "night_pain", "onset_age", "not_improving"}
)
NEUROLOGICAL_FLAGS = frozenset({"progressive_weakness", "bilateral_leg"})

_ANSWERED = {flag.code: flag for flag in FLAGS}
_ALL = (*FLAGS, *DERIVED_FLAGS)


@dataclass(frozen=True)
class Triage:
    """The outcome of a red-flag screen."""

    level: str
    reasons: tuple[str, ...]
    needs_decision: bool
    unsure: tuple[str, ...] = ()
    # Questions without an answer; with no positive answer the level is NOT_SCREENED.
    missing: tuple[str, ...] = ()

    @property
    def action(self) -> Promise | str:
        """Return what the therapist should do now."""
        return action_text(self.level)


def triage(answers: Mapping[str, Any], *, age_at_onset: int | None = None) -> Triage:
    """Return the action level and the flags that raised it; unsure counts as yes.

    A positive answer raises its level even when other questions are unanswered. With no
    positive answer, level "none" needs every question answered "no"; otherwise the result is
    NOT_SCREENED: missing answers are not screened, never "no red flags".
    """
    cleaned = clean_answers(answers)
    positive = {code for code, answer in cleaned.items() if answer in POSITIVE_ANSWERS}
    if onset_age_flagged(age_at_onset):
        positive.add(ONSET_AGE.code)
    reasons = tuple(flag.code for flag in _ALL if flag.code in positive)
    level = highest_level(flag_by_code(code).level for code in reasons)
    if positive & CANCER_FLAGS and positive & NEUROLOGICAL_FLAGS:
        level = EMERGENCY
    unsure = tuple(code for code in reasons if cleaned.get(code) == UNSURE)
    missing = tuple(flag.code for flag in FLAGS if flag.code not in cleaned)
    if level == NONE and missing:
        return Triage(NOT_SCREENED, reasons, False, unsure, missing)
    return Triage(level, reasons, level_at_least(level, PROMPT), unsure, missing)


def clean_answers(answers: Mapping[str, Any]) -> dict[str, str]:
    """Validate answers (flag code to yes/no/unsure) and return them."""
    if not isinstance(answers, Mapping):
        raise ValidationError(_("Red-flag answers must map questions to answers."), code="invalid")
    errors: dict[str, list[ValidationError]] = {}
    unknown = sorted(str(code) for code in answers if code not in _ANSWERED)
    if unknown:
        message = _("%(codes)s: not a red-flag question.")
        errors[NON_FIELD_ERRORS] = [
            ValidationError(message, code="unknown_flag", params={"codes": ", ".join(unknown)})
        ]
    for code, answer in answers.items():
        if code in _ANSWERED and answer not in POSITIVE_ANSWERS | {NO}:
            message = _("%(question)s Answer yes, no or unsure.")
            params = {"question": _ANSWERED[code].question}
            errors[code] = [ValidationError(message, code="invalid_answer", params=params)]
    if errors:
        raise ValidationError(errors)
    return dict(answers)


def onset_age_flagged(age: int | None) -> bool:
    """Return whether a first onset at this age is a red flag (under 20 or over 50)."""
    if age is None:
        return False
    if isinstance(age, bool) or not isinstance(age, int) or age < 0:
        raise ValidationError(_("Enter the age at first onset in whole years."), code="invalid")
    return age < ONSET_AGE_BELOW or age > ONSET_AGE_ABOVE


def age_at_onset(date_of_birth: date, onset_date: date) -> int:
    """Return the age in whole years on the onset date."""
    if onset_date < date_of_birth:
        raise ValidationError(_("The onset date is before the date of birth."), code="invalid")
    before_birthday = (onset_date.month, onset_date.day) < (date_of_birth.month, date_of_birth.day)
    return onset_date.year - date_of_birth.year - int(before_birthday)


def flag_by_code(code: str) -> Flag:
    """Return the flag (answered or derived) with this code."""
    for flag in _ALL:
        if flag.code == code:
            return flag
    raise KeyError(code)


def level_rank(level: str) -> int:
    """Return the position of a level in LEVELS (higher is more pressing)."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"Unknown red-flag level {level!r}.") from None


def level_at_least(level: str, minimum: str) -> bool:
    """Return whether level is as pressing as minimum or more."""
    return level_rank(level) >= level_rank(minimum)


def highest_level(levels: Iterable[str]) -> str:
    """Return the most pressing of levels ("none" if there are none)."""
    return max(levels, key=level_rank, default=NONE)


def action_text(level: str) -> Promise | str:
    """Return the action text for a level."""
    if level == NOT_SCREENED:
        return _("Not every red-flag question is answered: this is not a screen yet.")
    for code, text in ACTIONS:
        if code == level:
            return text
    raise ValueError(f"Unknown red-flag level {level!r}.")

"""Observed breathing assessment: choices, rate flags and the list of positive findings.

This is a set of screening findings, not a diagnosis and not one combined score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from patients.instruments import nq
from patients.instruments.base import lazy_interpolate

SUPINE = "supine"
SITTING = "sitting"
STANDING = "standing"
POSITION_CHOICES = (
    (SUPINE, _("Supine")),
    (SITTING, _("Sitting")),
    (STANDING, _("Standing")),
)

FUNCTIONAL = "functional"
UPPER_CHEST = "upper_chest"
PARADOXICAL = "paradoxical"
UNCLEAR = "unclear"
HILO_CHOICES = (
    (FUNCTIONAL, _("Functional")),
    (UPPER_CHEST, _("Upper-chest dominant")),
    (PARADOXICAL, _("Paradoxical")),
    (UNCLEAR, _("Unclear")),
)

REGULAR = "regular"
IRREGULAR = "irregular"
RHYTHM_CHOICES = (
    (REGULAR, _("Regular")),
    (IRREGULAR, _("Irregular")),
)

NOSE = "nose"
MOUTH = "mouth"
MIXED = "mixed"
ROUTE_CHOICES = (
    (NOSE, _("Nose")),
    (MOUTH, _("Mouth")),
    (MIXED, _("Mixed")),
)

ABNORMAL = "abnormal"
ELEVATED = "elevated"
UPPER_NORMAL = "upper_normal"
RATE_FLAG_CHOICES = (
    (ABNORMAL, _("abnormal vital sign, medical review")),
    (ELEVATED, _("elevated, consider a medical cause")),
    (UPPER_NORMAL, _("upper-normal")),
)
# Highest rate (breaths/min) of each row, after the NEWS2 bands; 9-16 raises no flag.
RATE_BANDS = (
    (8, ABNORMAL),
    (16, None),
    (20, UPPER_NORMAL),
    (24, ELEVATED),
    (float("inf"), ABNORMAL),
)

# Buteyko practitioners call a hold under 20 s short; a practice convention, not validated.
SHORT_BREATH_HOLD_BELOW = 20

_POSITION_PHRASES = MappingProxyType(
    {
        # Translators: completes a finding such as "upper-chest dominant when sitting".
        SUPINE: _("when supine"),
        SITTING: _("when sitting"),
        STANDING: _("when standing"),
    }
)
_HILO_REASONS = MappingProxyType(
    {
        UPPER_CHEST: _("upper-chest dominant %(position)s"),
        PARADOXICAL: _("paradoxical breathing %(position)s"),
    }
)
_ROUTE_REASONS = MappingProxyType(
    {
        MOUTH: _("mouth breathing at rest"),
        MIXED: _("mixed nose and mouth breathing at rest"),
    }
)


@dataclass(frozen=True)
class BreathingFinding:
    """One positive finding with the reason shown to the therapist (rendered lazily)."""

    code: str
    reason: Promise | str
    position: str = ""


def rate_flag(rate: int) -> str | None:
    """Return the flag code for a resting rate in breaths/min, or None for 9-16."""
    _check_whole_number(rate, _("Enter the breathing rate as a whole number of breaths/min."))
    return next(flag for upper, flag in RATE_BANDS if rate <= upper)


def rate_flag_text(code: str) -> Promise | str:
    """Return the text shown with a rate flag code."""
    return dict(RATE_FLAG_CHOICES)[code]


def breathing_findings(
    *,
    nq_total: int | None = None,
    nq_threshold: int = nq.DEFAULT_THRESHOLD,
    hilo: Mapping[str, str] | None = None,
    rate: int | None = None,
    rhythm: str | None = None,
    route: str | None = None,
    sighs: bool | None = None,
    accessory: bool | None = None,
    breath_hold_seconds: int | None = None,
) -> tuple[BreathingFinding, ...]:
    """Return the positive breathing findings with their reasons; None or "" is not recorded."""
    return (
        *_nq_findings(nq_total, nq_threshold),
        *_hilo_findings(hilo or {}),
        *_rate_findings(rate),
        *_observation_findings(rhythm, route, sighs, accessory),
        *_breath_hold_findings(breath_hold_seconds),
    )


def _nq_findings(total: int | None, threshold: int) -> tuple[BreathingFinding, ...]:
    if total is None:
        return ()
    _check_whole_number(total, _("Enter the NQ total as a whole number from 0 to 64."))
    if total > nq.MAX_TOTAL:
        raise ValidationError(_("Enter the NQ total as a whole number from 0 to 64."))
    band = nq.band(total, threshold)
    params = {"total": total, "threshold": threshold}
    if band == "elevated":
        reason = lazy_interpolate(_("NQ %(total)s ≥ %(threshold)s"), params)
    elif band == "borderline":
        reason = lazy_interpolate(_("NQ %(total)s, borderline (below %(threshold)s)"), params)
    else:
        return ()
    return (BreathingFinding(f"nq_{band}", reason),)


def _hilo_findings(hilo: Mapping[str, str]) -> tuple[BreathingFinding, ...]:
    unknown = set(hilo) - set(_POSITION_PHRASES)
    if unknown:
        raise ValidationError(_("Unknown Hi-Lo position."), code="invalid")
    findings = []
    for position, phrase in _POSITION_PHRASES.items():
        pattern = hilo.get(position)
        _check_choice(pattern, HILO_CHOICES, _("Unknown Hi-Lo result."))
        if pattern in _HILO_REASONS:
            reason = lazy_interpolate(_HILO_REASONS[pattern], {"position": phrase})
            findings.append(BreathingFinding(f"hilo_{pattern}", reason, position))
    return tuple(findings)


def _rate_findings(rate: int | None) -> tuple[BreathingFinding, ...]:
    flag = None if rate is None else rate_flag(rate)
    if flag is None:
        return ()
    # Translators: e.g. "rate 19/min, upper-normal".
    message = _("rate %(rate)s/min, %(flag)s")
    reason = lazy_interpolate(message, {"rate": rate, "flag": rate_flag_text(flag)})
    return (BreathingFinding(f"rate_{flag}", reason),)


def _observation_findings(
    rhythm: str | None, route: str | None, sighs: bool | None, accessory: bool | None
) -> tuple[BreathingFinding, ...]:
    _check_choice(rhythm, RHYTHM_CHOICES, _("Unknown breathing rhythm."))
    _check_choice(route, ROUTE_CHOICES, _("Unknown breathing route."))
    for value in (sighs, accessory):
        if value is not None and not isinstance(value, bool):
            raise ValidationError(_("Answer yes or no."), code="invalid")
    findings = []
    if rhythm == IRREGULAR:
        findings.append(BreathingFinding("irregular_rhythm", _("irregular breathing rhythm")))
    if route in _ROUTE_REASONS:
        findings.append(BreathingFinding(f"{route}_breathing", _ROUTE_REASONS[route]))
    if sighs:
        findings.append(BreathingFinding("sighs", _("sighs or yawns seen")))
    if accessory:
        findings.append(BreathingFinding("accessory_muscles", _("accessory-muscle use at rest")))
    return tuple(findings)


def _breath_hold_findings(seconds: int | None) -> tuple[BreathingFinding, ...]:
    if seconds is None:
        return ()
    _check_whole_number(seconds, _("Enter the breath-hold time in whole seconds."))
    if seconds >= SHORT_BREATH_HOLD_BELOW:
        return ()
    message = _("breath-hold %(seconds)s s (practice convention, not validated)")
    reason = lazy_interpolate(message, {"seconds": seconds})
    return (BreathingFinding("short_breath_hold", reason),)


def _check_whole_number(value: Any, message: Promise) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(message, code="invalid")


def _check_choice(value: str | None, choices: tuple, message: Promise) -> None:
    # A blank model field ("") means not recorded, like None.
    if value not in (None, "") and value not in dict(choices):
        raise ValidationError(message, code="invalid")

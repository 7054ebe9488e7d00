"""Nijmegen Questionnaire: 16 symptoms, never (0) to very often (4); total 0-64."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import LOWER, Band, Instrument, LicenceStatus, Option, Score, band_for, choice_items

OPTIONS = (
    Option(0, _("Never")),
    Option(1, _("Rarely")),
    Option(2, _("Sometimes")),
    Option(3, _("Often")),
    Option(4, _("Very often")),
)

# Short topics for the 16 symptoms, in the published order.
TOPICS = (
    _("Chest pain"),
    _("Feeling tense"),
    _("Blurred vision"),
    _("Dizzy spells"),
    _("Feeling confused"),
    _("Faster or deeper breathing"),
    _("Short of breath"),
    _("Tight chest"),
    _("Bloated stomach"),
    _("Tingling fingers"),
    _("Unable to breathe deeply"),
    _("Stiff fingers or arms"),
    _("Tight feeling around the mouth"),
    _("Cold hands or feet"),
    _("Heart racing"),
    _("Feeling anxious"),
)

MAX_TOTAL = 64
DEFAULT_THRESHOLD = 23
# Scores from 20 up to the threshold are shown as borderline (some texts call > 19 abnormal).
BORDERLINE_FROM = 20

NORMAL_LABEL = _("Normal")
BORDERLINE_LABEL = _("Borderline")
ELEVATED_LABEL = _("Elevated")


def bands_for(threshold: int = DEFAULT_THRESHOLD) -> tuple[Band, ...]:
    """Return the band table for an elevated threshold (a clinic setting, 1-64)."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValueError(f"NQ threshold must be a whole number, not {threshold!r}.")
    if not 1 <= threshold <= MAX_TOTAL:
        raise ValueError(f"NQ threshold must be between 1 and {MAX_TOTAL}, not {threshold}.")
    normal = Band(min(BORDERLINE_FROM, threshold) - 1, "normal", NORMAL_LABEL)
    elevated = Band(MAX_TOTAL, "elevated", ELEVATED_LABEL)
    if threshold <= BORDERLINE_FROM:
        return (normal, elevated)
    return (normal, Band(threshold - 1, "borderline", BORDERLINE_LABEL), elevated)


def band(total: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """Return the band code of an NQ total for the given elevated threshold."""
    return band_for(total, bands_for(threshold)).code


class Nq(Instrument):
    """NQ: the total is the sum of the 16 items; the elevated threshold is configurable."""

    def score(
        self, answers: Mapping[str, Any], *, elevated_threshold: int = DEFAULT_THRESHOLD
    ) -> Score:
        """Score a complete response against the clinic's elevated threshold."""
        return self._score(self.clean(answers), elevated_threshold)

    def _score(self, answers: dict[str, int], threshold: int = DEFAULT_THRESHOLD) -> Score:
        total = sum(answers.values())
        return Score(total=total, band=band(total, threshold))


NQ = Nq(
    code="nq",
    version="1",
    name=_("Nijmegen Questionnaire (NQ)"),
    better=LOWER,
    # No published MCID: show the raw change and whether the threshold was crossed.
    mcid=None,
    source=(
        "van Dixhoorn J, Duivenvoorden HJ. J Psychosom Res 1985;29(2):199-206; "
        "van Dixhoorn J, Folgering H. ERJ Open Res 2015;1:00001-2015."
    ),
    licence=_("Free to use: declared not copyrighted by its developers (ERJ Open Research 2015)."),
    licence_status=LicenceStatus.FREE,
    items=choice_items(TOPICS, OPTIONS),
    bands=bands_for(DEFAULT_THRESHOLD),
)

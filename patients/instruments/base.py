"""Building blocks shared by every instrument: definitions, validation, scoring, change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.enums import TextChoices  # an enum type only: no database
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

Direction = Literal["higher", "lower"]
Number = int | float
HIGHER: Direction = "higher"
LOWER: Direction = "lower"

# Rounding guard for comparisons of float means and fractions against thresholds.
_PRECISION = 9


def _interpolate(message: Any, params: Mapping[str, Any]) -> str:
    return str(message) % params


#: Format a translatable %-style message lazily, so it renders in the language active when shown.
lazy_interpolate = lazy(_interpolate, str)


@dataclass(frozen=True)
class Option:
    """One answer choice: the stored int and its label."""

    value: int
    label: Promise | str


@dataclass(frozen=True)
class Item:
    """One question, identified by its stable key ("q1", ...) in published order."""

    key: str
    topic: Promise | str
    options: tuple[Option, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    min_label: Promise | str = ""
    max_label: Promise | str = ""
    required: bool = True

    def __post_init__(self) -> None:
        numeric = self.min_value is not None and self.max_value is not None
        if bool(self.options) == numeric:
            raise ValueError(f"Item {self.key} needs either options or min/max, not both.")

    @property
    def number(self) -> int:
        """Return the item's position in the published order (1-based)."""
        return int(self.key.removeprefix("q"))

    @property
    def is_numeric(self) -> bool:
        """Return whether the item is a numeric scale rather than a choice."""
        return not self.options

    def allows(self, value: int) -> bool:
        """Return whether value is a valid stored answer for this item."""
        if self.is_numeric:
            return self.min_value <= value <= self.max_value
        return any(option.value == value for option in self.options)

    def label_for(self, value: int) -> Promise | str:
        """Return the option label for a stored value (the number itself for scales)."""
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


@dataclass(frozen=True)
class Band:
    """A row of a band table: totals up to and including `upper` fall in this band."""

    upper: Number
    code: str
    label: Promise | str


@dataclass(frozen=True)
class Mcid:
    """The change that counts as clinically relevant: points and/or a fraction of baseline."""

    absolute: Number | None
    relative: float | None = None


@dataclass(frozen=True)
class Score:
    """The result of scoring one response."""

    total: Number | None
    band: str | None = None
    subscores: dict[str, Number] = field(default_factory=dict)
    valid: bool = True


def band_for(value: Number, bands: tuple[Band, ...]) -> Band:
    """Return the first band whose upper bound is at least value (bands sorted ascending)."""
    for band in bands:
        if value <= band.upper:
            return band
    raise ValueError(f"{value} is above every band.")


class LicenceStatus(TextChoices):
    """Whether the clinic may use an instrument in this software (for whoever installs it)."""

    FREE = "free", _("Free to use")
    PERMISSION_NEEDED = "permission", _("Permission needed before embedding")
    UNVERIFIED = "unverified", _("Permission status unverified")


@dataclass(frozen=True)
class Instrument:
    """A versioned questionnaire definition; subclasses supply the scoring rule."""

    code: str
    version: str
    name: Promise | str
    better: Direction | None
    mcid: Mcid | None
    source: str
    licence: Promise | str
    licence_status: LicenceStatus
    items: tuple[Item, ...]
    bands: tuple[Band, ...] = ()

    @property
    def item_keys(self) -> tuple[str, ...]:
        """Return the item keys in published order."""
        return tuple(item.key for item in self.items)

    def item(self, key: str) -> Item:
        """Return the item with this key."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def band_label(self, code: str | None) -> Promise | str:
        """Return the label of a band code ("" for no band)."""
        return next((band.label for band in self.bands if band.code == code), "")

    def clean(self, answers: Mapping[str, Any], *, partial: bool = False) -> dict[str, int]:
        """Validate answers and return them in item order; partial allows missing items."""
        if not isinstance(answers, Mapping):
            raise ValidationError(
                _("Answers must map item keys to numbers."), code="invalid_answers"
            )
        errors = self._unknown_key_errors(answers)
        cleaned: dict[str, int] = {}
        for item in self.items:
            error = self._item_error(item, answers.get(item.key), partial=partial)
            if error is not None:
                errors[item.key] = [error]
            elif answers.get(item.key) is not None:
                cleaned[item.key] = answers[item.key]
        if errors:
            raise ValidationError(errors)
        return cleaned

    def is_complete(self, answers: Mapping[str, Any]) -> bool:
        """Return whether answers form a complete, valid response."""
        try:
            self.clean(answers)
        except ValidationError:
            return False
        return True

    def score(self, answers: Mapping[str, Any]) -> Score:
        """Score a complete response; raise ValidationError if it is incomplete or invalid."""
        return self._score(self.clean(answers))

    def draft_score(self, answers: Mapping[str, Any], **options: Any) -> Score:
        """Score a response that may be a draft: an incomplete one gets an invalid empty Score."""
        cleaned = self.clean(answers, partial=True)
        if not self.is_complete(cleaned):
            return Score(total=None, band=None, subscores={}, valid=False)
        return self.score(cleaned, **options)

    def _score(self, answers: dict[str, int]) -> Score:
        raise NotImplementedError

    def _unknown_key_errors(self, answers: Mapping[str, Any]) -> dict[str, list]:
        unknown = sorted(str(key) for key in answers if key not in self.item_keys)
        if not unknown:
            return {}
        error = ValidationError(
            _("%(keys)s: not an item of %(instrument)s."),
            code="unknown_item",
            params={"keys": ", ".join(unknown), "instrument": self.name},
        )
        return {NON_FIELD_ERRORS: [error]}

    def _item_error(self, item: Item, value: Any, *, partial: bool) -> ValidationError | None:
        params = {"number": item.number, "topic": item.topic, "value": value}
        if value is None:
            if partial or not item.required:
                return None
            # Translators: e.g. "Question 3 (Dizzy spells): please answer."
            message = _("Question %(number)s (%(topic)s): please answer.")
            return ValidationError(message, code="required", params=params)
        if isinstance(value, bool) or not isinstance(value, int):
            message = _("Question %(number)s (%(topic)s): the answer must be a whole number.")
            return ValidationError(message, code="invalid", params=params)
        if not item.allows(value):
            return _range_error(item, params)
        return None


def _range_error(item: Item, params: dict[str, Any]) -> ValidationError:
    if item.is_numeric:
        message = _(
            "Question %(number)s (%(topic)s): enter a whole number from %(min)s to %(max)s."
        )
        params = {**params, "min": item.min_value, "max": item.max_value}
    else:
        message = _("Question %(number)s (%(topic)s): %(value)s is not one of the answer options.")
    return ValidationError(message, code="out_of_range", params=params)


def numeric_item(
    key: str,
    topic: Promise | str,
    low: int,
    high: int,
    *,
    anchors: tuple[Promise | str, Promise | str] = ("", ""),
    required: bool = True,
) -> Item:
    """Return a numeric-scale item from low to high with optional end labels."""
    return Item(
        key=key,
        topic=topic,
        min_value=low,
        max_value=high,
        min_label=anchors[0],
        max_label=anchors[1],
        required=required,
    )


def choice_items(
    topics: tuple[Promise | str, ...], options: tuple[Option, ...]
) -> tuple[Item, ...]:
    """Return items q1..qN sharing one option set, one per topic in published order."""
    return tuple(
        Item(key=f"q{number}", topic=topic, options=options)
        for number, topic in enumerate(topics, start=1)
    )


def relevant_improvement(
    instrument: Instrument,
    baseline: Number | Decimal,
    latest: Number | Decimal,
    *,
    baseline_items: Mapping[str, Any] | None = None,
    latest_items: Mapping[str, Any] | None = None,
) -> bool:
    """Return whether latest improves on baseline by the absolute or the relative MCID.

    Instruments with a single-item threshold (`mcid_single_activity`, the PSK: 3 points on one
    activity) also count an improvement of that size on any one item rated both times; pass
    the item answers of both measurements for that.
    """
    mcid = instrument.mcid
    if mcid is None or instrument.better is None:
        return False
    if _single_item_improved(instrument, baseline_items, latest_items):
        return True
    # Stored totals may come back as Decimal; thresholds are floats.
    baseline, latest = float(baseline), float(latest)
    change = baseline - latest if instrument.better == LOWER else latest - baseline
    if mcid.absolute is not None and _at_least(change, mcid.absolute):
        return True
    # A baseline of 0 leaves nothing to improve on relatively.
    if mcid.relative is None or baseline == 0:
        return False
    return _at_least(change, mcid.relative * baseline)


def _single_item_improved(instrument, baseline_items, latest_items) -> bool:
    """Return whether one item improved by the instrument's single-item threshold."""
    threshold = getattr(instrument, "mcid_single_activity", None)
    if threshold is None or not baseline_items or not latest_items:
        return False
    for code, before in baseline_items.items():
        after = latest_items.get(code)
        if not isinstance(before, int | float) or not isinstance(after, int | float):
            continue
        change = before - after if instrument.better == LOWER else after - before
        if _at_least(change, threshold):
            return True
    return False


def _at_least(value: Number, threshold: Number) -> bool:
    return round(value - threshold, _PRECISION) >= 0

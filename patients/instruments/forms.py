"""Build a Django form class from an instrument definition (no database, no saving)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import Instrument, Item, Option, lazy_interpolate
from .psk import Psk

ACTIVITY_NAME_MAX_LENGTH = 100


class InstrumentForm(forms.Form):
    """Validate one response through its instrument; subclasses are built per instrument."""

    instrument: Instrument
    partial: bool = False
    #: The option set every choice item shares (for a grid header), or None.
    shared_options: tuple[Option, ...] | None = None

    def clean(self) -> dict[str, Any]:
        """Validate the answers as a whole through the instrument."""
        cleaned = super().clean()
        # Field errors already name their item; the instrument's check would only repeat them.
        if not self.errors:
            self.instrument.clean(self.answers(), partial=self.partial)
        return cleaned

    def answers(self) -> dict[str, int]:
        """Return the answered items as ints, keyed by item key."""
        data = getattr(self, "cleaned_data", {})
        return {key: data[key] for key in self.instrument.item_keys if data.get(key) is not None}


class PskForm(InstrumentForm):
    """PSK: each rating goes with the name of the activity it rates."""

    def clean(self) -> dict[str, Any]:
        """Require a name for every rating (and a rating for every name unless partial)."""
        cleaned = super().clean()
        for item in self.instrument.items:
            self._check_activity_pair(item.number)
        return cleaned

    def activity_names(self) -> dict[str, str]:
        """Return the named activities, keyed by the item key of their rating."""
        data = getattr(self, "cleaned_data", {})
        names = {item.key: data.get(f"activity{item.number}") for item in self.instrument.items}
        return {key: name for key, name in names.items() if name}

    def _check_activity_pair(self, number: int) -> None:
        name_field, rating_field = f"activity{number}", f"q{number}"
        if rating_field in self.errors or name_field in self.errors:
            return
        name = self.cleaned_data.get(name_field)
        rating = self.cleaned_data.get(rating_field)
        if rating is not None and not name:
            self.add_error(name_field, _("Name the activity you rated."))
        elif name and rating is None and not self.partial:
            self.add_error(rating_field, _("Rate this activity from 0 to 10."))


def instrument_form_class(instrument: Instrument, *, partial: bool = False) -> type[InstrumentForm]:
    """Return a form class with one field per item; partial makes every field optional."""
    base = PskForm if isinstance(instrument, Psk) else InstrumentForm
    fields: dict[str, forms.Field] = {}
    for item in instrument.items:
        if base is PskForm:
            fields[f"activity{item.number}"] = _activity_name_field(item)
        fields[item.key] = item_field(item, required=item.required and not partial)
    attrs = {
        **fields,
        "instrument": instrument,
        "partial": partial,
        "shared_options": _shared_options(instrument),
        "__module__": __name__,
    }
    return type(f"{instrument.code.title()}Form", (base,), attrs)


def item_field(item: Item, *, required: bool) -> forms.Field:
    """Return the form field for one item: radio buttons for choices, a number for scales."""
    if item.is_numeric:
        return forms.IntegerField(
            label=item.topic,
            min_value=item.min_value,
            max_value=item.max_value,
            required=required,
            help_text=_scale_help(item),
        )
    # Radio buttons keep a grid usable with the keyboard alone (arrow keys within a row).
    return forms.TypedChoiceField(
        label=item.topic,
        choices=[(option.value, option.label) for option in item.options],
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
    )


def _activity_name_field(item: Item) -> forms.CharField:
    # Translators: label of the free-text name of a PSK activity, e.g. "Name of activity 1".
    label = lazy_interpolate(_("Name of activity %(number)s"), {"number": item.number})
    return forms.CharField(label=label, max_length=ACTIVITY_NAME_MAX_LENGTH, required=False)


def _scale_help(item: Item) -> Any:
    if not (item.min_label and item.max_label):
        return ""
    # Translators: end labels of a scale, e.g. "0 = no pain, 10 = worst pain imaginable".
    message = _("%(min)s = %(min_label)s, %(max)s = %(max_label)s")
    params = {
        "min": item.min_value,
        "max": item.max_value,
        "min_label": item.min_label,
        "max_label": item.max_label,
    }
    return lazy_interpolate(message, params)


def _shared_options(instrument: Instrument) -> tuple[Option, ...] | None:
    first = instrument.items[0].options
    if first and all(item.options == first for item in instrument.items):
        return first
    return None

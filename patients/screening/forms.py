"""Forms of the breathing-pattern screening: the NQ grid, the observation, the unlock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from clinic.printable import plain_text
from patients import instruments
from patients.instruments.base import Item
from patients.instruments.forms import instrument_form_class
from patients.models import BreathingObservation, InstrumentResponse
from patients.screening import breathing
from patients.screening import services as screening

NQ = instruments.get("nq")
NOT_RECORDED = _("Not recorded")
YES_NO_CHOICES = (("", NOT_RECORDED), ("True", _("Yes")), ("False", _("No")))


@dataclass(frozen=True)
class NqRow:
    """One row of the NQ grid: the item, its bound field and the previous answer."""

    item: Item
    field: forms.BoundField
    previous: Any


class NqForm(instrument_form_class(NQ, partial=True)):
    """The 16 NQ items; every one is required unless the response is saved as a draft."""

    # Browser validation would block "save as draft"; the server gives the messages.
    use_required_attribute = False

    def __init__(
        self, *args, draft: bool = False, previous: InstrumentResponse | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.partial = draft
        self.previous = previous

    def clean(self) -> dict[str, Any]:
        """Validate through the instrument; a draft still needs one answer."""
        cleaned = super().clean()
        if self.errors and not self.partial:
            self._add_missing_answer_errors()
        if self.partial and not self.errors and not self.answers():
            raise forms.ValidationError(_("Answer at least one question to save a draft."))
        return cleaned

    def _add_missing_answer_errors(self) -> None:
        # The base form skips the instrument's check after a field error; still name every
        # unanswered question at once, so the therapist fixes the page in one go.
        try:
            self.instrument.clean(self.answers())
        except forms.ValidationError as error:
            for key, errors in getattr(error, "error_dict", {}).items():
                if key in self.fields and key not in self.errors:
                    self.add_error(key, errors)

    def rows(self) -> list[NqRow]:
        """Return one row per item with the previous visit's answer label (or None)."""
        answers = self.previous.answers if self.previous is not None else {}
        return [
            NqRow(item, self[item.key], _answer_label(item, answers.get(item.key)))
            for item in NQ.items
        ]


def _answer_label(item: Item, value: Any) -> Any:
    if not isinstance(value, int) or not item.allows(value):
        return None
    return item.label_for(value)


class ObservationForm(forms.ModelForm):
    """The observed breathing assessment of one visit."""

    rate = forms.IntegerField(
        label=_("Resting respiratory rate (breaths per minute)"),
        min_value=1,
        max_value=80,
        required=False,
        help_text=_("Counted over a full minute."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    breath_hold_seconds = forms.IntegerField(
        label=_("Breath-hold after a relaxed exhale (seconds)"),
        min_value=0,
        max_value=300,
        required=False,
        help_text=_("Practice convention, not validated."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sighs = forms.TypedChoiceField(
        label=_("Sighs or yawns seen"),
        choices=YES_NO_CHOICES,
        coerce={"True": True, "False": False}.get,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    accessory_muscles = forms.TypedChoiceField(
        label=_("Accessory-muscle use at rest"),
        choices=YES_NO_CHOICES,
        coerce={"True": True, "False": False}.get,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = BreathingObservation
        fields = screening.OBSERVATION_FIELDS
        widgets = {
            "hilo_supine": forms.RadioSelect,
            "hilo_sitting": forms.RadioSelect,
            "hilo_standing": forms.RadioSelect,
            "rhythm": forms.RadioSelect,
            "route": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, previous: BreathingObservation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        choices = {
            "hilo_supine": breathing.HILO_CHOICES,
            "hilo_sitting": breathing.HILO_CHOICES,
            "hilo_standing": breathing.HILO_CHOICES,
            "rhythm": breathing.RHYTHM_CHOICES,
            "route": breathing.ROUTE_CHOICES,
        }
        for name, options in choices.items():
            self.fields[name].choices = [("", NOT_RECORDED), *options]
        # Free text, like every other note of the record: plain text only.
        self.fields["notes"].validators.append(plain_text)

    def clean(self) -> dict[str, Any]:
        """Refuse an observation with nothing recorded."""
        cleaned = super().clean()
        if not self.errors and all(cleaned.get(name) in (None, "") for name in self.fields):
            raise forms.ValidationError(_("Record at least one observation."))
        return cleaned

    def saved_rate_text(self) -> str | None:
        """Return the saved rate with its flag, e.g. "19/min, upper-normal" (None if unsaved)."""
        rate = self.initial.get("rate")
        return screening.rate_text(rate) if rate is not None else None

    def rows(self) -> list[tuple[forms.BoundField, Any]]:
        """Return each field with the previous visit's value as text (or None)."""
        return [(self[name], self._previous_text(name)) for name in self.fields]

    def _previous_text(self, name: str) -> Any:
        value = getattr(self.previous, name, None)
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if name == "notes":
            return Truncator(value).chars(80)
        if name == "rate":
            return screening.rate_text(value)
        if name == "breath_hold_seconds":
            return _("%(seconds)s s") % {"seconds": value}
        return getattr(self.previous, f"get_{name}_display")()


class UnlockForm(forms.Form):
    """The therapist's password, to end self-entry."""

    password = forms.CharField(
        label=_("Therapist's password"),
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        """Check the password against the signed-in therapist's."""
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."))
        return password

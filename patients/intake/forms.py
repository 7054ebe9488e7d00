"""Intake section forms: each validates one section and lays it out; none of them saves.

A section is one page the therapist submits at once. `IntakeSectionForm` binds the section's
own fields (a model form, or the red-flag questions) together with the questionnaires it
contains (generated from the instrument definitions, one prefix per instrument), and is valid
only when every part is valid.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clinic.printable import printable
from patients import instruments, redflags
from patients.instruments.base import Instrument
from patients.instruments.forms import InstrumentForm, PskForm, instrument_form_class
from patients.models import (
    ComplaintHistory,
    Episode,
    InstrumentResponse,
    MovementFindings,
    Psychosocial,
    RedFlagScreen,
    WorkLifestyle,
)

# A tag opener ("<b", "</", "<!--", "<?"): harmless once escaped, but never meant as clinical text.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]")

# The therapist's own judgement: shown apart from the questions about the patient.
NIET_PLUIS = "niet_pluis"

NO_EARLIER_TREATMENT = "none"
EARLIER_TREATMENT_CHOICES = (
    # A context of its own: as an earlier treatment this is exercise therapy ("oefentherapie").
    ("exercises", pgettext_lazy("earlier treatment", "Exercises")),
    ("dry_needling", _("Dry needling")),
    ("massage", _("Massage")),
    ("manipulation", _("Manipulation")),
    (NO_EARLIER_TREATMENT, _("None")),
)


def no_markup(value: str) -> None:
    """Reject text that contains HTML tags."""
    if MARKUP.search(value):
        raise ValidationError(
            _("HTML is not allowed here: remove the < and > signs."), code="markup"
        )


def forbid_markup(form: forms.BaseForm) -> None:
    """Add the no-markup check to every free-text field of a form instance."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators.append(no_markup)


def drop_blank_radio_choices(form: forms.BaseForm) -> None:
    """Remove the "---------" choice model forms add to required radio buttons."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
            field.choices = [choice for choice in field.choices if choice[0] != ""]


# Radio grids ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    """One radio button of a grid row."""

    value: str
    label: Promise | str
    input_id: str
    checked: bool


@dataclass(frozen=True)
class GridRow:
    """One question of a grid: its bound field and a cell per answer."""

    field: forms.BoundField
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class Grid:
    """Questions that share one set of answers, laid out as a table of radio buttons."""

    options: tuple[tuple[str, Promise | str], ...]
    rows: tuple[GridRow, ...]

    @property
    def numbered(self) -> bool:
        """Return whether the answers are numbers (typing one chooses it)."""
        return all(value.isdigit() for value, _label in self.options)


def radio_grids(form: forms.BaseForm, names: tuple[str, ...]) -> tuple[Grid, ...]:
    """Group the named choice fields into grids, one per run of identical answer options."""
    grids: list[Grid] = []
    for name in names:
        bound = form[name]
        options = tuple((str(value), label) for value, label in bound.field.choices)
        row = GridRow(bound, tuple(_cells(bound, options)))
        if grids and grids[-1].options == options:
            grids[-1] = Grid(options, (*grids[-1].rows, row))
        else:
            grids.append(Grid(options, (row,)))
    return tuple(grids)


def _cells(bound: forms.BoundField, options):
    current = bound.value()
    current = "" if current is None else str(current)
    for index, (value, label) in enumerate(options):
        yield GridCell(value, label, f"{bound.auto_id}_{index}", value == current)


# Questionnaires --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentEntry:
    """The answers given to one questionnaire (and, for the PSK, the activities' names)."""

    code: str
    answers: dict[str, int]
    labels: dict[str, str]


@dataclass(frozen=True)
class InstrumentBlock:
    """One questionnaire on a section page: numeric items as rows, choice items as grids."""

    instrument: Instrument
    form: InstrumentForm
    rows: tuple[tuple[forms.BoundField, ...], ...]
    grids: tuple[Grid, ...]


@functools.cache
def _instrument_form_class(code: str, partial: bool) -> type[InstrumentForm]:
    return instrument_form_class(instruments.get(code), partial=partial)


def instrument_form(code: str, data, response: InstrumentResponse | None, *, partial: bool):
    """Return the questionnaire form, prefixed with its code, pre-filled from a response."""
    initial = None
    if response is not None:
        names = {f"activity{key.removeprefix('q')}": name for key, name in response.labels.items()}
        initial = {**response.answers, **names}
    form = _instrument_form_class(code, partial)(data, prefix=code, initial=initial)
    forbid_markup(form)
    return form


def instrument_block(form: InstrumentForm) -> InstrumentBlock:
    """Lay out a questionnaire form: PSK names beside their ratings, choices in grids."""
    numeric = tuple(item for item in form.instrument.items if item.is_numeric)
    rows = tuple(
        (form[f"activity{item.number}"], form[item.key])
        if isinstance(form, PskForm)
        else (form[item.key],)
        for item in numeric
    )
    choice_keys = tuple(item.key for item in form.instrument.items if not item.is_numeric)
    return InstrumentBlock(form.instrument, form, rows, radio_grids(form, choice_keys))


def instrument_entry(form: InstrumentForm) -> InstrumentEntry:
    """Return what a valid questionnaire form holds."""
    labels = form.activity_names() if isinstance(form, PskForm) else {}
    return InstrumentEntry(form.instrument.code, form.answers(), labels)


# The section's own fields ----------------------------------------------------------------------


def check_other(form: forms.BaseForm, cleaned: dict, fields: tuple[str, str], other, missing):
    """Check a choice with an 'Other' text beside it (``fields``: the choice, the text): the
    text is needed when the choice is ``other`` (``missing`` says so), refused otherwise."""
    field, text_field = fields
    choice, text = cleaned.get(field), cleaned.get(text_field)
    if choice == other and not text:
        form.add_error(text_field, missing)
    elif text and choice and choice != other:
        form.add_error(text_field, _("Choose 'Other' above, or leave this empty."))


class SectionFieldsMixin:
    """Fields of one section: pre-filled from the stored row, laid out for a tablet.

    The stored row is never bound as the instance: a rejected submission must not change
    objects that the rest of the page still shows.
    """

    required_fields: tuple[str, ...] = ()
    #: (legend, field names) groups; without them the fields follow each other.
    fieldsets: tuple[tuple[Promise | str, tuple[str, ...]], ...] = ()

    def __init__(self, data=None, *, episode: Episode, row=None, **kwargs):
        self.episode = episode
        initial = self.initial_from(row) if row is not None else None
        super().__init__(data, initial=initial, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        forbid_markup(self)
        drop_blank_radio_choices(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self._layout()

    def initial_from(self, row) -> dict[str, Any]:
        return model_to_dict(row, fields=list(self._meta.fields))

    def cleaned_fields(self) -> dict[str, Any]:
        """Return the values to store."""
        return dict(self.cleaned_data)

    def _layout(self) -> Layout:
        if not self.fieldsets:
            return Layout(*(self._layout_item(name) for name in self.fields))
        return Layout(
            *(
                Fieldset(legend, *(self._layout_item(name) for name in names))
                for legend, names in self.fieldsets
            )
        )

    def _layout_item(self, name: str):
        widget = self.fields[name].widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return InlineCheckboxes(name)
        if isinstance(widget, forms.RadioSelect):
            return InlineRadios(name)
        return name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker always reads and writes ISO dates.
        super().__init__(attrs, format="%Y-%m-%d")


class HistoryForm(SectionFieldsMixin, forms.ModelForm):
    fieldsets = (
        (
            _("Onset"),
            (
                "onset_date",
                "onset_mode",
                "onset_other",
                "recurrent",
                "previous_episodes",
                "first_onset_age",
            ),
        ),
        (
            _("The pain"),
            ("pain_location", "radiation", "pattern_24h", "aggravating", "easing", "sleep"),
        ),
        (_("Treatment so far"), ("earlier_treatment", "medication")),
    )
    earlier_treatment = forms.MultipleChoiceField(
        label=_("Earlier treatment"),
        choices=EARLIER_TREATMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ComplaintHistory
        fields = [
            "onset_date",
            "onset_mode",
            "onset_other",
            "recurrent",
            "previous_episodes",
            "first_onset_age",
            "pain_location",
            "radiation",
            "pattern_24h",
            "aggravating",
            "easing",
            "sleep",
            "earlier_treatment",
            "medication",
        ]
        widgets = {
            "onset_date": DateInput,
            "onset_mode": forms.RadioSelect,
            "radiation": forms.RadioSelect,
            "pattern_24h": forms.RadioSelect,
            "sleep": forms.RadioSelect,
            "aggravating": forms.Textarea(attrs={"rows": 2}),
            "easing": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "onset_date": _("Acute under 6 weeks, subacute 6 to 12 weeks, chronic over 12."),
            "onset_other": _("Only when it started another way."),
            "previous_episodes": _("Only for a recurrent episode."),
            "first_onset_age": _(
                "The age when back pain first started, ever. Needed for a recurrent episode; "
                "for a first episode the onset date gives it."
            ),
        }

    def clean_onset_date(self):
        onset = self.cleaned_data["onset_date"]
        born = self.episode.patient.date_of_birth
        if onset > timezone.localdate():
            raise ValidationError(_("The onset date cannot be in the future."), code="future")
        if onset < born:
            raise ValidationError(
                _("The onset date cannot be before the date of birth (%(born)s)."),
                code="before_birth",
                params={"born": born.strftime("%d-%m-%Y")},
            )
        return onset

    def clean_earlier_treatment(self):
        chosen = self.cleaned_data["earlier_treatment"]
        if NO_EARLIER_TREATMENT in chosen and len(chosen) > 1:
            raise ValidationError(
                _("'None' cannot be combined with a treatment."), code="none_and_other"
            )
        order = [code for code, _label in EARLIER_TREATMENT_CHOICES]
        return sorted(chosen, key=order.index)

    def clean(self):
        cleaned = super().clean()
        check_other(
            self,
            cleaned,
            ("onset_mode", "onset_other"),
            ComplaintHistory.OnsetMode.OTHER,
            _("Describe how it started."),
        )
        self._check_previous_episodes(cleaned)
        self._check_first_onset_age(cleaned)
        return cleaned

    def _check_first_onset_age(self, cleaned) -> None:
        first = cleaned.get("first_onset_age")
        if first is None:
            if cleaned.get("recurrent"):
                self.add_error(
                    "first_onset_age",
                    _("Enter the age at first onset of back pain: it decides a red flag."),
                )
            return
        onset = cleaned.get("onset_date")
        if onset is None:
            return
        try:
            now = redflags.age_at_onset(self.episode.patient.date_of_birth, onset)
        except ValidationError:
            return
        if first > now:
            self.add_error(
                "first_onset_age",
                _("This is later than the onset of this episode (age %(age)s).") % {"age": now},
            )

    def _check_previous_episodes(self, cleaned) -> None:
        previous = cleaned.get("previous_episodes")
        if previous is None:
            return
        if not cleaned.get("recurrent"):
            self.add_error("previous_episodes", _("Tick 'recurrent episode', or leave this empty."))
        elif previous < 1:
            self.add_error("previous_episodes", _("A recurrent episode has at least 1 before."))


class PsychosocialForm(SectionFieldsMixin, forms.ModelForm):
    class Meta:
        model = Psychosocial
        fields = ["stress", "fear_of_movement", "notes"]
        widgets = {
            "fear_of_movement": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"stress": _("0 = no stress, 10 = extreme stress.")}


class WorkForm(SectionFieldsMixin, forms.ModelForm):
    class Meta:
        model = WorkLifestyle
        fields = ["desk_hours", "breaks", "heavy_work", "activity", "sport", "sleep_quality"]
        widgets = {
            "desk_hours": forms.NumberInput(attrs={"step": "0.5"}),
            "breaks": forms.RadioSelect,
            "activity": forms.RadioSelect,
            "sleep_quality": forms.RadioSelect,
        }


class MovementForm(SectionFieldsMixin, forms.ModelForm):
    fieldsets = (
        (
            _("Lumbar range of motion"),
            ("lumbar_flexion", "lumbar_extension", "lumbar_side_bending", "lumbar_rotation"),
        ),
        (
            _("Thoracic spine and posture"),
            ("thoracic_mobility", "forward_head", "increased_kyphosis", "lumbar_lordosis"),
        ),
        (
            _("Tolerance and contraindications"),
            ("prone_tolerated", "late_pregnancy", "osteoporosis", "notes"),
        ),
    )

    class Meta:
        model = MovementFindings
        fields = [
            "lumbar_flexion",
            "lumbar_extension",
            "lumbar_side_bending",
            "lumbar_rotation",
            "thoracic_mobility",
            "forward_head",
            "increased_kyphosis",
            "lumbar_lordosis",
            "prone_tolerated",
            "late_pregnancy",
            "osteoporosis",
            "notes",
        ]
        widgets = {
            **{
                name: forms.RadioSelect
                for name in (
                    "lumbar_flexion",
                    "lumbar_extension",
                    "lumbar_side_bending",
                    "lumbar_rotation",
                    "thoracic_mobility",
                    "lumbar_lordosis",
                )
            },
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class DiagnosisForm(SectionFieldsMixin, forms.ModelForm):
    required_fields = ("diagnosis", "guideline_class", "goals")

    class Meta:
        model = Episode
        fields = ["diagnosis", "diagnosis_other", "guideline_class", "goals"]
        widgets = {
            "diagnosis": forms.RadioSelect,
            "guideline_class": forms.RadioSelect,
            "goals": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"diagnosis_other": _("Only when the diagnosis is 'Other'.")}

    def clean_goals(self):
        goals = self.cleaned_data.get("goals", "")
        printable(goals)  # printed on the home plan
        return goals

    def clean(self):
        cleaned = super().clean()
        check_other(
            self,
            cleaned,
            ("diagnosis", "diagnosis_other"),
            Episode.Diagnosis.OTHER,
            _("Name the working diagnosis."),
        )
        return cleaned


class RedFlagQuestionsForm(SectionFieldsMixin, forms.Form):
    """One yes / no / unsure question per red flag, the therapist's niet-pluis included."""

    def initial_from(self, row: RedFlagScreen) -> dict[str, Any]:
        return dict(row.answers)

    def grids_by_level(self) -> tuple[tuple[Promise | str, tuple[Grid, ...]], ...]:
        """Return the questions grouped under their level (most pressing first)."""
        groups = []
        for level, label in reversed(redflags.LEVEL_CHOICES):
            names = tuple(
                flag.code
                for flag in redflags.FLAGS
                if flag.level == level and flag.code != NIET_PLUIS
            )
            if names:
                groups.append((label, radio_grids(self, names)))
        groups.append((_("Your own judgement"), radio_grids(self, (NIET_PLUIS,))))
        return tuple(groups)


def _flag_field(flag: redflags.Flag) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=flag.question,
        choices=redflags.ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes, no or unsure.")},
    )


# One field per flag, generated from the definitions so a new flag gets its question.
RedFlagForm = type(
    "RedFlagForm",
    (RedFlagQuestionsForm,),
    {"__module__": __name__, **{flag.code: _flag_field(flag) for flag in redflags.FLAGS}},
)


class RedFlagDecisionForm(forms.Form):
    """The therapist's decision at red-flag level prompt or higher."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=RedFlagScreen.Decision.choices, widget=forms.RadioSelect
    )
    decision_note = forms.CharField(
        label=_("Reasoning"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you continue; useful for any decision."),
    )
    # The level the therapist saw: a decision is only valid for the level on the screen.
    level = forms.ChoiceField(choices=redflags.LEVEL_CHOICES, widget=forms.HiddenInput)

    def __init__(self, data=None, *, screen: RedFlagScreen | None):
        self.screen = screen
        initial = None
        if screen is not None:
            initial = {"decision": screen.decision or None, "decision_note": screen.decision_note}
            initial["level"] = screen.level
        super().__init__(data, initial=initial)
        forbid_markup(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(InlineRadios("decision"), "decision_note", "level")

    def clean(self):
        cleaned = super().clean()
        if self.screen is None:
            raise ValidationError(_("Answer the red-flag questions first."), code="no_screen")
        if cleaned.get("level") and cleaned["level"] != self.screen.level:
            raise ValidationError(
                _("The triage level has changed. Review it and decide again."), code="stale"
            )
        if cleaned.get("decision") == RedFlagScreen.Decision.CONTINUE and not cleaned.get(
            "decision_note"
        ):
            self.add_error("decision_note", _("Write down why you continue."))
        return cleaned


# Sections ---------------------------------------------------------------------------------------


class IntakeSectionForm:
    """The forms of one intake section, bound and validated together."""

    fields_form_class: type[forms.BaseForm] | None = None
    instrument_codes: tuple[str, ...] = ()

    def __init__(
        self,
        data=None,
        *,
        episode: Episode,
        row=None,
        responses: Mapping[str, InstrumentResponse] | None = None,
        draft: bool = False,
    ):
        self.draft = draft and self.allows_draft
        responses = responses or {}
        self.fields_form = None
        if self.fields_form_class is not None:
            # A draft may leave the section's own fields empty; filled in, they must be valid.
            self.fields_form = self.fields_form_class(
                data,
                episode=episode,
                row=row,
                empty_permitted=self.draft,
                use_required_attribute=not self.draft,
            )
        self.instrument_forms = tuple(
            instrument_form(code, data, responses.get(code), partial=self.draft)
            for code in self.instrument_codes
        )

    @property
    def allows_draft(self) -> bool:
        """Return whether the section may be saved incomplete (its questionnaires)."""
        return bool(self.instrument_codes)

    @property
    def forms(self) -> tuple[forms.BaseForm, ...]:
        own = (self.fields_form,) if self.fields_form is not None else ()
        return (*own, *self.instrument_forms)

    @property
    def blocks(self) -> tuple[InstrumentBlock, ...]:
        return tuple(instrument_block(form) for form in self.instrument_forms)

    def is_valid(self) -> bool:
        """Validate every part (so each shows its errors); valid only if all are."""
        results = [form.is_valid() for form in self.forms]
        return all(results)

    @property
    def error_count(self) -> int:
        return sum(len(form.errors) for form in self.forms)

    def section_fields(self) -> dict[str, Any] | None:
        """Return the section's own values to store; None when a draft left them empty."""
        form = self.fields_form
        if form is None or (form.empty_permitted and not form.has_changed()):
            return None
        return form.cleaned_fields()

    def instrument_entries(self) -> tuple[InstrumentEntry, ...]:
        """Return the answers of each questionnaire of the section."""
        return tuple(instrument_entry(form) for form in self.instrument_forms)


class HistorySectionForm(IntakeSectionForm):
    fields_form_class = HistoryForm


class PainSectionForm(IntakeSectionForm):
    instrument_codes = ("nprs", "psk", "qbpds")


class RedFlagSectionForm(IntakeSectionForm):
    fields_form_class = RedFlagForm


class PsychosocialSectionForm(IntakeSectionForm):
    fields_form_class = PsychosocialForm
    instrument_codes = ("sbst",)


class WorkSectionForm(IntakeSectionForm):
    fields_form_class = WorkForm


class MovementSectionForm(IntakeSectionForm):
    fields_form_class = MovementForm


class DiagnosisSectionForm(IntakeSectionForm):
    fields_form_class = DiagnosisForm

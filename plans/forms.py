"""Forms of the plan editor, the library filter and the exercise editor (validate and lay out)."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from clinic.models import Language
from clinic.printable import plain_text, printable
from patients.findings import CONTRAINDICATION_TAGS
from plans import rules
from plans.models import DOSE_FIELDS, DOSE_LIMITS, Exercise, PlanItem, validate_tags
from plans.services import PHASE_ITEM_LIMIT, EditAction, ItemEdit, PlanChanges
from plans.tags import tag_label

PHASE_CHOICES = (
    (1, _("1 · Foundation: breathing and calm")),
    (2, _("2 · Build: core with the breath, mobility")),
    (3, _("3 · Integrate: daily life and work")),
)
CONTRAINDICATION_LABELS = {
    "late_pregnancy": _("Late pregnancy"),
    "osteoporosis": _("Osteoporosis"),
    "acute_severe_pain": _("Acute severe pain"),
    "prone_intolerance": _("Cannot lie on the belly"),
}
CONTRAINDICATION_CHOICES = tuple(
    (tag, CONTRAINDICATION_LABELS[tag]) for tag in CONTRAINDICATION_TAGS
)
MAX_APPOINTMENT_DAYS = 366
# The editor's small actions, sent by the button pressed: "up:12", "add:5:2", "suggest:3".
ACTION = re.compile(
    r"(?P<kind>up|down|remove|add|suggest|swap):(?P<target>\d{1,9})(?::(?P<phase>[123]))?"
)
ACTION_NEEDS_PHASE = ("add",)


def dose_field(name: str, *, required: bool = False) -> forms.IntegerField:
    """Return the form field of one dose value with its limits."""
    low, high = next((lo, hi) for field, lo, hi in DOSE_LIMITS if field == name)
    return forms.IntegerField(
        label=PlanItem._meta.get_field(name).verbose_name,
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "dose-input"}),
    )


def check_reps_or_minutes(form: forms.Form, cleaned: dict) -> None:
    """Add an error unless exactly one of repetitions and minutes is given."""
    if "reps" in form.errors or "minutes" in form.errors:
        return
    if cleaned.get("reps") is None and cleaned.get("minutes") is None:
        form.add_error("reps", _("Give repetitions or minutes."))
    elif cleaned.get("reps") is not None and cleaned.get("minutes") is not None:
        form.add_error("minutes", _("Give repetitions or minutes, not both."))


class PlanForm(forms.Form):
    """The plan-wide fields of the editor, the edit number and the button pressed."""

    lock_version = forms.IntegerField(min_value=0, max_value=2**31, widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the plan"), choices=Language.choices)
    next_appointment = forms.DateTimeField(
        label=_("Next appointment"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("Note for the patient"),
        required=False,
        max_length=2000,
        validators=[plain_text, printable],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    op = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_next_appointment(self):
        value = self.cleaned_data["next_appointment"]
        if value is None:
            return value
        today = timezone.localdate()
        if timezone.localdate(value) < today:
            raise forms.ValidationError(_("The next appointment cannot be in the past."))
        if timezone.localdate(value) > today + datetime.timedelta(days=MAX_APPOINTMENT_DAYS):
            raise forms.ValidationError(_("The next appointment is more than a year ahead."))
        return value

    def clean_op(self):
        op = self.cleaned_data["op"]
        if op in ("", "save", "issue"):
            return None
        match = ACTION.fullmatch(op)
        if match is None or (match["kind"] in ACTION_NEEDS_PHASE) != bool(match["phase"]):
            raise forms.ValidationError(_("Unknown action."))
        phase = int(match["phase"]) if match["phase"] else None
        return EditAction(match["kind"], int(match["target"]), phase)


class PlanItemForm(forms.Form):
    """The therapist's values for one item: phase, dose and note."""

    phase = forms.TypedChoiceField(label=_("Phase"), choices=PHASE_CHOICES, coerce=int)
    sets = dose_field("sets")
    reps = dose_field("reps")
    minutes = dose_field("minutes")
    hold_seconds = dose_field("hold_seconds")
    times_per_day = dose_field("times_per_day", required=True)
    days_per_week = dose_field("days_per_week", required=True)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[plain_text, printable],
    )

    def __init__(self, *args, item: PlanItem, **kwargs):
        self.item = item
        initial = {"phase": item.phase, "note": item.note, **item.dose()}
        super().__init__(*args, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        if not item.reason_code:
            self.fields["note"].help_text = _(
                "You added this exercise: write why. The patient reads it as the reason."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        check_reps_or_minutes(self, cleaned)
        return cleaned

    def dose_fields(self) -> list:
        """Return the bound dose fields, in order, for the editor's row of inputs."""
        return [self[name] for name in DOSE_FIELDS]

    def edit(self) -> ItemEdit:
        return ItemEdit(**self.cleaned_data)


HIDDEN_PLAN_FIELDS = ("lock_version", "op")


class PlanEditorForm:
    """The whole draft in one form: the plan fields plus one item form per item.

    A submission made from an older edit number is not validated at all: it is a conflict
    (`stale`), since its items may no longer match the plan's.
    """

    def __init__(self, data=None, *, plan, items, carried=None):
        self.plan = plan
        self.items = items
        plan_initial = {
            "lock_version": plan.lock_version,
            "language": plan.language,
            "next_appointment": plan.next_appointment,
            "note": plan.note,
        }
        self.plan_form = PlanForm(
            data, prefix="plan", initial=self._carry(carried, "plan", plan_initial)
        )
        self.item_forms = [
            PlanItemForm(
                data,
                prefix=f"item-{item.pk}",
                item=item,
                initial=self._carry(carried, f"item-{item.pk}", {}),
            )
            for item in items
        ]
        for form in self.item_forms:
            form.display_name = plan.item_text(form.item, "name")
            form.reason = plan.item_text(form.item, "reason")

    @staticmethod
    def _carry(carried, prefix: str, initial: dict) -> dict:
        """Return initial values overridden by what the user typed in a refused submission."""
        if carried is None:
            return initial
        typed = {
            key.removeprefix(prefix + "-"): carried.get(key)
            for key in carried
            if key.startswith(prefix + "-") and key not in ("plan-lock_version", "plan-op")
        }
        return {**initial, **typed}

    @property
    def is_bound(self) -> bool:
        return self.plan_form.is_bound

    def submitted_lock_version(self) -> int:
        """Return the edit number the submission was made from (0 if unreadable)."""
        value = self.plan_form.data.get("plan-lock_version", "")
        return int(value) if str(value).isdigit() and len(str(value)) < 10 else 0

    @property
    def stale(self) -> bool:
        return self.is_bound and self.submitted_lock_version() != self.plan.lock_version

    def is_valid(self) -> bool:
        if self.stale:
            return False
        forms_valid = [form.is_valid() for form in (self.plan_form, *self.item_forms)]
        return all(forms_valid) and self._phases_valid()

    def _phases_valid(self) -> bool:
        """Refuse an exercise twice in one phase, and moves into a phase that is full."""
        phases = [(form, form.cleaned_data["phase"]) for form in self.item_forms]
        seen = set()
        counts = {phase: 0 for phase in rules.PHASES}
        for form, phase in phases:
            key = (phase, form.item.exercise_id)
            if key in seen:
                form.add_error("phase", _("This exercise is already in that phase."))
            seen.add(key)
            counts[phase] += not form.item.is_habit
        for form, phase in phases:
            if counts[phase] > PHASE_ITEM_LIMIT and phase != form.item.phase:
                form.add_error("phase", _("That phase already holds 8 exercises."))
        return not any(form.errors for form in self.item_forms)

    def add_error(self, message) -> None:
        self.plan_form.add_error(None, message)

    @property
    def non_field_errors(self):
        """The plan's own errors and those of its hidden fields (the button pressed, the edit
        number), which have no place on the page to stand next to."""
        if not self.is_bound:
            return []
        hidden = [
            error for name in HIDDEN_PLAN_FIELDS for error in self.plan_form.errors.get(name, [])
        ]
        return [*self.plan_form.non_field_errors(), *hidden]

    @property
    def has_field_errors(self) -> bool:
        """Whether a visible field of the plan or of an item was refused (shown next to it)."""
        if not self.is_bound:
            return False
        visible = set(self.plan_form.errors) - {"__all__", *HIDDEN_PLAN_FIELDS}
        return bool(visible) or any(form.errors for form in self.item_forms)

    def changes(self) -> PlanChanges:
        data = self.plan_form.cleaned_data
        return PlanChanges(
            note=data["note"],
            language=data["language"],
            next_appointment=data["next_appointment"],
            items={form.item.pk: form.edit() for form in self.item_forms},
        )

    def action(self) -> EditAction | None:
        return self.plan_form.cleaned_data["op"]

    def wants_issue(self) -> bool:
        """Return whether "Save and issue" was pressed (saving comes first)."""
        return self.plan_form.data.get("plan-op") == "issue"

    def lock_version(self) -> int:
        return self.plan_form.cleaned_data["lock_version"]

    def habits(self) -> list:
        """Return the item forms of the daily habits (outside the phases' budget)."""
        return [form for form in self.item_forms if form.item.is_habit]

    def phases(self) -> list[dict]:
        """Return the item forms grouped by the items' saved phase, with minutes a day."""
        grouped = []
        for number, label in PHASE_CHOICES:
            entries = [
                form
                for form in self.item_forms
                if form.item.phase == number and not form.item.is_habit
            ]
            minutes = sum(form.item.est_minutes for form in entries)
            grouped.append(
                {
                    "number": number,
                    "label": label,
                    "forms": entries,
                    "minutes": minutes,
                    "too_long": minutes > rules.MAX_MINUTES_PER_DAY,
                    "too_many": len(entries) > rules.MAX_ITEMS_PER_PHASE,
                    "max_minutes": rules.MAX_MINUTES_PER_DAY,
                    "max_items": rules.MAX_ITEMS_PER_PHASE,
                }
            )
        return grouped


class GenerateForm(forms.Form):
    replace = forms.BooleanField(required=False)


class IssueForm(forms.Form):
    lock_version = forms.IntegerField(min_value=0, max_value=2**31, widget=forms.HiddenInput)


class LibraryFilterForm(forms.Form):
    """Search the library by words, category and tag (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=(("", _("All")), *Exercise.Category.choices)
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        labelled = sorted(((tag, str(tag_label(tag))) for tag in tags), key=lambda pair: pair[1])
        self.fields["tag"].choices = (("", _("All")), *labelled)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end library-filter"
        self.helper.add_input(Submit("", _("Search"), css_class="btn-outline-primary"))

    def filters(self) -> dict:
        """Return the valid filters as keyword arguments for `ExerciseQuerySet.matching`."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"query": data["q"].strip(), "category": data["category"], "tag": data["tag"]}


class StepsField(forms.CharField):
    """Steps as one line each in a text area, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_length:
            raise forms.ValidationError(_("This text is too long."), code="max_length")
        return [line.strip() for line in text.splitlines() if line.strip()]


class TagsField(forms.CharField):
    """Tags typed as words separated by commas, stored as a list of slugs."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_length:
            raise forms.ValidationError(_("This text is too long."), code="max_length")
        tags = [slugify(word) for word in re.split(r"[,\s]+", text) if slugify(word)]
        return list(dict.fromkeys(tags))


# The exercise form's fieldsets (the model's dose fields come from plans.models).
EXERCISE_HEAD = ("code", "category", "name_nl", "name_en", "active")
EXERCISE_TEXTS = (
    "purpose_nl",
    "purpose_en",
    "start_position_nl",
    "start_position_en",
    "steps_nl",
    "steps_en",
    "progression_nl",
    "progression_en",
    "regression_nl",
    "regression_en",
    "cautions_nl",
    "cautions_en",
)
EXERCISE_DOSE = (*DOSE_FIELDS, "est_minutes")


class ExerciseForm(forms.ModelForm):
    """A clinic admin's exercise: texts in both languages, default dose, safety."""

    steps_nl = StepsField(label=_("Steps (Dutch), one per line"), max_length=3000)
    steps_en = StepsField(label=_("Steps (English), one per line"), max_length=3000)
    contraindications = forms.MultipleChoiceField(
        label=_("Never suggest with"),
        required=False,
        choices=CONTRAINDICATION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagsField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Short words separated by commas, e.g. seated, desk."),
    )

    class Meta:
        model = Exercise
        fields = [*EXERCISE_HEAD, *EXERCISE_TEXTS, *EXERCISE_DOSE, "contraindications", "tags"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in EXERCISE_TEXTS  # steps_nl/steps_en are declared: StepsField's own
        }

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        if self.instance.pk is not None:
            # The code ties a clinic copy to its built-in and the plan rules to both.
            del self.fields["code"]
        self.fields["tags"].validators.append(validate_tags)
        for name in (*EXERCISE_HEAD, *EXERCISE_TEXTS):  # printed on the home plan
            if name in self.fields and name not in ("code", "category", "active"):
                self.fields[name].validators += [plain_text, printable]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Exercise"), *[name for name in EXERCISE_HEAD if name in self.fields]),
            Fieldset(_("Texts for the patient"), *EXERCISE_TEXTS),
            Fieldset(_("Default dose"), *EXERCISE_DOSE),
            Fieldset(_("Safety and search"), "contraindications", "tags"),
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = Exercise.objects.filter(code=code).filter(clinic__isnull=True)
        if taken.exists():
            raise forms.ValidationError(
                _("A built-in exercise has this code; edit that exercise instead.")
            )
        if Exercise.objects.filter(clinic=self.clinic, code=code).exists():
            raise forms.ValidationError(_("Your clinic already has an exercise with this code."))
        return code

    def data_to_save(self) -> dict:
        """Return the cleaned values for `services.exercise_save`."""
        return {name: self.cleaned_data[name] for name in self.fields}

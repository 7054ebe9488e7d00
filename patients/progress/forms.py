"""Forms of progress tracking: follow-up and discharge, the summary PDF, the dashboard filter.

A page binds several forms and is valid only when every part is; the parts validate and lay
out, and none of them saves. The calendar grid mirrors the printed tick-off calendar: a block
per phase, its exercises against its two weeks, and the week's pain score below.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import model_to_dict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from clinic.idempotency import SubmissionTokenMixin
from patients.instruments.forms import InstrumentForm, PskForm
from patients.intake.forms import (
    InstrumentBlock,
    InstrumentEntry,
    check_other,
    instrument_block,
    instrument_entry,
    instrument_form,
)
from patients.models import CalendarReturn, Discharge, Episode, InstrumentResponse, Visit
from patients.progress.followup import (
    CalendarEntry,
    Elsewhere,
    FollowupData,
    calendar_phases,
    item_weeks,
    phase_weeks,
    week_start,
)
from patients.record.forms import (
    DATE_INPUT_FORMATS,
    PlainTextMixin,
    date_widget,
    visit_day,
)
from plans.models import HomePlan, PlanItem

PSK_ACTIVITIES = (1, 2, 3)
DAYS_MESSAGE = _("Days done: a whole number from 0 to 7.")
PAIN_MESSAGE = _("Pain: a whole number from 0 to 10.")


class VisitFieldsForm(SubmissionTokenMixin, PlainTextMixin, forms.ModelForm):
    """The visit's date and the therapist's notes."""

    class Meta:
        model = Visit
        fields = ["date", "notes"]
        widgets = {"date": date_widget(), "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"notes": _("Therapist notes")}

    def __init__(self, *args, episode: Episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode
        self.fields["date"].input_formats = DATE_INPUT_FORMATS
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_date(self):
        return visit_day(self.cleaned_data["date"], self.episode, "d-m-Y")


# The calendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarCell:
    """One week of one row: an input, or (locked) what another visit already entered."""

    field: forms.BoundField
    entered_on: datetime.date | None = None

    @property
    def locked(self) -> bool:
        return self.entered_on is not None


@dataclass(frozen=True)
class CalendarRow:
    label: str
    cells: tuple[CalendarCell, ...]


@dataclass(frozen=True)
class CalendarWeek:
    number: int
    start: datetime.date


@dataclass(frozen=True)
class CalendarBlock:
    """One phase as printed: its exercises against its weeks, and a pain row."""

    phase: int
    weeks: tuple[CalendarWeek, ...]
    rows: tuple[CalendarRow, ...]
    pain: tuple[CalendarCell, ...]


def days_field_name(item_id: int, week: int) -> str:
    return f"days_{item_id}_{week}"


def pain_field_name(week: int) -> str:
    return f"pain_{week}"


def _number_field(label, high: int, message, *, initial=None, disabled=False):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=high,
        required=False,
        initial=initial,
        disabled=disabled,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(
            attrs={"class": "form-control rg-cal-input", "inputmode": "numeric", "step": 1}
        ),
    )


class CalendarForm(forms.Form):
    """The days done per exercise per week, the weekly pain scores, or "not brought back"."""

    not_brought_back = forms.BooleanField(
        label=_("The patient did not bring the calendar back"), required=False
    )

    def __init__(
        self,
        data=None,
        *,
        plan: HomePlan,
        items: Sequence[PlanItem],
        elsewhere: Elsewhere,
        stored: CalendarReturn | None = None,
    ):
        super().__init__(data, prefix="cal")
        self.plan, self.items, self.elsewhere = plan, list(items), elsewhere
        self.week_of: dict[str, int] = {}
        days, pain = _stored_values(stored)
        self.fields["not_brought_back"].initial = stored is not None and not stored.brought_back
        for item in self.items:
            name = plan.item_text(item, "name")
            for week in item_weeks(item, self.phases):
                label = _("%(exercise)s, week %(week)s: days done") % {
                    "exercise": name,
                    "week": week,
                }
                other = elsewhere.days.get((item.pk, week))
                initial = other[0] if other else days.get((item.pk, week))
                self.fields[days_field_name(item.pk, week)] = _number_field(
                    label, 7, DAYS_MESSAGE, initial=initial, disabled=other is not None
                )
                self.week_of[days_field_name(item.pk, week)] = week
        for week in self.weeks:
            other = elsewhere.pain.get(week)
            label = _("Pain in week %(week)s (0 to 10)") % {"week": week}
            initial = other[0] if other else pain.get(week)
            self.fields[pain_field_name(week)] = _number_field(
                label, 10, PAIN_MESSAGE, initial=initial, disabled=other is not None
            )
            self.week_of[pain_field_name(week)] = week

    @property
    def phases(self) -> tuple[int, ...]:
        return calendar_phases(self.items)

    @property
    def weeks(self) -> tuple[int, ...]:
        return tuple(week for phase in self.phases for week in phase_weeks(phase))

    @property
    def blocks(self) -> tuple[CalendarBlock, ...]:
        """Return the grid as printed: a block per phase (DOM order is the tab order)."""
        return tuple(self._block(phase) for phase in self.phases)

    def _block(self, phase: int) -> CalendarBlock:
        weeks = phase_weeks(phase)
        days, pain = self.elsewhere.days, self.elsewhere.pain
        rows = tuple(
            CalendarRow(
                self.plan.item_text(item, "name"),
                tuple(
                    CalendarCell(
                        self[days_field_name(item.pk, week)],
                        days.get((item.pk, week), (None, None))[1],
                    )
                    for week in weeks
                ),
            )
            # As printed: the phase's exercises, then a row per daily habit in every block.
            for item in sorted(self.items, key=lambda item: item.is_habit)
            if item.is_habit or item.phase == phase
        )
        return CalendarBlock(
            phase=phase,
            weeks=tuple(CalendarWeek(week, week_start(self.plan, week)) for week in weeks),
            rows=rows,
            pain=tuple(
                CalendarCell(self[pain_field_name(week)], pain.get(week, (None, None))[1])
                for week in weeks
            ),
        )

    def check_weeks(self, day: datetime.date) -> None:
        """Refuse values for weeks that start after the visit's date."""
        if not hasattr(self, "cleaned_data") or self.cleaned_data.get("not_brought_back"):
            return
        for name, week in self.week_of.items():
            value = self.cleaned_data.get(name)
            if value is None or self.fields[name].disabled:
                continue
            start = week_start(self.plan, week)
            if start > day:
                self.add_error(
                    name,
                    ValidationError(
                        _("This week starts on %(date)s, after this visit."),
                        code="future_week",
                        params={"date": date_format(start, "d-m-Y")},
                    ),
                )

    def entry(self) -> CalendarEntry:
        """Return what was typed (nothing of it when the calendar was not brought back)."""
        if self.cleaned_data.get("not_brought_back"):
            return CalendarEntry(plan=self.plan, brought_back=False)
        days = {
            (item.pk, week): self.cleaned_data[days_field_name(item.pk, week)]
            for item in self.items
            for week in item_weeks(item, self.phases)
            if not self.fields[days_field_name(item.pk, week)].disabled
            and self.cleaned_data.get(days_field_name(item.pk, week)) is not None
        }
        pain = {
            week: self.cleaned_data[pain_field_name(week)]
            for week in self.weeks
            if not self.fields[pain_field_name(week)].disabled
            and self.cleaned_data.get(pain_field_name(week)) is not None
        }
        return CalendarEntry(plan=self.plan, brought_back=True, days=days, pain=pain)


def _stored_values(stored: CalendarReturn | None):
    if stored is None:
        return {}, {}
    days = {(entry.item_id, entry.week): entry.days_done for entry in stored.entries.all()}
    pain = {score.week: score.score for score in stored.pain_scores.all()}
    return days, pain


# Re-measurement ----------------------------------------------------------------------------


class MeasurementsForm:
    """The questionnaires measured again: each left empty, or answered in full.

    The PSK rates the activities named at the intake again: their names are shown, not
    editable, and every named activity needs a rating.
    """

    def __init__(
        self,
        data=None,
        *,
        codes: Sequence[str],
        responses: Mapping[str, InstrumentResponse],
        psk_baseline: InstrumentResponse | None = None,
    ):
        self.instrument_forms = tuple(
            instrument_form(code, data, responses.get(code), partial=True) for code in codes
        )
        for form in self.instrument_forms:
            if isinstance(form, PskForm) and psk_baseline is not None:
                _lock_activities(form, psk_baseline)

    @property
    def blocks(self) -> tuple[InstrumentBlock, ...]:
        return tuple(_block(form) for form in self.instrument_forms)

    def is_valid(self) -> bool:
        """Validate every questionnaire (so each shows its errors); valid only if all are."""
        results = [self._complete(form) for form in self.instrument_forms]
        return all(results)

    def entries(self) -> tuple[InstrumentEntry, ...]:
        return tuple(instrument_entry(form) for form in self.instrument_forms)

    def _complete(self, form: InstrumentForm) -> bool:
        if not form.is_valid():
            return False
        answers = form.answers()
        if not answers:
            return True
        try:
            form.instrument.clean(answers)
        except ValidationError as error:
            form.add_error(None, _only_known(form, error))
        if isinstance(form, PskForm):
            for number in PSK_ACTIVITIES:
                name = f"activity{number}"
                if (
                    name in form.fields
                    and form.fields[name].disabled
                    and answers.get(f"q{number}") is None
                ):
                    form.add_error(f"q{number}", _("Rate this activity from 0 to 10."))
        return not form.errors


def _block(form: InstrumentForm) -> InstrumentBlock:
    """Lay out a questionnaire like the intake; a locked PSK shows only its named activities."""
    if not isinstance(form, PskForm):
        return instrument_block(form)
    rows = tuple(
        (form[f"activity{number}"], form[f"q{number}"])
        for number in PSK_ACTIVITIES
        if f"q{number}" in form.fields
    )
    return InstrumentBlock(form.instrument, form, rows, ())


def _lock_activities(form: PskForm, baseline: InstrumentResponse) -> None:
    """Show the baseline's activity names, fixed; drop the activities it did not name."""
    for number in PSK_ACTIVITIES:
        key, name_field = f"q{number}", f"activity{number}"
        name = (baseline.labels or {}).get(key)
        if name:
            form.fields[name_field].disabled = True
            form.initial[name_field] = name
        else:
            del form.fields[name_field]
            del form.fields[key]


def _only_known(form: forms.Form, error: ValidationError) -> ValidationError:
    """Keep the errors of fields the form shows; the rest go above the questionnaire."""
    if not hasattr(error, "error_dict"):
        return error
    known = {key: value for key, value in error.error_dict.items() if key in form.fields}
    other = [
        item for key, value in error.error_dict.items() if key not in form.fields for item in value
    ]
    if other:
        known[NON_FIELD_ERRORS] = other
    return ValidationError(known)


# Discharge ---------------------------------------------------------------------------------


class DischargeFieldsForm(PlainTextMixin, forms.ModelForm):
    """Why the episode closes, and the therapist's conclusion."""

    class Meta:
        model = Discharge
        fields = ["reason", "reason_other", "conclusion"]
        widgets = {
            "reason": forms.RadioSelect,
            "conclusion": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reason_other": _("Only when the reason is 'Other'."),
            "conclusion": _("Shown on the progress summary for the patient or the GP."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Discharge.Reason.choices
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(InlineRadios("reason"), "reason_other", "conclusion")

    def clean(self):
        cleaned = super().clean()
        check_other(
            self, cleaned, ("reason", "reason_other"), Discharge.Reason.OTHER, _("Name the reason.")
        )
        return cleaned


# Pages -------------------------------------------------------------------------------------


class FollowupPage:
    """The forms of a follow-up page, bound and validated together."""

    def __init__(
        self,
        data=None,
        *,
        episode: Episode,
        visit: Visit | None,
        calendar: CalendarForm | None,
        measurements: MeasurementsForm,
        initial: Mapping[str, Any] | None = None,
    ):
        # The stored visit is never bound as the instance: a rejected submission must not
        # change the visit the rest of the page still shows.
        if visit is not None:
            initial = model_to_dict(visit, fields=["date", "notes"])
        self.visit_form = VisitFieldsForm(data, episode=episode, initial=initial)
        self.calendar = calendar
        self.measurements = measurements

    @property
    def forms(self) -> tuple:
        calendar = (self.calendar,) if self.calendar is not None else ()
        return (self.visit_form, *calendar)

    def is_valid(self) -> bool:
        """Validate every part, the calendar's weeks against the visit's date last."""
        results = [form.is_valid() for form in self.forms] + [self.measurements.is_valid()]
        day = getattr(self.visit_form, "cleaned_data", {}).get("date")
        if self.calendar is not None and day is not None:
            self.calendar.check_weeks(day)
            results.append(not self.calendar.errors)
        return all(results)

    @property
    def error_count(self) -> int:
        forms_ = (*self.forms, *self.measurements.instrument_forms)
        return sum(len(form.errors) for form in forms_)

    @property
    def calendar_entry(self) -> CalendarEntry | None:
        return self.calendar.entry() if self.calendar is not None else None


class DischargePage(FollowupPage):
    """A follow-up page plus the GPE, the reason for closing and the conclusion."""

    def __init__(self, data=None, *, gpe: InstrumentForm, **kwargs):
        super().__init__(data, **kwargs)
        self.discharge_form = DischargeFieldsForm(data)
        self.gpe = gpe

    @property
    def forms(self) -> tuple:
        return (*super().forms, self.discharge_form, self.gpe)

    @property
    def gpe_block(self) -> InstrumentBlock:
        return instrument_block(self.gpe)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        reason = getattr(self.discharge_form, "cleaned_data", {}).get("reason")
        needs_gpe = reason and reason != Discharge.Reason.PATIENT_STOPPED
        if self.gpe.is_valid() and needs_gpe and not self.gpe.answers():
            self.gpe.add_error("q1", _("Ask how the patient rates the overall change."))
            return False
        return valid and not self.gpe.errors

    def discharge_fields(self) -> dict[str, Any]:
        return dict(self.discharge_form.cleaned_data)

    def gpe_entry(self) -> InstrumentEntry:
        return instrument_entry(self.gpe)


def _calendar_form(data, followup: FollowupData) -> CalendarForm | None:
    if followup.plan is None:
        return None
    return CalendarForm(
        data,
        plan=followup.plan,
        items=followup.items,
        elsewhere=followup.elsewhere,
        stored=followup.stored,
    )


def _measurements(data, followup: FollowupData, codes: Sequence[str]) -> MeasurementsForm:
    return MeasurementsForm(
        data, codes=codes, responses=followup.responses, psk_baseline=followup.psk_baseline
    )


def followup_page(
    data, *, episode: Episode, visit: Visit | None, followup: FollowupData, today: datetime.date
) -> FollowupPage:
    """Return the bound (or unbound) forms of a follow-up page."""
    return FollowupPage(
        data,
        episode=episode,
        visit=visit,
        calendar=_calendar_form(data, followup),
        measurements=_measurements(data, followup, followup.codes),
        initial={"date": today} if visit is None else None,
    )


def discharge_page(
    data, *, episode: Episode, followup: FollowupData, today: datetime.date
) -> DischargePage:
    """Return the bound (or unbound) forms of the discharge page."""
    return DischargePage(
        data,
        gpe=instrument_form("gpe", data, None, partial=True),
        episode=episode,
        visit=None,
        calendar=_calendar_form(data, followup),
        measurements=_measurements(data, followup, followup.codes),
        initial={"date": today},
    )


# The progress summary and the dashboard ------------------------------------------------------


class SummaryForm(PlainTextMixin, forms.Form):
    """Who the one-page progress summary is for, and the therapist's conclusion on it."""

    PATIENT, GP = "patient", "gp"
    AUDIENCES = ((PATIENT, _("The patient")), (GP, _("The GP (short report)")))

    audience = forms.ChoiceField(
        label=_("Summary for"), choices=AUDIENCES, initial=PATIENT, widget=forms.RadioSelect
    )
    conclusion = forms.CharField(
        label=_("Your conclusion"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed at the end of the summary."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(InlineRadios("audience"), "conclusion")


class DashboardFilterForm(forms.Form):
    """The dashboard's therapist (clinic admins only) and period; bad values fall back."""

    DEFAULT_DAYS = 365
    MAX_DAYS = 5 * 366
    EARLIEST = datetime.date(2000, 1, 1)

    therapist = forms.TypedChoiceField(label=_("Therapist"), coerce=int, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=date_widget())
    end = forms.DateField(label=_("Up to and including"), required=False, widget=date_widget())

    def __init__(self, data=None, *, therapists: Sequence, admin: bool, today: datetime.date):
        super().__init__(data)
        self.today, self.admin = today, admin
        self.fields["start"].input_formats = self.fields["end"].input_formats = DATE_INPUT_FORMATS
        if admin:
            choices = [("", _("All therapists"))]
            choices += [(therapist.pk, str(therapist)) for therapist in therapists]
            self.fields["therapist"].choices = choices
        else:
            del self.fields["therapist"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name, day in (("start", start), ("end", end)):
            if day is not None and not self.EARLIEST <= day <= self.today:
                self.add_error(name, _("Choose a date from 2000 up to today."))
        if start and end and start > end:
            self.add_error("end", _("The period cannot end before it starts."))
        elif start and end and (end - start).days > self.MAX_DAYS:
            self.add_error("start", _("Choose a period of at most 5 years."))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        """Return the chosen period (the last 12 months when empty or invalid)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or self.today
        start = data.get("start") or end - datetime.timedelta(days=self.DEFAULT_DAYS)
        return start, end

    def therapist_id(self) -> int | None:
        """Return the chosen therapist (admins; None for the whole clinic)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("therapist") or None

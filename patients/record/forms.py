"""Forms of the patient register: patients, episodes, visits and the patient list's filters."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from clinic.idempotency import SubmissionTokenMixin
from clinic.models import Therapist
from clinic.printable import plain_text
from clinic.widgets import FastSelect
from patients.models import Episode, Patient, Visit
from patients.record import search

MAX_AGE_YEARS = 120
MAX_SEARCH_LENGTH = 100
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]

PHONE = re.compile(r"[0-9 +()\-]{6,20}")
MIN_PHONE_DIGITS = 6


def years_before(day: datetime.date, years: int) -> datetime.date:
    """Return the same calendar day ``years`` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def date_widget() -> forms.DateInput:
    """Return the browser's date picker, filled in ISO format as it expects."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(day: datetime.date) -> None:
    """Refuse a date after today."""
    if day > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def visit_day(day, episode, date_format_name=None):
    """Return a visit's day: not in the future, not before the episode opened."""
    not_in_future(day)
    if day < episode.opened_on:
        raise ValidationError(
            _("The visit cannot be before the episode opened (%(date)s)."),
            code="before_open",
            params={"date": date_format(episode.opened_on, date_format_name)},
        )
    return day


class PlainTextMixin:
    """Add the plain-text check to every text field of the form."""

    def add_plain_text_validators(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
                field.validators.append(plain_text)


class PatientForm(SubmissionTokenMixin, PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Patient
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "language",
            "phone",
            "email",
            "occupation",
        ]
        widgets = {"date_of_birth": date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].input_formats = DATE_INPUT_FORMATS
        self.fields["phone"].max_length = 20
        self.fields["phone"].widget.attrs.update(maxlength=20, inputmode="tel")
        self.fields["phone"].help_text = _("For example 06 12345678 or +31 (0)6 12345678.")
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(
                Column("first_name", css_class="col-md-6"),
                Column("last_name", css_class="col-md-6"),
            ),
            Row(
                Column("date_of_birth", css_class="col-md-6"),
                Column("language", css_class="col-md-6"),
            ),
            Row(Column("phone", css_class="col-md-6"), Column("email", css_class="col-md-6")),
            "occupation",
        )
        self.helper.render_hidden_fields = True  # the submission token
        self.helper.add_input(Submit("save", _("Save")))

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise ValidationError(_("The date of birth cannot be in the future."), code="future")
        if born < years_before(today, MAX_AGE_YEARS):
            raise ValidationError(
                _("The date of birth is more than 120 years ago."), code="too_old"
            )
        return born

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        digits = sum(sign.isdigit() for sign in phone)
        if phone and not (PHONE.fullmatch(phone) and digits >= MIN_PHONE_DIGITS):
            raise ValidationError(
                _("Use at least 6 digits, with spaces, +, - or brackets; at most 20 signs."),
                code="phone",
            )
        return phone


class EpisodeForm(PlainTextMixin, forms.ModelForm):
    """Open or edit an episode; the working diagnosis belongs to the intake, not here."""

    class Meta:
        model = Episode
        fields = ["title", "region", "referral", "therapist", "opened_on"]
        widgets = {"opened_on": date_widget()}

    def __init__(self, *args, user: Therapist, patient: Patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        staff = Q(clinic_id=user.clinic_id, is_active=True)
        if self.instance.therapist_id:
            staff |= Q(pk=self.instance.therapist_id)  # keep a former colleague's episode valid
        else:
            self.initial.setdefault("therapist", user.pk)
        self.fields["therapist"].queryset = Therapist.objects.filter(staff)
        self.fields["opened_on"].input_formats = DATE_INPUT_FORMATS
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "title",
            Row(Column("region", css_class="col-md-6"), Column("referral", css_class="col-md-6")),
            Row(
                Column("therapist", css_class="col-md-6"), Column("opened_on", css_class="col-md-6")
            ),
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean_opened_on(self):
        opened = self.cleaned_data["opened_on"]
        not_in_future(opened)
        if opened < self.patient.date_of_birth:
            raise ValidationError(
                _("The episode cannot open before the patient was born."), code="before_birth"
            )
        closed = self.instance.closed_on
        if closed and opened > closed:
            raise ValidationError(
                _("The episode cannot open after it closed (%(date)s)."),
                code="after_close",
                params={"date": date_format(closed)},
            )
        first = self.first_follow_up()
        if first and opened > first:
            raise ValidationError(
                _("The episode cannot open after its first visit (%(date)s)."),
                code="after_visit",
                params={"date": date_format(first)},
            )
        return opened

    def first_follow_up(self) -> datetime.date | None:
        """Return the date of the episode's first visit after the intake, if any."""
        if not self.instance.pk:
            return None
        visits = self.instance.visits.exclude(kind=Visit.Kind.INTAKE).order_by("date")
        return visits.values_list("date", flat=True).first()


class VisitForm(SubmissionTokenMixin, PlainTextMixin, forms.ModelForm):
    KINDS = [
        (Visit.Kind.FOLLOW_UP, Visit.Kind.FOLLOW_UP.label),
        (Visit.Kind.DISCHARGE, Visit.Kind.DISCHARGE.label),
    ]

    class Meta:
        model = Visit
        fields = ["kind", "date", "notes"]
        widgets = {"date": date_widget(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, episode: Episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode
        self.fields["kind"].choices = self.KINDS
        self.fields["kind"].initial = Visit.Kind.FOLLOW_UP
        self.fields["date"].input_formats = DATE_INPUT_FORMATS
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-6"), Column("date", css_class="col-md-6")),
            "notes",
        )
        self.helper.render_hidden_fields = True  # the submission token
        self.helper.add_input(Submit("save", _("Save")))

    def clean_date(self):
        return visit_day(self.cleaned_data["date"], self.episode)


class EpisodeCloseForm(PlainTextMixin, forms.Form):
    """Close an episode without a discharge record: the therapist says why there is none."""

    note = forms.CharField(
        label=_("Why is there no discharge?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the patient cancelled the last appointment and did not return."),
        error_messages={"required": _("Say why the episode ends without a discharge.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template adds a quiet button, not crispy's primary one


class PatientFilterForm(forms.Form):
    """The patient list's search, filters and sort; invalid values fall back to the default."""

    EPISODES = [
        ("", _("All patients")),
        (search.OPEN, _("Open episode")),
        (search.CLOSED, _("Closed episodes only")),
        (search.NONE, _("No episode")),
    ]
    SORTS = [
        ("name", _("Name")),
        ("-name", _("Name, Z to A")),
        ("number", _("Number")),
        ("-number", _("Number, high to low")),
        ("born", _("Date of birth")),
        ("-born", _("Date of birth, youngest first")),
        ("-last_visit", _("Last visit, newest first")),
        ("last_visit", _("Last visit, oldest first")),
    ]

    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_SEARCH_LENGTH,
        required=False,
        help_text=_("Name, patient number or date of birth (dd-mm-yyyy)."),
    )
    # FastSelect: the same markup as forms.Select without a template per option (busiest page).
    therapist = forms.TypedChoiceField(
        label=_("Treating therapist"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=FastSelect,
    )
    episode = forms.ChoiceField(
        label=_("Episode"), choices=EPISODES, required=False, widget=FastSelect
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False, widget=FastSelect)

    def __init__(self, *args, therapists, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from the list the view already loaded: validating costs no query.
        self.fields["therapist"].choices = [
            ("", _("Any therapist")),
            *((t.pk, str(t)) for t in therapists),
        ]
        self.fields["q"].widget.attrs.update(type="search", autocomplete="off")
        # Laid out by hand in patients/register/_filter_form.html: this form is on the busiest
        # page, and a crispy layout costs several milliseconds per request.
        for name in ("therapist", "episode", "sort"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs["class"] = "form-control"

    def filters(self) -> dict:
        """Return the valid filter values, with defaults for the missing or invalid ones."""
        self.is_valid()  # cleaned_data then holds the valid fields, whatever the others hold
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "episode": data.get("episode") or "",
            "therapist_id": data.get("therapist"),
            "sort": data.get("sort") or search.DEFAULT_SORT,
        }

"""The erasure request form: what the patient asked, when, why, and the admin's confirmation."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from patients.models import ErasureRecord, Patient
from patients.record.forms import (
    DATE_INPUT_FORMATS,
    PlainTextMixin,
    date_widget,
    not_in_future,
)

MAX_REASON = ErasureRecord._meta.get_field("reason").max_length
# Plausibility only: the right to erasure (GDPR) dates from 2018; older dates are typing errors.
EARLIEST_REQUEST = datetime.date(2018, 5, 25)


class ErasureForm(PlainTextMixin, forms.Form):
    patient_request = forms.BooleanField(
        label=_("The patient asked for their record to be destroyed."),
        help_text=_("Without such a request the record is kept for 20 years."),
    )
    requested_on = forms.DateField(
        label=_("Date of the request"),
        input_formats=DATE_INPUT_FORMATS,
        widget=date_widget(),
        validators=[not_in_future],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the request was made and checked. Do not write the patient's name."),
    )
    confirm_number = forms.CharField(
        label=_("Type the patient number to confirm"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, patient: Patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.add_plain_text_validators()
        self.helper = FormHelper()
        self.helper.form_action = reverse("patients:erase", args=[patient.pk])
        submit = Submit("erase", _("Erase this record"))
        submit.field_classes = "btn btn-danger"
        self.helper.add_input(submit)

    def clean_requested_on(self):
        day = self.cleaned_data["requested_on"]
        if day < EARLIEST_REQUEST:
            raise ValidationError(_("Check the date: it is long ago."), code="too_early")
        return day

    def clean_confirm_number(self):
        typed = self.cleaned_data["confirm_number"].strip()
        if typed != str(self.patient.number):
            raise ValidationError(
                _("This is not the patient number of this record."), code="number"
            )
        return typed

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clinic.models import Clinic

MAX_LOGO_BYTES = 512 * 1024


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)


class ClinicSettingsForm(forms.ModelForm):
    class Meta:
        model = Clinic
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "logo",
            "default_language",
            "mfa_required",
            "idle_timeout_minutes",
            "nq_elevated_threshold",
            "followup_weeks",
            "remeasure_weeks",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 512 KB."))
        return logo


class AccessLogFilterForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, required=False, label=_("Who"))
    patient_number = forms.IntegerField(
        required=False, min_value=1, max_value=10**9, label=_("Patient number")
    )
    action = forms.ChoiceField(required=False, label=_("Action"))
    outcome = forms.ChoiceField(required=False, label=_("Outcome"))
    since = forms.DateField(
        required=False, label=_("Since"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, clinic, **kwargs):
        from clinic.models import AccessEvent, Therapist

        super().__init__(*args, **kwargs)
        self.clinic = clinic
        self.fields["user"].queryset = Therapist.objects.filter(clinic=clinic)
        self.fields["action"].choices = [("", "—"), *AccessEvent.Action.choices]
        self.fields["outcome"].choices = [("", "—"), *AccessEvent.Outcome.choices]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.field_class = ""
        self.helper.add_input(Submit("", _("Filter")))

    def apply(self, events):
        """Return ``events`` narrowed to the filled-in criteria."""
        data = self.cleaned_data
        if data["user"]:
            events = events.filter(user=data["user"])
        if data["patient_number"]:
            events = events.filter(patient_number=data["patient_number"])
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["outcome"]:
            events = events.filter(outcome=data["outcome"])
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])
        return events

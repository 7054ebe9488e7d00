"""The morning print run's form: which of today's issued plans to print."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, plan):
        patient = plan.episode.patient
        return _("%(name)s (number %(number)s), version %(version)s, %(time)s") % {
            "name": patient.full_name,
            "number": patient.number,
            "version": plan.version,
            "time": timezone.localtime(plan.issued_at).strftime("%H:%M"),
        }


class BatchForm(forms.Form):
    """Choose plans from the list of plans issued today (all ticked by default)."""

    plans = PlanChoiceField(
        label=_("Plans issued today"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one plan to print.")},
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans
        if not self.is_bound:
            self.fields["plans"].initial = list(plans.values_list("pk", flat=True))
        self.helper = FormHelper()
        self.helper.add_input(Submit("print", _("Print as one PDF")))

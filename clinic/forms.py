import io

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from clinic.models import AccessEvent, Clinic, Therapist
from clinic.printable import plain_text, printable

MAX_LOGO_BYTES = 512 * 1024
# Pixels, not only bytes: a small file can hold a huge image that takes seconds and a gigabyte
# to print. Larger logos are refused; accepted ones are scaled down to LOGO_STORED_PIXELS.
MAX_LOGO_PIXELS = 2000 * 2000
LOGO_STORED_PIXELS = 400  # the longest side after upload: 55 mm printed at about 185 dpi


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
        # Printed on every plan: plain text only, like the patient forms, and printable signs.
        for name in ("name", "address", "phone"):
            self.fields[name].validators += [plain_text, printable]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):  # unchanged or cleared
            return logo
        if getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 512 KB."))
        return shrink_logo(logo)


def shrink_logo(upload):
    """Refuse a logo above MAX_LOGO_PIXELS; return it scaled down to LOGO_STORED_PIXELS.

    The pixel count is read from the header before any pixel is decoded.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
            kind = image.format
            if width * height > MAX_LOGO_PIXELS:
                raise forms.ValidationError(
                    _(
                        "The logo is %(width)s × %(height)s pixels. Use at most 2000 × 2000 "
                        "pixels (4 megapixels); a few hundred pixels wide is plenty."
                    )
                    % {"width": width, "height": height},
                    code="logo_pixels",
                )
            if kind not in ("PNG", "JPEG"):
                raise forms.ValidationError(_("Upload the logo as a PNG or JPEG image."))
            if max(width, height) <= LOGO_STORED_PIXELS:
                upload.seek(0)
                return upload
            image.thumbnail((LOGO_STORED_PIXELS, LOGO_STORED_PIXELS))
            out = io.BytesIO()
            if kind == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=90)
            else:
                image.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise forms.ValidationError(_("This file is not a PNG or JPEG image.")) from None
    name = upload.name.rsplit("/", 1)[-1]
    content_type = "image/jpeg" if kind == "JPEG" else "image/png"
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


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

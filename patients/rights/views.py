"""Patient rights for clinic admins: export the record (JSON, PDF) and erase it on request.

Every view here is for clinic admins only and asks for the password (and code) again first.
"""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic import audit
from clinic.models import AccessEvent
from clinic.printing.render import RenderTimeout
from clinic.web import admin_only, clinic_staff_only
from patients.lookups import get_patient, patient_context
from patients.rights import services as rights
from patients.rights.forms import ErasureForm

Action = AccessEvent.Action


@clinic_staff_only
@admin_only(patient_arg="pk")
@require_GET
def patient_rights(request, pk):
    """Show the patient-rights actions: export, access report and erasure."""
    patient = get_patient(request, pk)
    audit.record(request, action=Action.READ, patient=patient, obj=patient, detail="rights")
    return _rights_page(request, patient, ErasureForm(patient=patient))


@clinic_staff_only
@admin_only(patient_arg="pk")
@require_GET
def export_json(request, pk):
    """Download everything held about the patient as JSON."""
    patient = get_patient(request, pk)
    document = rights.export_document(patient=patient, user=request.user)
    audit.record(request, action=Action.EXPORT, patient=patient, obj=patient, detail="json")
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _attachment(response, rights.export_filename(patient, "json"))


@transaction.non_atomic_requests  # never hold a transaction open while WeasyPrint runs
@clinic_staff_only
@admin_only(patient_arg="pk")
@require_GET
def export_pdf(request, pk):
    """Download a readable summary of the patient's record as PDF."""
    patient = get_patient(request, pk)
    try:
        content = rights.summary_pdf(patient)
    except RenderTimeout:
        messages.error(request, _("Making the PDF took too long. Try again in a moment."))
        return redirect("patients:rights", pk=patient.pk)
    audit.record(request, action=Action.EXPORT, patient=patient, obj=patient, detail="pdf")
    response = HttpResponse(content, content_type="application/pdf")
    return _attachment(response, rights.export_filename(patient, "pdf"))


@clinic_staff_only
@admin_only(patient_arg="pk")
@require_POST
def erase(request, pk):
    """Erase the patient's record on their request; the access log and an erasure record stay."""
    patient = get_patient(request, pk)
    form = ErasureForm(request.POST, patient=patient)
    if not form.is_valid():
        audit.record(request, action=Action.READ, patient=patient, obj=patient, detail="rights")
        return _rights_page(request, patient, form)
    record = rights.erase_patient(
        patient=patient,
        requested_on=form.cleaned_data["requested_on"],
        reason=form.cleaned_data["reason"],
        approved_by=request.user,
    )
    audit.record(request, action=Action.CHANGE, patient=patient, obj=record, detail="erasure")
    messages.success(
        request,
        _("The record of patient %(number)s was erased.") % {"number": record.patient_number},
    )
    return redirect("patients:list")


def _rights_page(request, patient, form):
    context = patient_context(patient, form=form, retention_years=rights.RETENTION_YEARS)
    return render(request, "patients/rights/rights.html", context)


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response

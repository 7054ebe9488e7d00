"""Review of the access log by clinic admins, after re-entering their password (and code)."""

import csv

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit
from clinic.decorators import admin_only
from clinic.forms import AccessLogFilterForm
from clinic.models import AccessEvent
from patients.lookups import get_patient
from patients.models import Patient

PAGE_SIZE = 100


def clinic_events(request):
    """Return the clinic's access events with who and which patient number, newest first."""
    number = Patient.objects.filter(pk=OuterRef("patient_id")).values("number")[:1]
    return (
        AccessEvent.objects.filter(clinic=request.user.clinic)
        .select_related("user")
        .annotate(patient_number=Subquery(number))
    )


@admin_only
def access_log(request):
    """List and filter the clinic's access log."""
    form = AccessLogFilterForm(request.GET or None, clinic=request.user.clinic)
    events = form.apply(clinic_events(request)) if form.is_valid() else clinic_events(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clinic/access_log.html", {"form": form, "page": page})


@admin_only
def patient_access_report(request, pk):
    """Download who looked at one patient's record (for a patient's request), as CSV."""
    patient = get_patient(request, pk)
    audit.record(
        request,
        action=AccessEvent.Action.EXPORT,
        patient=patient,
        obj=patient,
        detail="access report",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="access-report-{patient.number}-{stamp}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [_("When"), _("Who"), _("Role"), _("Action"), _("Object"), _("Outcome"), _("IP address")]
    )
    for event in clinic_events(request).filter(patient_id=patient.pk).order_by("at"):
        writer.writerow(
            [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                str(event.user) if event.user else "",
                event.role,
                event.get_action_display(),
                event.object_type,
                event.get_outcome_display(),
                event.ip_address or "",
            ]
        )
    return response

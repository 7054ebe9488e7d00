"""Review of the access log by clinic admins, after re-entering their password (and code)."""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit
from clinic.csvexport import csv_response
from clinic.forms import AccessLogFilterForm
from clinic.models import AccessEvent
from clinic.web import admin_only
from patients.lookups import get_patient
from patients.models import Patient

PAGE_SIZE = 100


def clinic_events(request):
    """Return the clinic's access events with who and which patient number, newest first."""
    number = Patient.objects.filter(pk=OuterRef("patient_id")).values("number")[:1]
    return (
        AccessEvent.objects.filter(clinic=request.user.clinic)
        .select_related("user", "search_term")
        .annotate(patient_number=Subquery(number))
    )


@admin_only
def access_log(request):
    """List and filter the clinic's access log."""
    form = AccessLogFilterForm(request.GET or None, clinic=request.user.clinic)
    events = form.apply(clinic_events(request)) if form.is_valid() else clinic_events(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clinic/access_log.html", {"form": form, "page": page})


@admin_only(patient_arg="pk")
def patient_access_report(request, pk):
    """Download who looked at one patient's record (for a patient's request), as CSV.

    It lists every event naming the patient, whichever clinic the user belonged to: attempts
    from another clinic's staff (refused) show here, with that clinic's name.
    """
    patient = get_patient(request, pk)
    audit.record(
        request,
        action=AccessEvent.Action.EXPORT,
        patient=patient,
        obj=patient,
        detail="access report",
    )
    events = (
        AccessEvent.objects.filter(patient_id=patient.pk)
        .select_related("user", "clinic")
        .order_by("at", "pk")
    )
    header = [
        _("When"),
        _("Who"),
        _("Clinic"),
        _("Role"),
        _("Action"),
        _("Object"),
        _("Outcome"),
        _("IP address"),
    ]
    rows = [header]
    for event in events:
        rows.append(
            [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                str(event.user) if event.user else "",
                event.clinic.name if event.clinic else "",
                event.role,
                event.get_action_display(),
                event.object_type,
                event.get_outcome_display(),
                event.ip_address or "",
            ]
        )
    stamp = timezone.localdate().isoformat()
    return csv_response(f"access-report-{patient.number}-{stamp}.csv", rows)

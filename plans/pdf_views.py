"""Printing home plans: one plan's PDF (stored copy or draft preview) and the morning batch."""

import io

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clinic import audit
from clinic.decorators import clinic_staff_only
from clinic.models import AccessEvent
from plans import pdf
from plans.lookups import get_plan
from plans.models import HomePlan, PlanItem
from plans.pdf.forms import BatchForm


@require_GET
@transaction.non_atomic_requests  # never hold a transaction open while WeasyPrint runs
@clinic_staff_only
def plan_pdf(request, pk):
    """Send the plan's PDF: the stored copy of an issued version, a fresh draft preview."""
    plan = get_plan(request, pk)
    try:
        content = pdf.plan_pdf(plan)
    except (pdf.StoredPdfDamaged, pdf.RenderTimeout) as error:
        return _print_failed(request, error)
    audit.record(request, action=AccessEvent.Action.PRINT, patient=plan.episode.patient, obj=plan)
    return pdf_response(content, pdf.pdf_filename(plan))


@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
@clinic_staff_only
def batch(request):
    """List today's issued plans; print the ticked ones as one PDF."""
    form = BatchForm(request.POST if request.method == "POST" else None, plans=issued_today())
    if request.method == "POST" and form.is_valid():
        items = Prefetch("items", queryset=PlanItem.objects.select_related("exercise"))
        plans = list(form.cleaned_data["plans"].prefetch_related(items))
        try:
            content = pdf.batch_pdf(plans)
        except (pdf.StoredPdfDamaged, pdf.RenderTimeout) as error:
            return _print_failed(request, error)
        for plan in plans:
            audit.record(
                request, action=AccessEvent.Action.PRINT, patient=plan.episode.patient, obj=plan
            )
        return pdf_response(content, f"homeplans-{timezone.localdate():%Y-%m-%d}.pdf")
    audit.record(request, action=AccessEvent.Action.SEARCH, detail="plans issued today")
    return render(request, "plans/pdf/batch.html", {"form": form})


def issued_today():
    """Return the clinic's current plans issued today, with what their labels and PDFs need.

    A version issued and replaced on the same day is left out: the patient takes the new one.
    """
    return (
        HomePlan.objects.issued()
        .filter(issued_at__date=timezone.localdate())
        .select_related("episode__patient", "episode__clinic", "episode__therapist", "issued_by")
        .order_by("issued_at", "pk")
    )


def pdf_response(content: bytes, filename: str) -> FileResponse:
    """Return a PDF for display in the browser, never stored by a shared cache."""
    response = FileResponse(io.BytesIO(content), content_type="application/pdf", filename=filename)
    add_never_cache_headers(response)
    return response


def _print_failed(request, error):
    if isinstance(error, pdf.RenderTimeout):
        message = _("Printing took too long. Try again in a moment.")
    else:
        message = _("The stored copy of this plan is damaged. Ask your clinic admin for help.")
    messages.error(request, message)
    return render(request, "plans/pdf/failed.html", status=503)

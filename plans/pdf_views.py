"""Printing home plans: one plan's PDF (stored copy or draft preview) and the morning batch.

Issued plans are printed from their stored record copy only; a copy not stored yet is rendered
by a task worker (plans.tasks) while the page says "being prepared" and refreshes itself.
"""

import io

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from plans import pdf, tasks
from plans.lookups import get_plan
from plans.models import HomePlan, PlanItem
from plans.pdf.forms import BatchForm

REFRESH_SECONDS = 2


@require_GET
@transaction.non_atomic_requests  # never hold a transaction open while reading a PDF
@clinic_staff_only
def plan_pdf(request, pk):
    """Send the plan's PDF: the stored copy of an issued version, a fresh draft preview."""
    plan = get_plan(request, pk)
    if not plan.is_draft:
        pending, failed = tasks.request_copies([plan])
        if failed:
            return _print_failed(request, pdf.RenderTimeout())
        if pending:
            return _being_prepared(request, request.get_full_path(), plan.episode.patient)
    try:
        content = pdf.plan_pdf(plan)  # a draft: a fresh preview; issued: the stored copy
    except (pdf.StoredPdfDamaged, pdf.RenderTimeout) as error:
        return _print_failed(request, error)
    audit.record(request, action=AccessEvent.Action.PRINT, patient=plan.episode.patient, obj=plan)
    return pdf_response(content, pdf.pdf_filename(plan))


@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
@clinic_staff_only
def batch(request):
    """List today's issued plans; print the ticked ones as one PDF.

    The form posts here; while copies are being prepared the page refreshes with the same
    selection as a GET with `print=1`.
    """
    printing = request.method == "POST" or "print" in request.GET
    data = (request.POST if request.method == "POST" else request.GET) if printing else None
    form = BatchForm(data, plans=issued_today())
    if printing and form.is_valid():
        items = Prefetch("items", queryset=PlanItem.objects.select_related("exercise"))
        plans = list(form.cleaned_data["plans"].prefetch_related(items))
        pending, failed = tasks.request_copies(plans)
        if failed:
            return _print_failed(request, pdf.RenderTimeout())
        if pending:
            query = urlencode({"print": 1, "plans": [plan.pk for plan in plans]}, doseq=True)
            return _being_prepared(request, f"{reverse('plans:batch')}?{query}")
        try:
            content = pdf.merge([pdf.stored_pdf(plan) for plan in plans])
        except pdf.StoredPdfDamaged as error:
            return _print_failed(request, error)
        for plan in plans:
            audit.record(
                request, action=AccessEvent.Action.PRINT, patient=plan.episode.patient, obj=plan
            )
        return pdf_response(content, f"homeplans-{timezone.localdate():%Y-%m-%d}.pdf")
    if printing and request.method == "GET":
        return redirect("plans:batch")
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


def _being_prepared(request, url, patient=None):
    """The page shown while a worker renders: it reloads `url` every few seconds."""
    context = {"refresh_url": url, "refresh_seconds": REFRESH_SECONDS, "patient": patient}
    response = render(request, "plans/pdf/preparing.html", context, status=202)
    add_never_cache_headers(response)
    return response


def _print_failed(request, error):
    if isinstance(error, pdf.RenderTimeout):
        message = _("Printing took too long. Try again in a moment.")
    else:
        message = _("The stored copy of this plan is damaged. Ask your clinic admin for help.")
    messages.error(request, message)
    return render(request, "plans/pdf/failed.html", status=503)

"""Progress of an episode: follow-ups, the discharge, the progress page, its charts and PDF."""

from base64 import b64encode

from csp.decorators import csp_replace
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit, idempotency
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.lookups import get_episode, get_visit, patient_context
from patients.models import Visit
from patients.progress import followup, forms
from patients.progress import measures as progress
from patients.progress.charts import measure_chart
from plans import services as plan_services
from plans.pdf_views import pdf_response

Action = AccessEvent.Action
FORM_METHODS = ["GET", "HEAD", "POST"]


def schedule_settings(request) -> progress.ScheduleSettings:
    return progress.ScheduleSettings.of(request.user.clinic)


@clinic_staff_only
@require_http_methods(FORM_METHODS)
def followup_new(request, pk):
    """Record a follow-up: the returned calendar, re-measurement and notes."""
    episode = get_episode(request, pk)
    if not episode.is_open:
        return _closed(request, episode)
    return _followup(request, episode, None)


@clinic_staff_only
@require_http_methods(FORM_METHODS)
def followup_edit(request, pk):
    """Show or correct a follow-up visit (while its episode is open)."""
    visit = get_visit(request, pk)
    if visit.kind != Visit.Kind.FOLLOW_UP:
        raise Http404
    if not visit.episode.is_open and request.method == "POST":
        return _closed(request, visit.episode)
    return _followup(request, visit.episode, visit)


def _followup(request, episode, visit):
    today = timezone.localdate()
    data = followup.followup_data(
        episode,
        visit,
        settings=schedule_settings(request),
        today=today,
        with_sbst="sbst" in request.GET,
    )
    page = forms.followup_page(
        request.POST or None, episode=episode, visit=visit, followup=data, today=today
    )
    if request.method == "POST" and page.is_valid():
        token = page.visit_form.submission_token_value if visit is None else ""
        earlier = idempotency.claim(request.user, token)
        if earlier is not None:
            messages.info(request, _("This form was already sent; nothing was added twice."))
            return redirect(
                earlier.result_url or reverse("patients:episode_detail", args=[episode.pk])
            )
        try:
            saved = followup.followup_record(
                episode=episode,
                user=request.user,
                visit=visit,
                calendar=page.calendar_entry,
                questionnaires=page.measurements.entries(),
                **page.visit_form.cleaned_data,
            )
        except followup.FollowupError as error:
            idempotency.release(token)
            messages.error(request, error.message)
        else:
            action = Action.CREATE if visit is None else Action.CHANGE
            audit.record(request, action=action, patient=episode.patient, obj=saved)
            messages.success(request, _("Follow-up saved."))
            url = reverse("patients:followup_edit", kwargs={"pk": saved.pk})
            idempotency.done(token, url)
            return redirect(url)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=visit or episode)
    context = patient_context(episode=episode, visit=visit, page=page, data=data)
    return render(request, "patients/progress/followup.html", context)


@clinic_staff_only
@require_http_methods(FORM_METHODS)
def discharge(request, pk):
    """Close the episode: final measurements, GPE, the reason and the conclusion."""
    episode = get_episode(request, pk)
    if not episode.is_open:
        return _closed(request, episode)
    today = timezone.localdate()
    data = followup.followup_data(episode, None, settings=schedule_settings(request), today=today)
    page = forms.discharge_page(request.POST or None, episode=episode, followup=data, today=today)
    if request.method == "POST" and page.is_valid():
        try:
            saved = followup.discharge_record(
                episode=episode,
                user=request.user,
                calendar=page.calendar_entry,
                questionnaires=(*page.measurements.entries(), page.gpe_entry()),
                **page.visit_form.cleaned_data,
                **page.discharge_fields(),
            )
        except followup.FollowupError as error:
            messages.error(request, error.message)
        else:
            audit.record(request, action=Action.CHANGE, patient=episode.patient, obj=saved)
            messages.success(request, _("Discharge recorded; the episode is closed."))
            return redirect("patients:progress", pk=episode.pk)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    context = patient_context(episode=episode, page=page, data=data)
    return render(request, "patients/progress/discharge.html", context)


@clinic_staff_only
@require_POST
def followup_plan_revise(request, pk):
    """Draft the next plan version with this visit's findings; open it in the editor."""
    visit = get_visit(request, pk)
    audit.record(request, action=Action.CREATE, patient=visit.episode.patient, obj=visit)
    try:
        draft = followup.plan_revise_from_visit(visit=visit, user=request.user)
    except plan_services.DraftExists as exists:
        messages.info(request, _("A draft is already open: its suggestions stay as they were."))
        return redirect("plans:editor", exists.draft.pk)
    except plan_services.PlanError as error:
        messages.error(request, error.message)
        return redirect("patients:progress", pk=visit.episode_id)
    messages.success(request, _("Draft version %(version)s is ready.") % {"version": draft.version})
    return redirect("plans:editor", draft.pk)


# Read-only: without the request transaction the page costs only its own queries.
@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def progress_page(request, pk):
    """Show an episode's measures over the visits, adherence and the schedule."""
    episode = get_episode(request, pk)
    return _progress(request, episode, None)


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
# The chart is a standalone SVG document: no script, no fetch, only its own <style>.
@csp_replace({"default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "img-src": ["'none'"]})
def progress_chart(request, pk, code):
    """Send one measure's chart as an SVG image (shown with <img>, never inlined)."""
    episode = get_episode(request, pk)
    if code not in progress.CHARTED:
        raise Http404
    series = progress.load_series(
        episode, code, nq_threshold=request.user.clinic.nq_elevated_threshold
    )
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode, detail=code)
    return chart_response(measure_chart(series))


@transaction.non_atomic_requests  # never hold a transaction open while WeasyPrint runs
@clinic_staff_only
@require_POST
def progress_pdf(request, pk):
    """Print the one-page progress summary for the patient or the GP."""
    episode = get_episode(request, pk)
    form = forms.SummaryForm(request.POST)
    if not form.is_valid():
        return _progress(request, episode, form)
    content = followup.summary_pdf(
        _load(request, episode), clinic=request.user.clinic, **form.cleaned_data
    )
    audience = form.cleaned_data["audience"]
    audit.record(
        request,
        action=Action.PRINT,
        patient=episode.patient,
        obj=episode,
        detail=f"progress summary for {audience}",
    )
    return pdf_response(content, followup.summary_filename(episode))


def _progress(request, episode, form):
    page = _load(request, episode)
    if form is None:
        conclusion = page.discharge.conclusion if page.discharge else ""
        form = forms.SummaryForm(initial={"conclusion": conclusion})
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    context = patient_context(
        episode=episode, page=page, summary_form=form, charts=chart_images(page)
    )
    return render(request, "patients/progress/page.html", context)


def chart_images(page: progress.ProgressPage) -> list[tuple]:
    """Return (series, data: URI of its SVG chart) for each charted measure.

    In the page itself, one request instead of one per chart (each a full pass through the
    middleware, the scoped lookups and the access log). As <img src="data:..."> the SVG stays
    an image: no script, no fetch, its own <style> outside the page's CSP (img-src allows
    data:), so the page's CSP needs no 'unsafe-inline'.
    """
    return [
        (series, "data:image/svg+xml;base64," + b64encode(measure_chart(series).encode()).decode())
        for series in page.charted
    ]


def _load(request, episode) -> progress.ProgressPage:
    clinic = request.user.clinic
    return progress.load_progress(
        episode,
        settings=progress.ScheduleSettings.of(clinic),
        nq_threshold=clinic.nq_elevated_threshold,
        today=timezone.localdate(),
    )


def _closed(request, episode):
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    messages.error(request, _("This episode is closed; visits can no longer be added."))
    return redirect("patients:progress", pk=episode.pk)


def chart_response(svg: str) -> HttpResponse:
    """Return an SVG chart: patient data, so never kept in a shared or browser cache."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response

"""The clinic dashboard, its outcome export and the list of what is due.

Clinic admins see the whole clinic and may pick a therapist; a therapist sees their own
caseload only, whatever the request asks for.
"""

from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinic import audit, changes
from clinic.csvexport import csv_response
from clinic.models import AccessEvent, Therapist
from clinic.web import clinic_staff_only
from patients.progress import dashboard
from patients.progress import measures as progress
from patients.progress.forms import DashboardFilterForm

Action = AccessEvent.Action
DUE_PAGE_SIZE = 50


def filtered(request) -> tuple[DashboardFilterForm, dashboard.Scope, list[Therapist]]:
    """Return the filter form, the scope it allows this user, and the clinic's therapists."""
    user, today = request.user, timezone.localdate()
    therapists = list(Therapist.objects.filter(clinic_id=user.clinic_id))
    form = DashboardFilterForm(
        request.GET or None, therapists=therapists, admin=user.is_clinic_admin, today=today
    )
    start, end = form.period()
    scope = dashboard.Scope(
        therapist_id=form.therapist_id() if user.is_clinic_admin else user.pk,
        start=start,
        end=end,
        today=today,
        settings=progress.ScheduleSettings.of(user.clinic),
    )
    return form, scope, therapists


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def dashboard_page(request):
    """Show the caseload, what is due, the outcomes of the period and adherence."""
    form, scope, therapists = filtered(request)
    names = {therapist.pk: therapist for therapist in therapists}
    # The aggregates read every episode of the period: kept until the clinic's data changes.
    rows, outcomes, adherence = changes.cached(
        request.user.clinic_id,
        "dashboard",
        (scope, list(names)),
        lambda: (
            dashboard.caseload(scope, list(names)),
            dashboard.outcomes(scope),
            dashboard.adherence(scope),
        ),
    )
    audit.record(request, action=Action.SEARCH, detail="dashboard")
    context = {
        "form": form,
        "scope": scope,
        "caseload": [(names.get(row.therapist_id), row) for row in rows],
        "caseload_total": dashboard.caseload_total(rows),
        "outcomes": outcomes,
        "adherence": adherence,
    }
    return render(request, "patients/dashboard/dashboard.html", context)


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def dashboard_csv(request):
    """Download the outcomes per episode, pseudonymised: patient number and age band only."""
    _form, scope, _therapists = filtered(request)
    rows = dashboard.export_rows(scope)
    audit.record(
        request,
        action=Action.EXPORT,
        detail=f"outcomes {scope.start}..{scope.end}: {len(rows) - 1} episodes",
    )
    return csv_response(f"outcomes-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.csv", rows)


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def due_list(request):
    """List the open episodes with a follow-up or re-measurement due soon or overdue."""
    _form, scope, _therapists = filtered(request)
    page = Paginator(dashboard.due_list(scope), DUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(episode, _schedule(episode, scope)) for episode in page.object_list]
    audit.record(request, action=Action.SEARCH, detail="due list")
    return render(
        request, "patients/dashboard/due_list.html", {"page": page, "rows": rows, "scope": scope}
    )


def _schedule(episode, scope: dashboard.Scope) -> progress.Schedule:
    return progress.schedule(
        opened_on=episode.opened_on,
        last_visit=episode.last_visit,
        last_measured=episode.last_measured,
        settings=scope.settings,
        today=scope.today,
    )

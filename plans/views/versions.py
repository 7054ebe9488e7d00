"""An episode's plan versions: the history, generating a draft, issuing, revising, reading."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.lookups import get_episode, patient_context
from plans import services
from plans.forms import GenerateForm, IssueForm
from plans.lookups import get_plan
from plans.views.common import plan_habits, plan_phases

Action = AccessEvent.Action


@clinic_staff_only
@require_GET
def episode_plans(request, pk):
    """List the episode's plan versions, with the button to generate or revise."""
    episode = get_episode(request, pk)
    plans = list(episode.plans.select_related("created_by", "issued_by").order_by("-version"))
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    context = patient_context(
        episode=episode,
        plans=plans,
        draft=next((plan for plan in plans if plan.is_draft), None),
        issued=next((plan for plan in plans if plan.status == plan.Status.ISSUED), None),
        blocked=services.planning_block(episode) if episode.is_open else None,
    )
    return render(request, "plans/episode_plans.html", context)


@clinic_staff_only
@require_POST
def generate(request, pk):
    """Draft a plan from the findings; ask before replacing an existing draft."""
    episode = get_episode(request, pk)
    form = GenerateForm(request.POST)
    replace = form.is_valid() and form.cleaned_data["replace"]
    audit.record(request, action=Action.CREATE, patient=episode.patient, obj=episode)
    try:
        plan = services.plan_generate(episode=episode, user=request.user, replace=replace)
    except services.DraftExists as exists:
        context = patient_context(episode=episode, draft=exists.draft)
        return render(request, "plans/generate_confirm.html", context)
    except services.PlanError as error:
        messages.error(request, error.message)
        return redirect("plans:episode_plans", episode.pk)
    messages.success(request, _("Draft version %(version)s is ready.") % {"version": plan.version})
    return redirect("plans:editor", plan.pk)


@clinic_staff_only
@require_POST
def revise(request, pk):
    """Start a new draft version from an issued plan."""
    plan = get_plan(request, pk)
    audit.record(request, action=Action.CREATE, patient=plan.episode.patient, obj=plan)
    try:
        draft = services.plan_revise(plan=plan, user=request.user)
    except services.DraftExists as exists:
        messages.info(request, exists.message)
        return redirect("plans:editor", exists.draft.pk)
    except services.PlanError as error:
        messages.error(request, error.message)
        return redirect("plans:detail", plan.pk)
    return redirect("plans:editor", draft.pk)


@clinic_staff_only
def issue(request, pk):
    """Confirm and issue a draft: its texts are frozen and the previous version superseded."""
    plan = get_plan(request, pk)
    if not plan.is_draft:
        messages.info(request, _("This version has already been issued."))
        return redirect("plans:detail", plan.pk)
    form = IssueForm(request.POST or None, initial={"lock_version": plan.lock_version})
    action = Action.CHANGE if request.method == "POST" else Action.READ
    audit.record(request, action=action, patient=plan.episode.patient, obj=plan)
    if request.method == "POST" and form.is_valid():
        return _issue(request, plan, form.cleaned_data["lock_version"])
    items = list(plan.items.select_related("exercise"))
    context = patient_context(
        episode=plan.episode,
        plan=plan,
        form=form,
        phases=plan_phases(plan, items),
        habits=plan_habits(plan, items),
        blocked=services.planning_block(plan.episode),
        missing_reasons=[
            plan.item_text(item, "name")
            for item in items
            if not item.reason_code and not item.note.strip()
        ],
    )
    return render(request, "plans/issue.html", context)


def _issue(request, plan, lock_version):
    try:
        plan = services.plan_issue(plan=plan, user=request.user, lock_version=lock_version)
    except services.PlanNotEditable as error:
        messages.info(request, error.message)
        return redirect("plans:detail", plan.pk)
    except services.PlanError as error:
        messages.error(request, error.message)
        return redirect("plans:editor", plan.pk)
    if plan.is_draft:
        messages.error(request, plan.blocked_reason)
        return redirect("plans:editor", plan.pk)
    messages.success(request, _("Version %(version)s issued.") % {"version": plan.version})
    return redirect("plans:detail", plan.pk)


# Read-only: without the request transaction the page costs only its own queries.
@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def detail(request, pk):
    """Show any version of a plan as it stands (issued: exactly as the patient received it)."""
    plan = get_plan(request, pk)
    items = list(plan.items.select_related("exercise"))
    versions = plan.episode.plans.only("pk", "version", "status", "episode_id").order_by("-version")
    audit.record(request, action=Action.READ, patient=plan.episode.patient, obj=plan)
    context = patient_context(
        episode=plan.episode,
        plan=plan,
        phases=plan_phases(plan, items),
        habits=plan_habits(plan, items),
        versions=versions,
    )
    return render(request, "plans/detail.html", context)

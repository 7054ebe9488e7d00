"""The intake in sections, the red-flag decision and the findings page of an episode."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.intake import sections as intake
from patients.intake.forms import RedFlagDecisionForm
from patients.lookups import get_episode, patient_context
from patients.screening import services as screening

Action = AccessEvent.Action
# The submit buttons of a section page.
SAVE_AND_STAY = "stay"
SAVE_DRAFT = "draft"


@clinic_staff_only
@require_GET
def overview(request, pk):
    """Show the intake's sections with their progress and what is still missing."""
    episode = get_episode(request, pk)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    status = intake.intake_status(episode)
    context = patient_context(episode=episode, status=status)
    return render(request, "patients/intake/overview.html", context)


@clinic_staff_only
@require_http_methods(["GET", "POST"])
def section(request, pk, key):
    """Show one intake section; on submit save it (or keep what was typed, with the errors)."""
    episode = get_episode(request, pk)
    section = _section_or_404(key)
    state = intake.load_state(episode)
    action = Action.CHANGE if request.method == "POST" else Action.READ
    audit.record(request, action=action, patient=episode.patient, obj=episode)
    if request.method == "GET":
        return _render_section(request, state, section, state.form(section))
    button = request.POST.get("action", "")
    form = state.form(section, request.POST, draft=button == SAVE_DRAFT)
    if not form.is_valid():
        return _render_section(request, state, section, form)
    saved = intake.intake_section_save(
        episode=episode,
        key=section.key,
        fields=form.section_fields(),
        questionnaires=form.instrument_entries(),
        user=request.user,
    )
    _tell(request, saved)
    return redirect(_after_save(episode, saved, button))


@clinic_staff_only
@require_POST
def redflag_decision(request, pk):
    """Record the therapist's decision at red-flag level prompt or higher."""
    episode = get_episode(request, pk)
    audit.record(request, action=Action.CHANGE, patient=episode.patient, obj=episode)
    state = intake.load_state(episode)
    form = RedFlagDecisionForm(request.POST, screen=state.screen)
    section = intake.get_section(intake.REDFLAGS)
    if not form.is_valid():
        return _render_section(request, state, section, state.form(section), decision_form=form)
    data = form.cleaned_data
    intake.redflag_decision_record(
        episode=episode, decision=data["decision"], note=data["decision_note"], user=request.user
    )
    messages.success(request, _("Decision recorded."))
    return redirect(_section_url(episode, intake.neighbours(section)[1]))


@clinic_staff_only
@require_GET
def findings(request, pk):
    """Show the episode's findings: scores, red flags, key findings and what is missing."""
    episode = get_episode(request, pk)
    audit.record(request, action=Action.READ, patient=episode.patient, obj=episode)
    page = intake.findings_page(episode)
    context = patient_context(
        episode=episode,
        page=page,
        latest_visit=page.latest_visit,
        current_plan=_current_plan(episode) if _plan_possible(page.status) else None,
        **screening.findings_context(episode),
    )
    return render(request, "patients/intake/findings.html", context)


def _plan_possible(status) -> bool:
    """Return whether the findings page offers the plan as its next step."""
    return not status.missing and status.plan_allowed


def _current_plan(episode):
    """Return the episode's draft, else its issued plan (None if neither): the findings page's
    next step opens it instead of drafting another one.

    Through the reverse relation, so this core module still imports nothing from plans.
    """
    plans = episode.plans.exclude(status="superseded").only("pk", "status", "version", "episode")
    return min(plans, key=lambda plan: (plan.status != "draft", -plan.version), default=None)


def _section_or_404(key: str) -> intake.Section:
    try:
        return intake.get_section(key)
    except KeyError:
        raise Http404 from None


def _render_section(request, state, section, form, *, decision_form=None):
    if decision_form is None and section.key == intake.REDFLAGS:
        decision_form = RedFlagDecisionForm(screen=state.screen)
    before, after = intake.neighbours(section)
    context = patient_context(
        episode=state.episode,
        state=state,
        status=intake.intake_status(state.episode, state=state),
        section=section,
        form=form,
        decision_form=decision_form,
        before=before,
        after=after,
    )
    return render(request, "patients/intake/section.html", context)


def _tell(request, saved: intake.SectionSaved) -> None:
    title = saved.section.title
    if saved.decision_cleared:
        messages.warning(
            request, _("New red flags or a higher level, so the earlier decision was cleared.")
        )
    if saved.state == intake.DRAFT:
        messages.info(
            request,
            _("%(section)s saved as a draft: complete once every question is answered.")
            % {"section": title},
        )
    elif saved.state == intake.DECISION:
        messages.warning(request, _("Red flags saved. Record your decision: no plan until you do."))
    else:
        messages.success(request, _("%(section)s saved.") % {"section": title})


def _after_save(episode, saved: intake.SectionSaved, button: str) -> str:
    # A pending red-flag decision keeps the therapist on the screen that asks for it.
    if button in (SAVE_AND_STAY, SAVE_DRAFT) or saved.state == intake.DECISION:
        return _section_url(episode, saved.section)
    return _section_url(episode, intake.neighbours(saved.section)[1])


def _section_url(episode, section: intake.Section | None) -> str:
    """Return a section's URL; after the last section comes the findings page."""
    if section is None:
        return reverse("patients:findings", args=[episode.pk])
    return reverse("patients:intake_section", args=[episode.pk, section.key])

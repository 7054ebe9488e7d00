"""The draft editor: one form posts the whole plan with its edit number plus the button pressed
(save, move up or down, remove, add from the library, add a rule suggestion)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import clinic_staff_only
from patients.lookups import patient_context
from plans import changes, services
from plans.forms import CONTRAINDICATION_LABELS, LibraryFilterForm, PlanEditorForm
from plans.lookups import get_plan
from plans.models import Exercise
from plans.reasons import reason_text
from plans.views.common import (
    dropped_rows,
    plan_notes,
    ruled_out_rows,
)

Action = AccessEvent.Action
LIBRARY_ROWS = 24


@clinic_staff_only
def editor(request, pk):
    """Edit a draft: doses, phases, order and notes; add exercises from the library."""
    plan = get_plan(request, pk)
    if not plan.is_draft:
        messages.info(request, _("This version has been issued and can no longer be changed."))
        return redirect("plans:detail", plan.pk)
    action = Action.CHANGE if request.method == "POST" else Action.READ
    audit.record(request, action=action, patient=plan.episode.patient, obj=plan)
    form = PlanEditorForm(request.POST or None, plan=plan, items=_items(plan))
    conflict = None
    try:
        if form.is_valid():
            services.plan_save(
                plan=plan,
                user=request.user,
                lock_version=form.lock_version(),
                changes=form.changes(),
                action=form.action(),
            )
            messages.success(request, _("Draft saved."))
            if form.wants_issue():
                return redirect("plans:issue", plan.pk)
            return redirect(request.get_full_path())
        if form.stale:
            entries = changes.since(plan.edit_log, form.submitted_lock_version())
            raise services.EditConflict(plan, entries)
    except services.EditConflict as error:
        plan, conflict = error.plan, _conflict_entries(error.entries)
        form = PlanEditorForm(plan=plan, items=_items(plan), carried=request.POST)
    except services.PlanNotEditable as error:
        messages.info(request, error.message)
        return redirect("plans:detail", plan.pk)
    except services.PlanError as error:
        form.add_error(error.message)
    return render(request, "plans/editor.html", _context(request, plan, form, conflict))


def _items(plan):
    return list(plan.items.select_related("exercise"))


def _conflict_entries(entries: list[dict]) -> list[dict]:
    """Return the colleague's saves as who, when and sentences, for the conflict message."""
    return [
        {
            "by": entry.get("by", ""),
            "at": changes.entry_time(entry),
            "changes": [changes.describe(change) for change in entry.get("changes", [])],
        }
        for entry in entries
    ]


def _context(request, plan, form, conflict) -> dict:
    library = Exercise.objects.for_clinic(plan.episode.clinic_id).active()
    library_form = LibraryFilterForm(request.GET or None, tags=library.tag_names())
    found = list(library.matching(**library_form.filters())[: LIBRARY_ROWS + 1])
    return patient_context(
        episode=plan.episode,
        plan=plan,
        form=form,
        conflict=conflict,
        library_form=library_form,
        library=[_library_row(exercise, plan.language) for exercise in found[:LIBRARY_ROWS]],
        library_more=len(found) > LIBRARY_ROWS,
        suggestions=_open_suggestions(plan, form.items),
        dropped=dropped_rows(plan, form.items),
        ruled_out=ruled_out_rows(plan, form.items, services.episode_findings(plan.episode)),
        plan_notes=plan_notes(plan),
    )


def _library_row(exercise: Exercise, language: str) -> dict:
    return {
        "exercise": exercise,
        "name": exercise.text("name", language),
        "contraindications": [CONTRAINDICATION_LABELS[tag] for tag in exercise.contraindications],
    }


def _open_suggestions(plan, items) -> list[dict]:
    """Return the rules' proposals that are not in the draft (by exercise and phase)."""
    present = {(item.exercise.code, item.phase) for item in items}
    open_ = [
        (index, suggestion)
        for index, suggestion in enumerate(plan.suggestions or [])
        if (suggestion.get("exercise_code"), suggestion.get("phase")) not in present
    ]
    if not open_:
        return []
    codes = {suggestion.get("exercise_code") for _index, suggestion in open_}
    exercises = Exercise.objects.for_clinic(plan.episode.clinic_id).active()
    names = {e.code: e.text("name", plan.language) for e in exercises.filter(code__in=codes)}
    return [
        {
            "index": index,
            "name": names[suggestion["exercise_code"]],
            "phase": suggestion["phase"],
            "reason": reason_text(suggestion["reason_code"], plan.language),
        }
        for index, suggestion in open_
        if suggestion.get("exercise_code") in names
    ]

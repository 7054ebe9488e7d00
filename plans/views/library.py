"""The exercise library (everyone reads, clinic admins add and edit) and the rules page."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clinic import audit
from clinic.models import AccessEvent
from clinic.web import admin_only, clinic_staff_only, require_admin
from plans import rules, services
from plans.forms import CONTRAINDICATION_LABELS, ExerciseForm, LibraryFilterForm
from plans.lookups import get_exercise, get_plan
from plans.models import Exercise
from plans.tags import tag_label
from plans.views.common import dropped_rows


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def library(request):
    """List the clinic's exercises (built-in and own) with search and filters."""
    exercises = Exercise.objects.for_clinic(request.user.clinic_id)
    if not request.user.is_clinic_admin:
        exercises = exercises.active()
    form = LibraryFilterForm(request.GET or None, tags=exercises.tag_names())
    language = get_language() or "nl"
    rows = [_row(exercise, language) for exercise in exercises.matching(**form.filters())]
    return render(request, "plans/library.html", {"form": form, "rows": rows})


def _row(exercise: Exercise, language: str) -> dict:
    return {
        "exercise": exercise,
        **{field: exercise.text(field, language) for field in ("name", "purpose", "steps")},
        "contraindications": [CONTRAINDICATION_LABELS[tag] for tag in exercise.contraindications],
        "tags": [tag_label(tag) for tag in exercise.tags],
    }


@clinic_staff_only
@admin_only(reauthenticate=False)
def exercise_create(request):
    """Let a clinic admin add an exercise of the clinic's own."""
    clinic = request.user.clinic
    form = ExerciseForm(request.POST or None, instance=Exercise(clinic=clinic), clinic=clinic)
    if request.method == "POST" and form.is_valid():
        services.exercise_save(clinic=clinic, exercise=form.instance, data=form.data_to_save())
        messages.success(request, _("Exercise added to your clinic's library."))
        return redirect("plans:library")
    return render(request, "plans/exercise_form.html", {"form": form, "exercise": None})


@clinic_staff_only
def exercise_edit(request, pk):
    """Let a clinic admin edit an exercise; a built-in one is saved as the clinic's copy."""
    exercise = get_exercise(request, pk)  # another clinic's exercise is a 404 for everyone
    require_admin(request)
    clinic = request.user.clinic
    builtin = exercise.is_builtin
    form = ExerciseForm(request.POST or None, instance=exercise, clinic=clinic)
    if request.method == "POST" and form.is_valid():
        services.exercise_save(clinic=clinic, exercise=exercise, data=form.data_to_save())
        messages.success(request, _("Exercise saved for your clinic."))
        return redirect("plans:library")
    context = {"form": form, "exercise": exercise, "builtin": builtin}
    return render(request, "plans/exercise_form.html", context)


@transaction.non_atomic_requests
@clinic_staff_only
@require_GET
def rules_page(request):
    """Explain every plan rule: when it fires, what it does, and the reason the patient reads.

    With `?plan=<id>` it also shows, for that plan, which rules fired, which have their exercise
    in the plan, and which were left out (and why), as three separate lists.
    """
    language = get_language() or "nl"
    exercises = Exercise.objects.for_clinic(request.user.clinic_id)
    names = {exercise.code: exercise.text("name", language) for exercise in exercises}
    described = [
        {
            **rule,
            "adds_names": [names.get(code, code) for code in rule["adds"]],
            "excludes_names": [names.get(code, code) for code in rule["excludes"]],
        }
        for rule in rules.describe_rules()
    ]
    context = {
        "rules": described,
        **_plan_outcome(request, described),
        "max_items": rules.MAX_ITEMS_PER_PHASE,
        "max_minutes": rules.MAX_MINUTES_PER_DAY,
        "target_minutes": rules.TARGET_MINUTES_PER_DAY,
    }
    return render(request, "plans/rules.html", context)


def _plan_outcome(request, described: list[dict]) -> dict:
    """Return the fired / placed / dropped lists of the plan named in ?plan= (none: {})."""
    value = request.GET.get("plan", "")
    if not value:
        return {}
    if not value.isdigit() or len(value) > 9:
        raise Http404
    plan = get_plan(request, int(value))
    audit.record(request, action=AccessEvent.Action.READ, patient=plan.episode.patient, obj=plan)
    items = list(plan.items.select_related("exercise"))
    fired = {
        rule_id for rule_id in plan.rules_fired or [] if rule_id in {r.id for r in rules.RULES}
    }
    dropped = dropped_rows(plan, items)
    dropped_ids = {row["rule"].id for row in dropped}
    by_id = {rule.id: rule for rule in rules.RULES}
    placed = {
        rule_id
        for rule_id in fired
        if rule_id in by_id and _has_exercise(by_id[rule_id], items) and rule_id not in dropped_ids
    }
    # A revision starts as a copy of the issued plan: a rule can fire without its exercise in
    # this version even though the generator placed it; it is then a rule suggestion.
    for rule_id in sorted(fired, key=[rule.id for rule in rules.RULES].index):
        rule = by_id.get(rule_id)
        if rule is None or not rule.adds or rule.fill or rule_id in placed | dropped_ids:
            continue
        dropped.append({"rule": rule, "why": _("not in this version: see the rule suggestions")})
        dropped_ids.add(rule_id)
    for rule in described:
        rule["outcome"] = (
            "dropped"
            if rule["id"] in dropped_ids
            else "placed"
            if rule["id"] in placed
            else "fired"
            if rule["id"] in fired
            else ""
        )
    return {
        "plan": plan,
        "fired": [rule for rule in described if rule["id"] in fired],
        "placed": [rule for rule in described if rule["outcome"] == "placed"],
        "dropped": dropped,
    }


def _has_exercise(rule, items) -> bool:
    for item in items:
        if item.exercise.code not in rule.adds:
            continue
        if item.is_habit if rule.habit else (item.phase in rule.phases and not item.is_habit):
            return True
    return False

"""Helpers shared by the plan views."""

from django.utils.translation import gettext_lazy as _

from plans import rules, services
from plans.forms import CONTRAINDICATION_LABELS as CONTRAINDICATION_NAMES
from plans.forms import PHASE_CHOICES
from plans.reasons import reason_text


def _row(plan, item) -> dict:
    return {
        "item": item,
        "name": plan.item_text(item, "name"),
        "reason": plan.item_text(item, "reason"),
        "illustration": plan.item_text(item, "illustration"),
    }


def plan_habits(plan, items) -> list[dict]:
    """Return the daily habits of a plan (outside the phases), with their texts."""
    return [_row(plan, item) for item in items if item.is_habit]


def plan_phases(plan, items) -> list[dict]:
    """Return the items of a plan by phase (habits apart), with texts in the plan's language."""
    phases = []
    for number, label in PHASE_CHOICES:
        rows = [_row(plan, item) for item in items if item.phase == number and not item.is_habit]
        minutes = sum(row["item"].est_minutes for row in rows)
        phases.append({"number": number, "label": label, "rows": rows, "minutes": minutes})
    return phases


DROPPED_WHY = {
    rules.DROPPED_FULL: _("left out: phase %(phase)s is full"),
    rules.DROPPED_TIME: _("left out: no minutes left in phase %(phase)s"),
    rules.DROPPED_CONTRAINDICATED: _("left out: contraindicated for this patient"),
    rules.DROPPED_HELD: _("held back by another rule (see the rules page)"),
    rules.DROPPED_UNAVAILABLE: _("left out: not in your clinic's library"),
}


def plan_notes(plan) -> list[str]:
    """Return the plan-wide reasons of the rules that fired (e.g. why a drill is held)."""
    fired = plan.rules_fired if isinstance(plan.rules_fired, list) else []
    by_id = {rule.id: rule for rule in rules.RULES}
    return [
        reason_text(by_id[rule_id].reason_code, plan.language)
        for rule_id in fired
        if rule_id in rules.PLAN_NOTE_RULES and rule_id in by_id
    ]


def dropped_rows(plan, items) -> list[dict]:
    """Return what the rules wanted but left out of the draft, with a swap where one fits."""
    language = plan.language
    by_id = {rule.id: rule for rule in rules.RULES}
    rows = []
    for index, entry in enumerate(plan.rules_dropped or []):
        rule = by_id.get(entry.get("rule_id"))
        if rule is None:
            continue
        phase = entry.get("phase")
        mended = any(
            item.exercise.code in rule.adds
            and (item.is_habit if rule.habit else item.phase == phase and not item.is_habit)
            for item in items
        )
        if mended:
            continue
        why = DROPPED_WHY.get(entry.get("why"), DROPPED_WHY[rules.DROPPED_UNAVAILABLE])
        swap = services.dropped_swap(plan, items, index) if plan.is_draft else None
        rows.append(
            {
                "index": index,
                "rule": rule,
                "habit": rule.habit,
                "why": why % {"phase": phase},
                "swap_in": swap.item.exercise.text("name", language) if swap else "",
                "swap_out": swap.replaces.exercise.text("name", language)
                if swap and swap.replaces
                else "",
                "swap": swap is not None,
            }
        )
    return rows


def ruled_out_rows(plan, items, findings) -> list[dict]:
    """Return the plan's exercises that the current findings rule out (a revision copies the
    issued plan, so it can hold what is now contraindicated or held back), with why."""
    if findings is None:
        return []
    contraindicated = findings.contraindications
    fired = [rule for rule in rules.RULES if rule.condition(findings)]
    rows = []
    for item in items:
        exercise = item.exercise
        tags = contraindicated.intersection(exercise.contraindications or ())
        holding = next((rule for rule in fired if exercise.code in rule.excludes), None)
        if not tags and holding is None:
            continue
        rows.append(
            {
                "item": item,
                "name": plan.item_text(item, "name"),
                "why": holding.description if holding is not None else None,
                "tags": [CONTRAINDICATION_NAMES.get(tag, tag) for tag in sorted(tags)],
            }
        )
    return rows

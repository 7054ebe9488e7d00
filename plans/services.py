"""Home-plan workflows: generate, edit, issue and revise. Keyword-only, one transaction each.

Editing uses optimistic locking: every call that changes a draft carries the `lock_version`
the editor was loaded with. The plan row is re-read under a row lock; an older number is
refused with `EditConflict`, which lists what was saved meanwhile. A save that changes nothing
leaves the number alone, so it never makes a colleague's save fail. Issued and superseded
plans are never changed (`PlanNotEditable`). Views record the access events.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from patients import findings as patient_findings
from patients.findings import Findings
from patients.intake import sections as intake
from patients.models import Episode
from plans import changes as edit_changes
from plans import rules
from plans.models import DOSE_FIELDS, Exercise, HomePlan, PlanItem
from plans.reasons import reason_text
from plans.tasks import enqueue_on_commit

# A hard limit per phase for hand-made plans; the rules keep to MAX_ITEMS_PER_PHASE (4).
PHASE_ITEM_LIMIT = 8
# Item order for an item moved to another phase: after the items already there.
END_OF_PHASE = 10_000


class PlanError(Exception):
    """A plan workflow was refused; `message` tells the user why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class PlanBlocked(PlanError):
    """No plan may be drafted now (red flags awaiting a decision, an unfinished intake)."""


class DraftExists(PlanError):
    """The episode already has a draft; replacing it must be confirmed."""

    def __init__(self, draft: HomePlan):
        super().__init__(
            _("This episode already has a draft plan (version %(version)s).")
            % {"version": draft.version}
        )
        self.draft = draft


class PlanNotEditable(PlanError):
    """The plan is issued or superseded and can never change."""


class EditConflict(PlanError):
    """Someone saved the draft after the editor was loaded; `entries` say what they changed."""

    def __init__(self, plan: HomePlan, entries: list[dict]):
        super().__init__(_("Someone else saved this draft while you were editing it."))
        self.plan = plan
        self.entries = entries


@dataclass(frozen=True)
class ItemEdit:
    """The therapist's values for one item of the draft."""

    phase: int
    sets: int | None
    reps: int | None
    minutes: int | None
    hold_seconds: int | None
    times_per_day: int
    days_per_week: int
    note: str = ""


@dataclass(frozen=True)
class PlanChanges:
    """The therapist's values for the whole draft, items keyed by their id."""

    note: str
    language: str
    next_appointment: datetime | None = None
    items: Mapping[int, ItemEdit] = field(default_factory=dict)


@dataclass(frozen=True)
class EditAction:
    """One small editor action: `up`/`down`/`remove` an item, `add` an exercise to a phase,
    or add rule `suggest`ion number `target`."""

    kind: str
    target: int
    phase: int | None = None


# Findings and blocks --------------------------------------------------------------------


def episode_findings(episode: Episode) -> Findings:
    """Return the episode's current findings (read through the patients loader)."""
    return patient_findings.load_findings(episode)


def planning_block(episode: Episode, *, findings: Findings | None = None) -> str | None:
    """Return why no plan may be drafted or issued for the episode now, else None."""
    if findings is None:
        findings = episode_findings(episode)
    return _block_reason(episode, rules.generate(findings, ()))


def _block_reason(episode: Episode, draft: rules.PlanDraft) -> str | None:
    """Combine the rules' red-flag block with the intake's own check (if it has one)."""
    if draft.blocked:
        return reason_text(draft.blocked_reason, get_language() or "nl")
    plan_allowed = getattr(intake, "plan_allowed", None)
    if plan_allowed is not None:
        allowed, reason = plan_allowed(episode)
        if not allowed:
            return str(reason)
    return None


# Generate and revise --------------------------------------------------------------------


@transaction.atomic
def plan_generate(
    *, episode: Episode, user, replace: bool = False, findings: Findings | None = None
) -> HomePlan:
    """Draft the episode's plan from its findings (a revision if a plan was issued before).

    Without an issued plan the draft holds the rules' items. With one, the draft is version
    n+1 copied from the issued plan, and the rules' new proposals are kept as suggestions
    beside it. An existing draft is only replaced when `replace` is set.
    """
    if not episode.is_open:
        raise PlanError(_("This episode is closed: open a new episode for a new plan."))
    # Serialise drafting per episode (PostgreSQL); SQLite's write lock already does.
    Episode.objects.select_for_update().values_list("pk", flat=True).get(pk=episode.pk)
    if findings is None:
        findings = episode_findings(episode)
    library = {exercise.code: exercise for exercise in _library(episode)}
    draft = rules.generate(findings, library.values())
    reason = _block_reason(episode, draft)
    if reason:
        raise PlanBlocked(reason)
    existing = episode.plans.drafts().first()
    if existing is not None and not replace:
        raise DraftExists(existing)
    issued = episode.plans.issued().first()
    plan = existing or _new_version(episode, user, issued)
    _fill(plan, draft, issued, library, user)
    return plan


@transaction.atomic
def plan_revise(*, plan: HomePlan, user, findings: Findings | None = None) -> HomePlan:
    """Start version n+1 from an issued plan; the issued plan stays valid until it is issued."""
    if plan.status != HomePlan.Status.ISSUED:
        raise PlanNotEditable(_("Only the current issued version can be revised."))
    return plan_generate(episode=plan.episode, user=user, findings=findings)


def _library(episode: Episode) -> list[Exercise]:
    return list(Exercise.objects.for_clinic(episode.clinic_id).active())


def _new_version(episode: Episode, user, issued: HomePlan | None) -> HomePlan:
    latest = episode.plans.aggregate(latest=Max("version"))["latest"] or 0
    return HomePlan(
        episode=episode,
        version=latest + 1,
        language=issued.language if issued else episode.patient.language,
        previous=issued,
        note=issued.note if issued else "",
        created_by=user,
    )


def _fill(plan: HomePlan, draft: rules.PlanDraft, issued, library: dict, user) -> None:
    """Give the draft its items (the rules' or the issued plan's) and the rules' proposals."""
    regenerated = plan.pk is not None
    plan.rules_fired = list(draft.rules_fired)
    plan.rules_dropped = [asdict(entry) for entry in draft.dropped]
    plan.suggestions = [asdict(item) for item in draft.items]
    plan.blocked_reason = ""
    if regenerated:
        plan.items.all().delete()
        plan.previous = issued
        plan.lock_version += 1
        entry = edit_changes.log_entry(
            version=plan.lock_version,
            user=user,
            at=timezone.now(),
            changes=[{"op": "regenerated"}],
        )
        plan.edit_log = edit_changes.append(plan.edit_log, entry)
    plan.save()
    if issued is not None:
        items = [_copy(item, plan) for item in issued.items.all()]
    else:
        items = [_from_draft(item, plan, library) for item in draft.items]
    PlanItem.objects.bulk_create(items)


def _copy(item: PlanItem, plan: HomePlan) -> PlanItem:
    return PlanItem(
        plan=plan,
        exercise_id=item.exercise_id,
        phase=item.phase,
        order=item.order,
        reason_code=item.reason_code,
        note=item.note,
        added_by_therapist=item.added_by_therapist,
        **item.dose(),
    )


def _from_draft(item: rules.PlanItemDraft, plan: HomePlan, library: dict) -> PlanItem:
    return PlanItem(
        plan=plan,
        exercise=library[item.exercise_code],
        phase=item.phase,
        order=item.order,
        reason_code=item.reason_code,
        **{name: getattr(item, name) for name in DOSE_FIELDS},
    )


# Editing ---------------------------------------------------------------------------------


@transaction.atomic
def plan_save(
    *,
    plan: HomePlan,
    user,
    lock_version: int,
    changes: PlanChanges | None = None,
    action: EditAction | None = None,
) -> HomePlan:
    """Save the editor's values and then one small action, if any, as one change."""
    plan = _locked(plan, lock_version)
    items = list(plan.items.select_related("exercise"))
    before = edit_changes.snapshot(plan, items)
    if changes is not None:
        _apply(plan, items, changes)
    removed = _act(plan, items, action) if action is not None else []
    items = [item for item in items if item not in removed]
    _check(items)
    _renumber(items)
    return _commit(plan, user, before, items, removed)


def plan_item_add(
    *, plan: HomePlan, user, lock_version: int, exercise: Exercise, phase: int
) -> HomePlan:
    """Add a library exercise to a phase of the draft at its default dose."""
    action = EditAction("add", exercise.pk, phase)
    return plan_save(plan=plan, user=user, lock_version=lock_version, action=action)


def plan_item_remove(*, plan: HomePlan, user, lock_version: int, item: PlanItem) -> HomePlan:
    """Remove an item from the draft."""
    action = EditAction("remove", item.pk)
    return plan_save(plan=plan, user=user, lock_version=lock_version, action=action)


def plan_item_move(
    *, plan: HomePlan, user, lock_version: int, item: PlanItem, direction: str
) -> HomePlan:
    """Move an item one place "up" or "down" within its phase."""
    action = EditAction(direction, item.pk)
    return plan_save(plan=plan, user=user, lock_version=lock_version, action=action)


def plan_item_to_phase(
    *, plan: HomePlan, user, lock_version: int, item: PlanItem, phase: int
) -> HomePlan:
    """Move an item to the end of another phase."""
    action = EditAction("phase", item.pk, phase)
    return plan_save(plan=plan, user=user, lock_version=lock_version, action=action)


def _locked(plan: HomePlan, lock_version: int) -> HomePlan:
    """Return the plan re-read under a row lock; refuse issued plans and stale edit numbers."""
    current = (
        HomePlan.objects.select_for_update(of=("self",))
        .select_related("episode__patient")
        .get(pk=plan.pk)
    )
    if not current.is_draft:
        raise PlanNotEditable(_("This plan has been issued and can no longer be changed."))
    if current.lock_version != lock_version:
        raise EditConflict(current, edit_changes.since(current.edit_log, lock_version))
    return current


def _apply(plan: HomePlan, items: list[PlanItem], changes: PlanChanges) -> None:
    plan.note = changes.note
    plan.language = changes.language
    plan.next_appointment = changes.next_appointment
    for item in items:
        edit = changes.items.get(item.pk)
        if edit is None:
            continue
        if edit.phase != item.phase:
            item.phase, item.order = edit.phase, END_OF_PHASE
        for name in (*DOSE_FIELDS, "note"):
            setattr(item, name, getattr(edit, name))


def _act(plan: HomePlan, items: list[PlanItem], action: EditAction) -> list[PlanItem]:
    """Apply one small action to the items in memory; return the items to delete."""
    if action.kind == "add":
        items.append(_added(plan, action))
        return []
    if action.kind == "suggest":
        items.append(_suggested(plan, action.target))
        return []
    if action.kind == "swap":
        swap = dropped_swap(plan, items, action.target)
        if swap is None:
            raise PlanError(_("That exercise can no longer be swapped in."))
        items.append(swap.item)
        return [swap.replaces] if swap.replaces is not None else []
    item = next((item for item in items if item.pk == action.target), None)
    if item is None:
        raise PlanError(_("That exercise is no longer in the plan."))
    if action.kind == "remove":
        return [item]
    if action.kind == "phase":
        item.phase, item.order = _valid_phase(action.phase), END_OF_PHASE
    elif action.kind in ("up", "down"):
        _swap(items, item, -1 if action.kind == "up" else 1)
    else:
        raise PlanError(_("Unknown action."))
    return []


def _added(plan: HomePlan, action: EditAction) -> PlanItem:
    exercise = _available(plan, pk=action.target)
    phase = _valid_phase(action.phase)
    return PlanItem(
        plan=plan,
        exercise=exercise,
        phase=phase,
        order=END_OF_PHASE,
        added_by_therapist=True,
        **{name: getattr(exercise, name) for name in DOSE_FIELDS},
    )


def _suggested(plan: HomePlan, index: int) -> PlanItem:
    suggestions = plan.suggestions if isinstance(plan.suggestions, list) else []
    if not 0 <= index < len(suggestions):
        raise PlanError(_("That suggestion is no longer available."))
    suggestion = suggestions[index]
    exercise = _available(plan, code=suggestion.get("exercise_code"))
    return PlanItem(
        plan=plan,
        exercise=exercise,
        phase=_valid_phase(suggestion.get("phase")),
        order=END_OF_PHASE,
        reason_code=str(suggestion.get("reason_code", "")),
        **{name: suggestion.get(name) for name in DOSE_FIELDS},
    )


@dataclass(frozen=True)
class Swap:
    """A one-click swap for a rule the generator had to leave out of a full phase."""

    item: PlanItem
    replaces: PlanItem | None


# Drops that a swap can mend: the phase was full or out of minutes. A contraindicated or held
# exercise is never offered.
SWAPPABLE = (rules.DROPPED_FULL, rules.DROPPED_TIME)


def dropped_swap(plan: HomePlan, items: list[PlanItem], index: int) -> Swap | None:
    """Return how to put dropped rule number `index` into its phase, or None if it cannot be.

    The rule's first exercise that the clinic has and the phase does not yet hold comes in at
    the rule's dose and reason; when the phase is full it takes the place of the phase's last
    exercise (the rules fill a phase in priority order, so the last is the least pressing).
    """
    dropped = plan.rules_dropped if isinstance(plan.rules_dropped, list) else []
    if not 0 <= index < len(dropped):
        return None
    entry = dropped[index]
    rule = next((rule for rule in rules.RULES if rule.id == entry.get("rule_id")), None)
    phase = entry.get("phase")
    if rule is None or entry.get("why") not in SWAPPABLE or phase not in rules.PHASES:
        return None
    in_phase = sorted(
        (item for item in items if item.phase == phase and not item.is_habit), key=_position
    )
    present = {item.exercise.code for item in in_phase}
    if present & set(rule.adds):
        return None
    library = Exercise.objects.for_clinic(plan.episode.clinic_id).active()
    found = {exercise.code: exercise for exercise in library.filter(code__in=entry["options"])}
    code = next((code for code in entry["options"] if code in found), None)
    if code is None:
        return None
    exercise = found[code]
    item = PlanItem(
        plan=plan,
        exercise=exercise,
        phase=phase,
        order=END_OF_PHASE,
        reason_code=rule.reason_code,
        **{name: getattr(exercise, name) for name in DOSE_FIELDS},
    )
    full = len(in_phase) >= rules.MAX_ITEMS_PER_PHASE or entry["why"] == rules.DROPPED_TIME
    return Swap(item, in_phase[-1] if full and in_phase else None)


def _available(plan: HomePlan, **lookup) -> Exercise:
    exercises = Exercise.objects.for_clinic(plan.episode.clinic_id).active()
    exercise = exercises.filter(**lookup).first()
    if exercise is None:
        raise PlanError(_("That exercise is not in your clinic's library."))
    return exercise


def _valid_phase(phase) -> int:
    if phase not in (1, 2, 3):
        raise PlanError(_("Choose phase 1, 2 or 3."))
    return phase


def _group(item: PlanItem) -> tuple[int, bool]:
    """Return the list an item is ordered in: its phase, habits apart from exercises."""
    return (item.phase, item.is_habit)


def _swap(items: list[PlanItem], item: PlanItem, step: int) -> None:
    phase = sorted((other for other in items if _group(other) == _group(item)), key=_position)
    index = phase.index(item)
    if 0 <= index + step < len(phase):
        neighbour = phase[index + step]
        item.order, neighbour.order = neighbour.order, item.order
        if item.order == neighbour.order:
            item.order += step


def _position(item: PlanItem) -> tuple:
    return (item.order, item.pk or END_OF_PHASE * 10)


def _check(items: list[PlanItem]) -> None:
    """Refuse an exercise twice in one phase and overfull phases; validate every dose."""
    seen = set()
    for item in items:
        key = (item.phase, item.exercise_id)
        if key in seen:
            raise PlanError(
                _("%(name)s is already in phase %(phase)s.")
                % {"name": item.exercise.text("name", get_language() or "nl"), "phase": item.phase}
            )
        seen.add(key)
        _validate_item(item)
    for phase in (1, 2, 3):
        if sum(item.phase == phase and not item.is_habit for item in items) > PHASE_ITEM_LIMIT:
            raise PlanError(
                _("A phase can hold at most %(limit)s exercises.") % {"limit": PHASE_ITEM_LIMIT}
            )


def _validate_item(item: PlanItem) -> None:
    try:
        item.clean_fields(exclude=["plan", "exercise", "frozen", "order"])
    except ValidationError as error:
        raise PlanError(_("A dose is out of range.")) from error
    if (item.reps is None) == (item.minutes is None):
        raise PlanError(_("Give either repetitions or minutes."))


def _renumber(items: list[PlanItem]) -> None:
    for group in {_group(item) for item in items}:
        ordered = sorted((item for item in items if _group(item) == group), key=_position)
        for number, item in enumerate(ordered, start=1):
            item.order = number


def _commit(plan: HomePlan, user, before: dict, items: list[PlanItem], removed) -> HomePlan:
    """Write the items and, if anything changed, the next edit number and the log entry."""
    PlanItem.objects.filter(pk__in=[item.pk for item in removed]).delete()
    PlanItem.objects.bulk_create([item for item in items if item.pk is None])
    saved = [item for item in items if item.pk is not None]
    PlanItem.objects.bulk_update(saved, ["phase", "order", *DOSE_FIELDS, "note"])
    found = edit_changes.diff(before, edit_changes.snapshot(plan, items))
    if found:
        plan.lock_version += 1
        entry = edit_changes.log_entry(
            version=plan.lock_version, user=user, at=timezone.now(), changes=found
        )
        plan.edit_log = edit_changes.append(plan.edit_log, entry)
        plan.save()
    return plan


# Issuing ---------------------------------------------------------------------------------


@transaction.atomic
def plan_issue(
    *, plan: HomePlan, user, lock_version: int, findings: Findings | None = None
) -> HomePlan:
    """Issue the draft: freeze its texts, supersede the previous version.

    If the findings block a plan now (red flags awaiting a decision), the draft is not issued:
    it keeps the reason in `blocked_reason` and is returned still a draft.
    """
    plan = _locked(plan, lock_version)
    reason = planning_block(plan.episode, findings=findings)
    if reason:
        plan.blocked_reason = reason[:500]
        plan.save(update_fields=["blocked_reason", "updated_at"])
        return plan
    items = list(plan.items.select_related("exercise"))
    _check_issuable(items)
    for item in items:
        item.frozen = item.freeze(plan.language)
    PlanItem.objects.bulk_update(items, ["frozen"])
    plan.episode.plans.issued().update(status=HomePlan.Status.SUPERSEDED)
    plan.status = HomePlan.Status.ISSUED
    plan.issued_at, plan.issued_by = timezone.now(), user
    plan.blocked_reason = ""
    plan.lock_version += 1
    plan.save()
    # The record copy is rendered by a task worker, so that printing it later is instant.
    enqueue_on_commit(plan)
    return plan


def _check_issuable(items: list[PlanItem]) -> None:
    if not items:
        raise PlanError(_("Add at least one exercise before issuing the plan."))
    if any(not item.reason_code and not item.note.strip() for item in items):
        raise PlanError(
            _("Write in the note why you added an exercise: the patient reads it as the reason.")
        )


# Library ---------------------------------------------------------------------------------


@transaction.atomic
def exercise_save(*, clinic, exercise: Exercise, data: dict) -> Exercise:
    """Save a clinic's exercise. Editing a built-in saves the clinic's copy with its code.

    The clinic's draft plans switch to the copy; issued plans keep their frozen texts.
    """
    builtin = exercise if exercise.pk is not None and exercise.is_builtin else None
    if builtin is not None:
        exercise = Exercise(code=builtin.code, illustration=builtin.illustration)
    exercise.clinic = clinic
    for name, value in data.items():
        setattr(exercise, name, value)
    exercise.save()
    if builtin is not None:
        PlanItem.objects.filter(
            plan__status=HomePlan.Status.DRAFT, plan__episode__clinic=clinic, exercise=builtin
        ).update(exercise=exercise)
    return exercise

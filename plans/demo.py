"""Demo home plans for seed_demo: an issued plan per demo episode, several versions for one."""

import datetime

from django.utils import timezone
from django_scopes import scope

from plans import services
from plans.models import HomePlan

# Version 1 at the intake, then a revision at each two-weekly follow-up.
REVISION_DAYS = 14


def seed(*, clinic, staff, episodes, stdout=None) -> None:
    """Give each open demo episode without plans an issued plan; the first gets three versions.

    Idempotent: episodes that already have a plan are left alone. Episodes whose findings
    block a plan (red flags awaiting a decision) get none, as in the application.
    """
    with scope(clinic=clinic.pk):
        fresh = [
            episode
            for episode in episodes
            if episode.is_open and not HomePlan.objects.filter(episode=episode).exists()
        ]
        for number, episode in enumerate(fresh):
            versions = 3 if number == 0 else 1
            made = _seed_episode(episode, versions)
            if stdout is not None and made:
                stdout.write(f"  plans: {episode.patient} — {made} version(s)")


def _seed_episode(episode, versions: int) -> int:
    user = episode.therapist
    try:
        plan = services.plan_generate(episode=episode, user=user)
    except services.PlanError:
        return 0
    plan = _issue(plan, user, day=0)
    for revision in range(1, versions):
        draft = services.plan_revise(plan=plan, user=user)
        draft = _adjust(draft, user, step=revision)
        plan = _issue(draft, user, day=revision * REVISION_DAYS)
    return versions


def _adjust(plan, user, *, step: int):
    """Change the plan the way a follow-up would: more repetitions, a note for the patient."""
    items = list(plan.items.select_related("exercise"))
    edits = {
        item.pk: services.ItemEdit(
            phase=item.phase,
            sets=item.sets,
            reps=min(item.reps + 2, 50) if item.reps else None,
            minutes=item.minutes,
            hold_seconds=item.hold_seconds,
            times_per_day=item.times_per_day,
            days_per_week=item.days_per_week,
            note=item.note,
        )
        for item in items
    }
    notes = {
        "nl": "Goed bezig! We bouwen de oefeningen een beetje op.",
        "en": "Well done! We are building the exercises up a little.",
    }
    changes = services.PlanChanges(note=notes[plan.language], language=plan.language, items=edits)
    return services.plan_save(plan=plan, user=user, lock_version=plan.lock_version, changes=changes)


def _issue(plan, user, *, day: int):
    plan = services.plan_issue(plan=plan, user=user, lock_version=plan.lock_version)
    # Date the version as if it was issued at the intake or a later follow-up.
    opened = datetime.datetime.combine(plan.episode.opened_on, datetime.time(10))
    at = min(timezone.make_aware(opened) + datetime.timedelta(days=day), timezone.now())
    HomePlan.objects.filter(pk=plan.pk).update(created_at=at, issued_at=at)
    return plan

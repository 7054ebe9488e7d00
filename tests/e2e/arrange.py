"""Arrange the data a browser test starts from, through the product's own services.

Each stage test of the day arranges what came before it here (fast, no browser) and then
drives only its own stage through the pages. Call these inside a clinic scope or the
`unscoped` fixture.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from patients import redflags
from patients.intake import sections as intake
from patients.intake.forms import InstrumentEntry
from patients.models import Visit
from patients.screening import services as screening
from plans import services as plan_services

ALL_NO = {flag.code: redflags.NO for flag in redflags.FLAGS}


def history_fields(**changes) -> dict:
    fields = {
        "onset_date": timezone.localdate() - datetime.timedelta(weeks=3),
        "onset_mode": "gradual_desk",
        "onset_other": "",
        "recurrent": False,
        "previous_episodes": None,
        "pain_location": "Onderrug, midden",
        "radiation": "none",
        "pattern_24h": "morning",
        "aggravating": "Lang zitten",
        "easing": "Wandelen",
        "sleep": "sometimes",
        "earlier_treatment": ["none"],
        "medication": "",
    }
    return {**fields, **changes}


def pain_entries() -> tuple[InstrumentEntry, ...]:
    return (
        InstrumentEntry("nprs", {"q1": 6}, {}),
        InstrumentEntry("psk", {"q1": 7, "q2": 5}, {"q1": "Lang zitten", "q2": "Tillen"}),
        InstrumentEntry("qbpds", {f"q{n}": 1 + n % 3 for n in range(1, 21)}, {}),
    )


def sbst_entry() -> InstrumentEntry:
    return InstrumentEntry("sbst", {**{f"q{n}": n % 2 for n in range(1, 9)}, "q9": 2}, {})


SECTION_FIELDS = {
    intake.PSYCHOSOCIAL: {"stress": 5, "fear_of_movement": "some", "notes": ""},
    intake.WORK: {
        "desk_hours": Decimal("8"),
        "breaks": "rarely",
        "heavy_work": False,
        "activity": "moderate",
        "sport": "",
        "sleep_quality": "fair",
    },
    intake.MOVEMENT: {
        "lumbar_flexion": "painful",
        "lumbar_extension": "normal",
        "lumbar_side_bending": "normal",
        "lumbar_rotation": "limited",
        "thoracic_mobility": "limited",
        "forward_head": True,
        "increased_kyphosis": False,
        "lumbar_lordosis": "normal",
        "prone_tolerated": True,
        "late_pregnancy": False,
        "osteoporosis": False,
        "notes": "",
    },
    intake.DIAGNOSIS: {
        "diagnosis": "overload",
        "diagnosis_other": "",
        "guideline_class": "nslbp",
        "goals": "Weer een hele werkdag kunnen zitten zonder pijn.",
    },
}


def save_section(episode, key, user, fields=None, questionnaires=()):
    return intake.intake_section_save(
        episode=episode, key=key, fields=fields, questionnaires=questionnaires, user=user
    )


def history(episode, user, **changes):
    save_section(episode, intake.HISTORY, user, history_fields(**changes))


def red_flags(episode, user, **answers):
    save_section(episode, intake.REDFLAGS, user, {**ALL_NO, **answers})


def complete_intake(episode, user, *, flags=None, decision=None):
    """Fill in every intake section; red flags all "no" unless ``flags`` are given."""
    history(episode, user)
    save_section(episode, intake.PAIN, user, questionnaires=pain_entries())
    red_flags(episode, user, **(flags or {}))
    if decision is not None:
        intake.redflag_decision_record(
            episode=episode, decision=decision, note="Huisarts gebeld.", user=user
        )
    save_section(
        episode, intake.PSYCHOSOCIAL, user, SECTION_FIELDS[intake.PSYCHOSOCIAL], (sbst_entry(),)
    )
    for key in (intake.WORK, intake.MOVEMENT, intake.DIAGNOSIS):
        save_section(episode, key, user, SECTION_FIELDS[key])


def intake_visit(episode) -> Visit:
    return episode.visits.get(kind=Visit.Kind.INTAKE)


def breathing_screening(visit, user, *, nq=2):
    """Save an NQ (every item ``nq``, so the total is 16 * nq) and an observed breathing."""
    screening.screening_submit(visit=visit, answers={f"q{n}": nq for n in range(1, 17)}, user=user)
    screening.observation_save(
        visit=visit,
        data={
            "hilo_supine": "functional",
            "hilo_sitting": "upper_chest",
            "hilo_standing": "upper_chest",
            "rate": 19,
            "rhythm": "regular",
            "route": "mixed",
            "sighs": True,
            "accessory_muscles": False,
            "breath_hold_seconds": 20,
            "notes": "",
        },
        user=user,
    )


def ready_for_a_plan(episode, user):
    """A complete intake with a breathing screening at the intake visit."""
    complete_intake(episode, user)
    breathing_screening(intake_visit(episode), user)


def draft_plan(episode, user):
    return plan_services.plan_generate(episode=episode, user=user)


def issued_plan(episode, user):
    plan = draft_plan(episode, user)
    return plan_services.plan_issue(plan=plan, user=user, lock_version=plan.lock_version)


def issued_plan_on(episode, user, day):
    """Issue a plan, dated as if issued at 10:00 on ``day`` (its calendar starts that day)."""
    plan = issued_plan(episode, user)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    type(plan).objects.filter(pk=plan.pk).update(created_at=at, issued_at=at)
    plan.refresh_from_db()
    return plan


def time_passes(episode, *, days):
    """Move everything of an episode ``days`` back in time, as if the intake was that long ago.

    The journey takes the whole treatment in one sitting; a follow-up needs a plan issued on an
    earlier day (its calendar starts then).
    """
    from patients.models import ComplaintHistory, Episode
    from plans.models import HomePlan

    delta = datetime.timedelta(days=days)
    episode = Episode.objects.get(pk=episode.pk)
    Episode.objects.filter(pk=episode.pk).update(opened_on=episode.opened_on - delta)
    for visit in episode.visits.all():
        Visit.objects.filter(pk=visit.pk).update(date=visit.date - delta)
    for history in ComplaintHistory.objects.filter(episode=episode):
        ComplaintHistory.objects.filter(pk=history.pk).update(onset_date=history.onset_date - delta)
    for plan in HomePlan.objects.filter(episode=episode):
        HomePlan.objects.filter(pk=plan.pk).update(
            created_at=plan.created_at - delta,
            issued_at=plan.issued_at and plan.issued_at - delta,
        )

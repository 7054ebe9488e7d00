"""Helpers shared by the plan views."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from clinic.decorators import clinic_staff_only  # noqa: F401 (used by the plan views)
from plans.forms import PHASE_CHOICES


def admin_only(request) -> None:
    """Refuse therapists: only clinic admins change the library."""
    if not request.user.is_clinic_admin:
        raise PermissionDenied


def patient_context(episode, **extra) -> dict:
    """Return the context of the patient header shown above every plan page."""
    patient = episode.patient
    return {
        "episode": episode,
        "patient": patient,
        "age": patient.age_on(timezone.localdate()),
        **extra,
    }


def plan_phases(plan, items) -> list[dict]:
    """Return the items of a plan by phase, with their texts in the plan's language."""
    phases = []
    for number, label in PHASE_CHOICES:
        rows = [
            {
                "item": item,
                "name": plan.item_text(item, "name"),
                "reason": plan.item_text(item, "reason"),
                "illustration": plan.item_text(item, "illustration"),
            }
            for item in items
            if item.phase == number
        ]
        minutes = sum(row["item"].est_minutes for row in rows)
        phases.append({"number": number, "label": label, "rows": rows, "minutes": minutes})
    return phases

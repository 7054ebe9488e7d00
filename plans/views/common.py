"""Helpers shared by the plan views."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from plans.forms import PHASE_CHOICES


def clinic_staff_only(view):
    """Refuse users without a clinic (platform superusers): they have no patient scope."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.clinic_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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

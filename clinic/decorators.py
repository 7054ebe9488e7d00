"""View decorators shared by the apps. Every refusal is logged as a denied access event."""

from functools import wraps

from clinic import audit
from clinic.reauth import reauthentication_required


def admin_only(view=None, *, patient_arg=None):
    """Allow clinic admins only (403 for therapists, logged), after recent re-authentication.

    ``patient_arg`` names the URL argument that holds a patient id: a refusal then names that
    patient, so it shows in the patient's access report.
    """

    def decorate(view):
        reauthenticated_view = reauthentication_required(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_clinic_admin:
                pk = kwargs.get(patient_arg) if patient_arg else None
                raise audit.deny(
                    request,
                    reason="role",
                    obj_type="patient" if pk is not None else "page",
                    obj_id=pk if pk is not None else request.path[:80],
                    patient_id=patient_id_of("patient", pk) if pk is not None else None,
                )
            return reauthenticated_view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def patient_id_of(label: str, pk) -> int | None:
    """Return the id of the patient an object belongs to, in any clinic (None when missing).

    Used only to name the patient in a denied access event, never to show data.
    """
    from django_scopes import scopes_disabled

    from patients.models import Episode, Patient, Visit

    lookups = {
        "patient": (Patient.objects, "pk"),
        "episode": (Episode.objects, "patient_id"),
        "visit": (Visit.objects, "episode__patient_id"),
    }
    if label == "plan":
        from plans.models import HomePlan

        lookups["plan"] = (HomePlan.objects, "episode__patient_id")
    if label not in lookups:
        return None
    manager, field = lookups[label]
    try:
        with scopes_disabled():
            return manager.filter(pk=int(pk)).values_list(field, flat=True).first()
    except (TypeError, ValueError, OverflowError):
        return None


def clinic_staff_only(view):
    """Refuse users without a clinic (platform superusers): they have no patient scope."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.clinic_id is None:
            raise audit.deny(request, reason="no clinic", obj_type="page", obj_id=request.path[:80])
        return view(request, *args, **kwargs)

    return wrapper

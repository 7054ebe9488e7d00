"""Web helpers shared by the apps: the view decorators (every refusal is logged as a denied
access event) and naming the patient an object belongs to."""

from functools import wraps

from django.apps import apps
from django_scopes import scopes_disabled

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


# What each kind of object names its patient by: label -> ("app_label.Model", field holding the
# patient id). The feature apps register their own kinds in AppConfig.ready(); the kernel knows
# none of their models.
PATIENT_OWNERS: dict[str, tuple[str, str]] = {}


def register_patient_owner(label: str, model: str, field: str) -> None:
    """Let ``patient_id_of(label, pk)`` find the patient of a ``model`` object through ``field``."""
    PATIENT_OWNERS[label] = (model, field)


def patient_id_of(label: str, pk) -> int | None:
    """Return the id of the patient an object belongs to, in any clinic (None when missing).

    Used only to name the patient in a denied access event, never to show data.
    """
    if label not in PATIENT_OWNERS:
        return None
    model, field = PATIENT_OWNERS[label]
    try:
        with scopes_disabled():
            manager = apps.get_model(model).objects
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

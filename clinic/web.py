"""Web helpers shared by the apps: the view decorators (every refusal is logged as a denied
access event) and naming the patient an object belongs to."""

from functools import wraps

from django.apps import apps
from django_scopes import scopes_disabled

from clinic import audit
from clinic.reauth import reauthentication_required


def require_admin(request, *, patient_pk=None, page: str = "") -> None:
    """Refuse a user who is not a clinic admin: 403, logged as a denied access by role.

    ``patient_pk`` names the patient concerned, so the refusal shows in that patient's access
    report; otherwise the event names ``page`` (default: the path).
    """
    if request.user.is_clinic_admin:
        return
    if patient_pk is not None:
        raise audit.deny(
            request,
            reason="role",
            obj_type="patient",
            obj_id=patient_pk,
            patient_id=patient_id_of("patient", patient_pk),
        )
    raise audit.deny(request, reason="role", obj_type="page", obj_id=page or request.path[:80])


def admin_only(view=None, *, patient_arg=None, reauthenticate=True):
    """Allow clinic admins only (``require_admin``), after a recent re-authentication.

    ``patient_arg`` names the URL argument that holds a patient id: a refusal then names that
    patient. ``reauthenticate=False`` is for admin pages that show or change no patient data
    (the exercise library, the instruments' licences).
    """

    def decorate(view):
        guarded_view = reauthentication_required(view) if reauthenticate else view

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_admin(request, patient_pk=kwargs.get(patient_arg) if patient_arg else None)
            return guarded_view(request, *args, **kwargs)

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

"""View decorators shared by the apps."""

from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.core.exceptions import PermissionDenied


def admin_only(view):
    """Allow clinic admins only (403 for therapists), after recent re-authentication."""
    reauthenticated_view = reauthentication_required(view, allow_get=False)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_clinic_admin:
            raise PermissionDenied
        return reauthenticated_view(request, *args, **kwargs)

    return wrapped

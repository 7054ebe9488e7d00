"""Clinic scoping: the one mechanism every patient-data query goes through.

How it works
------------
* Every model that holds patient data declares ``objects = clinic_scoped("<path to clinic>")``,
  e.g. ``clinic_scoped("clinic")`` on Patient or ``clinic_scoped("episode__clinic")`` on a
  measurement. It is django-scopes' ScopedManager on the dimension ``clinic``.
* ``clinic.middleware.ClinicScopeMiddleware`` activates ``scope(clinic=<user's clinic id>)``
  for each signed-in request. Inside it, ``Model.objects`` is filtered to that clinic.
* Without an active scope the manager raises ``django_scopes.ScopeError`` on any query, so a
  forgotten scope fails loudly rather than returning another clinic's rows. Management commands
  and data migrations wrap their work in ``scope(clinic=...)`` or, deliberately,
  ``scopes_disabled()``.
* Views look objects up with ``get_scoped_or_404`` (or the per-type helpers built on it), which
  turns "not in your clinic" into a 404, never a 403 that would confirm the object exists.
"""

from django.http import Http404
from django_scopes import ScopedManager, get_scope


def clinic_scoped(path: str = "clinic", manager_class=None):
    """Return a manager scoped on the clinic dimension, reached through ``path``."""
    if manager_class is None:
        return ScopedManager(clinic=path)
    return ScopedManager(_manager_class=manager_class, clinic=path)


def get_scoped_or_404(queryset_or_model, **lookup):
    """Return the object from the active clinic scope, or raise Http404."""
    manager = getattr(queryset_or_model, "objects", queryset_or_model)
    queryset = manager.all() if hasattr(manager, "all") else manager
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def active_clinic_id():
    """Return the clinic id of the active scope (None outside a request scope)."""
    return get_scope().get("clinic")

"""The instruments the software ships, with their licence status: for the clinic's admin."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from patients import instruments


@require_GET
def instrument_licences(request):
    """List every instrument with its version, source and licence status (clinic admins)."""
    if not request.user.is_clinic_admin:
        raise PermissionDenied
    context = {"instruments": instruments.all_instruments()}
    return render(request, "patients/instruments/licences.html", context)

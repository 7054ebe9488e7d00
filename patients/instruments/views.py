"""The instruments the software ships, with their licence status: for the clinic's admin."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic.web import admin_only
from patients import instruments


@require_GET
@admin_only(reauthenticate=False)
def instrument_licences(request):
    """List every instrument with its version, source and licence status (clinic admins)."""
    context = {"instruments": instruments.all_instruments()}
    return render(request, "patients/instruments/licences.html", context)

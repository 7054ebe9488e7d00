"""The instruments' licence page (clinic admins)."""

from django.urls import path

from patients.views import instruments

urlpatterns = [
    path("instruments/", instruments.instrument_licences, name="instrument_licences"),
]

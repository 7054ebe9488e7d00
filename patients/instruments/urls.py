"""The instruments' licence page (clinic admins)."""

from django.urls import path

from patients.instruments import views as instruments

urlpatterns = [
    path("instruments/", instruments.instrument_licences, name="instrument_licences"),
]

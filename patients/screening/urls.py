"""Screening URLs: the breathing-pattern screening of a visit and patient self-entry."""

from django.urls import path

from patients.screening import selfentry_views as selfentry
from patients.screening import views as screening

urlpatterns = [
    path("visits/<int:pk>/screening/", screening.screening_hub, name="screening"),
    path("visits/<int:pk>/screening/nq/", screening.nq_entry, name="nq_entry"),
    path("visits/<int:pk>/screening/observation/", screening.observation, name="observation"),
    path(
        "visits/<int:pk>/screening/self-entry/", selfentry.selfentry_start, name="selfentry_start"
    ),
    # The tablet's pages carry no ids: the visit comes from the locked session.
    path("self-entry/", selfentry.selfentry_form, name="selfentry_form"),
    path("self-entry/done/", selfentry.selfentry_done, name="selfentry_done"),
    path("self-entry/unlock/", selfentry.selfentry_unlock, name="selfentry_unlock"),
]

"""Intake URLs: the sections of an episode's intake, the red-flag decision, the findings."""

from django.urls import path

from patients.intake import views

urlpatterns = [
    path("episodes/<int:pk>/intake/", views.overview, name="intake"),
    path(
        "episodes/<int:pk>/intake/redflags/decision/",
        views.redflag_decision,
        name="redflag_decision",
    ),
    path("episodes/<int:pk>/intake/<slug:key>/", views.section, name="intake_section"),
    path("episodes/<int:pk>/findings/", views.findings, name="findings"),
]

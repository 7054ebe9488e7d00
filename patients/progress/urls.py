"""Progress URLs: follow-ups, the discharge, the progress page, the dashboard and what is due."""

from django.urls import path

from patients.progress import dashboard_views as dashboard
from patients.progress import views as progress

urlpatterns = [
    path("episodes/<int:pk>/follow-up/", progress.followup_new, name="followup_new"),
    path("visits/<int:pk>/follow-up/", progress.followup_edit, name="followup_edit"),
    path(
        "visits/<int:pk>/follow-up/revise-plan/",
        progress.followup_plan_revise,
        name="followup_plan_revise",
    ),
    path("episodes/<int:pk>/discharge/", progress.discharge, name="discharge"),
    path("episodes/<int:pk>/progress/", progress.progress_page, name="progress"),
    path(
        "episodes/<int:pk>/progress/<slug:code>.svg",
        progress.progress_chart,
        name="progress_chart",
    ),
    path("episodes/<int:pk>/progress/summary.pdf", progress.progress_pdf, name="progress_pdf"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("dashboard/outcomes.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("due/", dashboard.due_list, name="due_list"),
]

"""Record URLs: patients, their episodes and visits, and the record history."""

from django.urls import path

from patients.record import history_views, views

urlpatterns = [
    path("", views.patient_list, name="list"),
    path("new/", views.patient_create, name="create"),
    path("<int:pk>/", views.patient_detail, name="detail"),
    path("<int:pk>/edit/", views.patient_edit, name="edit"),
    path("<int:pk>/episodes/new/", views.episode_create, name="episode_create"),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("episodes/<int:pk>/edit/", views.episode_edit, name="episode_edit"),
    path("episodes/<int:pk>/close/", views.episode_close, name="episode_close"),
    path("episodes/<int:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("<int:pk>/history/", history_views.record_history, name="record_history"),
]

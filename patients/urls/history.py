"""Record history URLs."""

from django.urls import path

from patients.views import history

urlpatterns = [
    path("<int:pk>/history/", history.record_history, name="record_history"),
]

"""Intake URLs."""

urlpatterns = []

"""Screening URLs."""

urlpatterns = []

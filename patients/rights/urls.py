"""Patient-rights URLs: export and erasure (clinic admins)."""

from django.urls import path

from patients.rights import views

urlpatterns = [
    path("<int:pk>/rights/", views.patient_rights, name="rights"),
    path("<int:pk>/rights/export.json", views.export_json, name="export_json"),
    path("<int:pk>/rights/export.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/rights/erase/", views.erase, name="erase"),
]

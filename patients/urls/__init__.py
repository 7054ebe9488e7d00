"""Patient URLs, one module per area: register, intake, breathing screening, history."""

from patients.urls import history, intake, progress, register, rights, screening

app_name = "patients"

urlpatterns = [
    *register.urlpatterns,
    *intake.urlpatterns,
    *screening.urlpatterns,
    *history.urlpatterns,
    *progress.urlpatterns,
    *rights.urlpatterns,
]

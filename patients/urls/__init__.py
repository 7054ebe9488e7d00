"""Patient URLs, one module per area: register, intake, breathing screening, history,
progress, patient rights and the instruments' licences."""

from patients.urls import history, instruments, intake, progress, register, rights, screening

app_name = "patients"

urlpatterns = [
    *register.urlpatterns,
    *intake.urlpatterns,
    *screening.urlpatterns,
    *history.urlpatterns,
    *progress.urlpatterns,
    *rights.urlpatterns,
    *instruments.urlpatterns,
]

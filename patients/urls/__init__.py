"""Patient URLs, one module per area: register, intake, breathing screening, history."""

from patients.urls import history, intake, register, screening

app_name = "patients"

urlpatterns = [*register.urlpatterns, *intake.urlpatterns, *screening.urlpatterns,
               *history.urlpatterns]

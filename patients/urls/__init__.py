"""Patient URLs, one module per area: the register, the intake, the breathing screening."""

from patients.urls import intake, register, screening

app_name = "patients"

urlpatterns = [*register.urlpatterns, *intake.urlpatterns, *screening.urlpatterns]

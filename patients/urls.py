"""Patient URLs, one module per feature: record (register and history), intake, breathing
screening, progress, patient rights and the instruments' licences."""

from patients.instruments import urls as instruments
from patients.intake import urls as intake
from patients.progress import urls as progress
from patients.record import urls as record
from patients.rights import urls as rights
from patients.screening import urls as screening

app_name = "patients"

urlpatterns = [
    *record.urlpatterns,
    *intake.urlpatterns,
    *screening.urlpatterns,
    *progress.urlpatterns,
    *rights.urlpatterns,
    *instruments.urlpatterns,
]

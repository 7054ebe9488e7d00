from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = _("Patients")

    def ready(self):
        from clinic import web  # noqa: PLC0415 (apps are not loaded at import time)

        web.register_patient_owner("patient", "patients.Patient", "pk")
        web.register_patient_owner("episode", "patients.Episode", "patient_id")
        web.register_patient_owner("visit", "patients.Visit", "episode__patient_id")

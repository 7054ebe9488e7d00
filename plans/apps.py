from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from plans.sync import sync_after_migrate


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Home plans")

    def ready(self):
        from clinic import web  # noqa: PLC0415 (apps are not loaded at import time)

        web.register_patient_owner("plan", "plans.HomePlan", "episode__patient_id")
        post_migrate.connect(sync_after_migrate, sender=self)

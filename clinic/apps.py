from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    default = True
    name = "clinic"
    verbose_name = _("Clinic")


class RugademAdminConfig(admin_apps.AdminConfig):
    """The Django admin, for platform superusers only (see clinic.admin_site.SuperuserAdminSite)."""

    default = False
    default_site = "clinic.admin_site.SuperuserAdminSite"

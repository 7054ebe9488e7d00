"""The Django admin site: platform superusers only, never clinic staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("Rugadem administration")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from clinic import views
from patients.record import views as record_views
from patients.rights import access_views

# The admin signs in through the same allauth flow (two-factor, rate limits) as the app.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", record_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/language/", views.set_language, name="set_language"),
    path("clinic/settings/", views.clinic_settings, name="clinic_settings"),
    path("clinic/access-log/", access_views.access_log, name="access_log"),
    path(
        "clinic/access-log/patient/<int:pk>.csv",
        access_views.patient_access_report,
        name="patient_access_report",
    ),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("patients/", include("patients.urls")),
    path("plans/", include("plans.urls")),
    # Staff do not manage their own e-mail address (it is their sign-in name, set for them):
    # allauth's self-service e-mail pages are switched off before its URLs.
    path("accounts/email/", views.email_managed_by_clinic),
    path("accounts/confirm-email/", views.email_managed_by_clinic),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

"""The clinic's follow-up and re-measurement intervals: set by an admin, used by the schedule."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from clinic.forms import ClinicSettingsForm
from clinic.models import Clinic
from tests.patients.progress.helpers import speak_english, url

SETTINGS_URL = reverse("clinic_settings")


def form_data(clinic, **overrides):
    """Return the settings form as the page shows it for the clinic, with some values changed."""
    form = ClinicSettingsForm(instance=clinic)
    data = {name: value for name, value in form.initial.items() if name != "logo"}
    data["mfa_required"] = "on" if data.get("mfa_required") else ""
    return {**data, **overrides}


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def test_a_clinic_admin_sets_the_intervals(admin_client, clinic):
    admin_client.post(SETTINGS_URL, form_data(clinic, followup_weeks=4, remeasure_weeks=6))
    clinic.refresh_from_db()
    assert (clinic.followup_weeks, clinic.remeasure_weeks) == (4, 6)


@pytest.mark.parametrize("weeks", [0, 13, -1, "x"])
def test_an_interval_out_of_range_is_refused(admin_client, clinic, weeks):
    response = admin_client.post(SETTINGS_URL, form_data(clinic, remeasure_weeks=weeks))
    assert "remeasure_weeks" in response.context["form"].errors
    clinic.refresh_from_db()
    assert clinic.remeasure_weeks == 3


def test_the_progress_page_uses_the_clinics_intervals(
    alice_client, alice, clinic, episode, time_machine
):
    speak_english(alice)
    time_machine.move_to(datetime.datetime(2026, 11, 3, 12, 0))
    Clinic.objects.filter(pk=clinic.pk).update(followup_weeks=4, remeasure_weeks=6)
    with translation.override("en"):
        content = alice_client.get(url("progress", episode)).content.decode()
    assert "30-11-2026" in content  # 2 Nov + 4 weeks
    assert "14-12-2026" in content  # 2 Nov + 6 weeks

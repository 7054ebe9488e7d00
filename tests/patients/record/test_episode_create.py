import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, Visit


def url(patient):
    return reverse("patients:episode_create", args=[patient.pk])


def episode_data(who, **overrides):
    data = {
        "title": "Lage rugpijn na tillen",
        "region": "low_back",
        "referral": "gp",
        "therapist": who.pk,
        "opened_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def episodes():
    with scopes_disabled():
        return list(Episode.objects.all())


def test_the_treating_therapist_defaults_to_the_signed_in_user(alice_client, alice, patient):
    form = alice_client.get(url(patient)).context["form"]
    assert form["therapist"].value() == alice.pk


def test_only_active_colleagues_of_the_clinic_can_be_chosen(
    alice_client, alice, bob, charlie, clinic_admin, patient, clinic
):
    bob.is_active = False
    bob.save()
    form = alice_client.get(url(patient)).context["form"]
    assert set(form.fields["therapist"].queryset) == {alice, clinic_admin}


def test_it_opens_the_episode_with_its_intake_visit(alice_client, bob, patient):
    response = alice_client.post(url(patient), episode_data(bob))
    [episode] = episodes()
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    assert (episode.patient, episode.therapist, episode.referral) == (patient, bob, "gp")
    with scopes_disabled():
        intake = episode.visits.get()
    assert (intake.kind, intake.date) == (Visit.Kind.INTAKE, timezone.localdate())


def test_it_records_a_create_event(alice_client, alice, patient):
    alice_client.post(url(patient), episode_data(alice))
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id, event.object_type) == (
        "create",
        patient.pk,
        "patients.episode",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("opened_on", (timezone.localdate() + datetime.timedelta(days=1)).isoformat()),
        ("opened_on", "32-13-2026"),
        ("opened_on", "1980-05-16"),  # the day before the patient was born
        ("referral", "friend"),
        ("region", "knee"),
        ("title", "<script>alert(1)</script>"),
        ("title", "x" * 121),
        ("therapist", "abc"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(alice_client, alice, patient, field, value):
    response = alice_client.post(url(patient), episode_data(alice, **{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert episodes() == []


def test_another_clinics_therapist_cannot_be_chosen(alice_client, charlie, patient):
    response = alice_client.post(url(patient), episode_data(charlie))
    assert "therapist" in response.context["form"].errors
    assert episodes() == []


def test_it_returns_404_for_another_clinics_therapist(charlie_client, charlie, patient):
    assert charlie_client.get(url(patient)).status_code == 404
    assert charlie_client.post(url(patient), episode_data(charlie)).status_code == 404
    assert episodes() == []

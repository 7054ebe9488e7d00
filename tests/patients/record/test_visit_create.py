import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, Visit

TODAY = timezone.localdate()


def url(episode):
    return reverse("patients:visit_create", args=[episode.pk])


def visit_data(**overrides):
    data = {"kind": "follow_up", "date": TODAY.isoformat(), "notes": "Ademhaling rustiger."}
    data.update(overrides)
    return data


def visits(episode):
    with scopes_disabled():
        return list(episode.visits.order_by("pk"))


def test_the_form_offers_follow_up_and_discharge_only(alice_client, episode):
    form = alice_client.get(url(episode)).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["follow_up", "discharge"]


def test_it_records_the_visit_for_the_signed_in_therapist(client, episode, bob):
    client.force_login(bob)
    response = client.post(url(episode), visit_data(kind="discharge"))
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    visit = visits(episode)[-1]
    assert (visit.kind, visit.date, visit.therapist, visit.notes) == (
        "discharge",
        TODAY,
        bob,
        "Ademhaling rustiger.",
    )


def test_it_records_a_create_event(alice_client, episode):
    alice_client.post(url(episode), visit_data())
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id, event.object_type) == (
        "create",
        episode.patient_id,
        "patients.visit",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "intake"),
        ("kind", "massage"),
        ("date", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("date", "2026-11-01"),  # the day before the episode opened
        ("date", "not a date"),
        ("notes", "<script>alert(1)</script>"),
        ("notes", "x" * 4001),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(alice_client, episode, field, value):
    response = alice_client.post(url(episode), visit_data(**{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert len(visits(episode)) == 1
    assert "<script>alert" not in response.content.decode()


def test_a_visit_on_the_opening_day_is_fine(alice_client, episode):
    alice_client.post(url(episode), visit_data(date="02-11-2026"))
    assert len(visits(episode)) == 2


def test_a_closed_episode_takes_no_new_visits(alice_client, episode, unscoped):
    Episode.objects.filter(pk=episode.pk).update(status="closed", closed_on=TODAY)
    response = alice_client.post(url(episode), visit_data())
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    assert [v.kind for v in visits(episode)] == [Visit.Kind.INTAKE]


def test_it_returns_404_for_another_clinics_therapist(charlie_client, episode):
    assert charlie_client.get(url(episode)).status_code == 404
    assert charlie_client.post(url(episode), visit_data()).status_code == 404
    assert len(visits(episode)) == 1

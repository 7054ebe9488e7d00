import datetime

from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, Visit


def url(episode):
    return reverse("patients:episode_edit", args=[episode.pk])


def episode_data(who, **overrides):
    data = {
        "title": "Rugpijn na verhuizing",
        "region": "low_back_leg",
        "referral": "specialist",
        "therapist": who.pk,
        "opened_on": "2026-11-01",
    }
    data.update(overrides)
    return data


def test_the_form_has_no_working_diagnosis_fields(alice_client, episode):
    form = alice_client.get(url(episode)).context["form"]
    assert not {"diagnosis", "diagnosis_other", "guideline_class", "goals"} & set(form.fields)


def test_it_saves_the_changes(alice_client, episode, bob):
    response = alice_client.post(url(episode), episode_data(bob, diagnosis="overload"))
    assert response["Location"] == reverse("patients:episode_detail", args=[episode.pk])
    episode.refresh_from_db()
    assert (episode.title, episode.region, episode.therapist, episode.diagnosis) == (
        "Rugpijn na verhuizing",
        "low_back_leg",
        bob,
        "",
    )


def test_the_intake_visit_moves_with_the_opening_date(alice_client, episode, intake_visit, alice):
    alice_client.post(url(episode), episode_data(alice, opened_on="2026-10-30"))
    intake_visit.refresh_from_db()
    assert intake_visit.date == datetime.date(2026, 10, 30)


def test_it_records_a_change_event(alice_client, episode, alice):
    alice_client.post(url(episode), episode_data(alice))
    with scopes_disabled():
        event = AccessEvent.objects.get()
    assert (event.action, event.patient_id) == ("change", episode.patient_id)


def test_the_opening_date_cannot_follow_the_first_follow_up(alice_client, episode, alice, unscoped):
    Visit.objects.create(
        episode=episode, kind=Visit.Kind.FOLLOW_UP, therapist=alice, date=datetime.date(2026, 11, 9)
    )
    response = alice_client.post(url(episode), episode_data(alice, opened_on="2026-11-10"))
    assert "opened_on" in response.context["form"].errors
    episode.refresh_from_db()
    assert episode.opened_on == datetime.date(2026, 11, 2)


def test_the_opening_date_cannot_follow_the_closing_date(alice_client, episode, alice, unscoped):
    Episode.objects.filter(pk=episode.pk).update(
        status="closed", closed_on=datetime.date(2026, 11, 5)
    )
    response = alice_client.post(url(episode), episode_data(alice, opened_on="2026-11-06"))
    assert response.status_code == 200
    assert "opened_on" in response.context["form"].errors


def test_a_former_colleague_stays_valid_on_their_episode(alice_client, make_episode, patient, bob):
    episode = make_episode(patient, bob)
    bob.is_active = False
    bob.save()
    response = alice_client.post(url(episode), episode_data(bob))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.therapist, episode.title) == (bob, "Rugpijn na verhuizing")


def test_bad_input_changes_nothing(alice_client, episode, alice):
    response = alice_client.post(
        url(episode), episode_data(alice, referral="friend", title="Nieuw")
    )
    assert response.status_code == 200
    assert 'value="Nieuw"' in response.content.decode()
    episode.refresh_from_db()
    assert (episode.title, episode.referral) == ("", "direct")


def test_it_returns_404_for_another_clinics_therapist(charlie_client, episode, charlie):
    assert charlie_client.get(url(episode)).status_code == 404
    response = charlie_client.post(url(episode), episode_data(charlie, title="Overgenomen"))
    assert response.status_code == 404
    episode.refresh_from_db()
    assert episode.title == ""

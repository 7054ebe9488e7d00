import datetime

from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import AccessEvent, Therapist
from patients.models import Visit
from tests.querybudget import SEAL

URL = reverse("home")


def test_it_offers_a_new_patient_button_and_a_search(alice_client):
    page = alice_client.get(URL).content.decode()
    assert reverse("patients:create") in page
    assert f'action="{reverse("patients:list")}"' in page


def test_it_lists_my_open_episodes_only(
    alice_client, episode, make_patient, make_episode, clinic, bob, alice
):
    make_episode(make_patient(clinic, last_name="VanBob"), bob)
    make_episode(
        make_patient(clinic, last_name="Gesloten"),
        alice,
        status="closed",
        closed_on=datetime.date(2026, 11, 20),
    )
    response = alice_client.get(URL)
    assert [e.pk for e in response.context["open_episodes"]] == [episode.pk]


def test_an_open_episode_shows_its_last_visit(alice_client, episode, alice, unscoped):
    Visit.objects.create(
        episode=episode,
        kind=Visit.Kind.FOLLOW_UP,
        therapist=alice,
        date=datetime.date(2026, 11, 16),
    )
    page = alice_client.get(URL).content.decode()
    assert "16-11-2026" in page


def test_my_most_recently_seen_patients_come_first(
    alice_client, make_patient, make_episode, clinic, alice, unscoped
):
    seen_earlier = make_episode(make_patient(clinic), alice, opened_on=datetime.date(2026, 10, 1))
    seen_lately = make_episode(make_patient(clinic), alice, opened_on=datetime.date(2026, 11, 20))
    response = alice_client.get(URL)
    assert [e.pk for e in response.context["open_episodes"]] == [seen_lately.pk, seen_earlier.pk]


def test_it_lists_the_newest_patients_of_the_clinic(alice_client, patient, foreign_patient):
    response = alice_client.get(URL)
    assert list(response.context["recent_patients"]) == [patient]


def test_it_records_a_search_event(alice_client, alice, patient):
    alice_client.get(URL)
    with scopes_disabled():
        assert AccessEvent.objects.get(user=alice).action == "search"


def test_the_query_count_does_not_grow_with_the_rows(
    alice_client, make_patient, make_episode, clinic, alice, django_assert_max_num_queries
):
    for _ in range(30):
        make_episode(make_patient(clinic), alice)
    alice_client.get(URL)
    # Session, user, open episodes, recent patients, access log (+ request savepoints).
    with django_assert_max_num_queries(7 + SEAL):
        assert alice_client.get(URL).status_code == 200


def test_a_platform_superuser_without_a_clinic_sees_the_plain_start_page(client, db):
    root = Therapist.objects.create_superuser("root@rugadem.test", "a-long-root-password")
    client.force_login(root)
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("patients:create") not in response.content.decode()


def test_names_are_shown_escaped(alice_client, make_patient, make_episode, clinic, alice):
    make_episode(
        make_patient(clinic, last_name="<i>Schuin</i>"), alice, title="<script>x()</script>"
    )
    page = alice_client.get(URL).content.decode()
    assert "<i>Schuin" not in page and "<script>x()" not in page

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic import audit
from clinic.models import AccessEvent, Therapist
from patients.models import Episode, Visit
from tests.querybudget import SEAL

URL = reverse("patients:list")


def names(response):
    return [p.last_name for p in response.context["page"].object_list]


@pytest.fixture
def sixty_patients(make_patient, make_episode, clinic, alice, bob):
    """60 patients: every second one has an open episode (alice or bob) with two visits."""
    patients = []
    for n in range(60):
        patient = make_patient(clinic, last_name=f"Lijst{n:02d}")
        if n % 2:
            episode = make_episode(patient, alice if n % 4 == 1 else bob)
            Visit.objects.create(
                episode=episode,
                kind=Visit.Kind.FOLLOW_UP,
                therapist=alice,
                date=episode.opened_on + datetime.timedelta(days=n),
            )
        patients.append(patient)
    return patients


def test_it_shows_only_the_clinics_own_patients(alice_client, patient, foreign_patient):
    response = alice_client.get(URL)
    assert names(response) == ["Jansen"]
    assert "Buiten" not in response.content.decode()


def test_another_clinics_therapist_sees_none_of_our_patients(charlie_client, patient):
    response = charlie_client.get(URL, {"q": "Jansen"})
    assert response.status_code == 200
    assert names(response) == []


def test_it_finds_a_patient_by_name(alice_client, make_patient, clinic):
    make_patient(clinic, first_name="Anna", last_name="de Vries")
    make_patient(clinic, first_name="Bram", last_name="Bakker")
    assert names(alice_client.get(URL, {"q": "vries"})) == ["de Vries"]


def test_every_word_of_the_search_must_match(alice_client, make_patient, clinic):
    make_patient(clinic, first_name="Anna", last_name="de Vries")
    make_patient(clinic, first_name="Anna", last_name="Bakker")
    assert names(alice_client.get(URL, {"q": "anna bakker"})) == ["Bakker"]


def test_it_finds_a_patient_by_number(alice_client, make_patient, clinic):
    make_patient(clinic, last_name="Zeven", number=7)
    make_patient(clinic, last_name="Acht", number=8)
    assert names(alice_client.get(URL, {"q": "7"})) == ["Zeven"]


def test_it_finds_a_patient_by_date_of_birth_in_dutch_format(alice_client, make_patient, clinic):
    make_patient(clinic, last_name="Born", date_of_birth=datetime.date(1975, 3, 9))
    make_patient(clinic, last_name="Other", date_of_birth=datetime.date(1975, 3, 10))
    assert names(alice_client.get(URL, {"q": "09-03-1975"})) == ["Born"]


def test_it_shows_50_patients_a_page(alice_client, sixty_patients):
    first = alice_client.get(URL)
    second = alice_client.get(URL, {"page": 2})
    assert len(names(first)) == 50
    assert names(second) == [f"Lijst{n:02d}" for n in range(50, 60)]


def test_paging_keeps_the_search(alice_client, sixty_patients):
    response = alice_client.get(URL, {"q": "lijst", "page": 2})
    assert len(names(response)) == 10
    assert "q=lijst&amp;page=1" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"sort": "evil"},
        {"sort": "id; DROP TABLE patients_patient"},
        {"episode": "maybe"},
        {"therapist": "abc"},
        {"therapist": "99999999999999999999999"},
        {"q": "x" * 500},
        {"q": "a\x00b"},
        {"q": "<script>alert(1)</script>"},
    ],
)
def test_invalid_parameters_fall_back_gracefully(alice_client, sixty_patients, params):
    response = alice_client.get(URL, params)
    assert response.status_code == 200
    assert len(names(response)) in (10, 50, 0)
    assert "<script>alert(1)" not in response.content.decode()


def test_a_superscript_digit_searches_as_the_digit(alice_client, sixty_patients):
    # The search compares NFKD-normalised text (patients/record/names.py): "²" is "2" there.
    response = alice_client.get(URL, {"q": "²"})
    assert response.status_code == 200
    assert names(response) and all("2" in name for name in names(response))


def test_another_clinics_therapist_is_not_a_valid_filter(alice_client, sixty_patients, charlie):
    response = alice_client.get(URL, {"therapist": charlie.pk})
    assert response.status_code == 200
    assert response.context["filters"]["therapist_id"] is None
    assert len(names(response)) == 50


def test_it_filters_on_the_treating_therapist_and_open_episode(alice_client, sixty_patients, bob):
    response = alice_client.get(URL, {"therapist": bob.pk, "episode": "open"})
    assert names(response) == [f"Lijst{n:02d}" for n in range(60) if n % 4 == 3]


def test_it_filters_patients_without_an_episode(alice_client, sixty_patients):
    response = alice_client.get(URL, {"episode": "none"})
    assert names(response) == [f"Lijst{n:02d}" for n in range(0, 60, 2)]


def test_it_filters_patients_whose_episodes_are_all_closed(
    alice_client, patient, make_patient, make_episode, clinic, alice
):
    make_episode(
        patient, alice, status=Episode.Status.CLOSED, closed_on=datetime.date(2026, 11, 20)
    )
    still_open = make_patient(clinic, last_name="Open")
    make_episode(
        still_open, alice, status=Episode.Status.CLOSED, closed_on=datetime.date(2026, 11, 20)
    )
    make_episode(still_open, alice)
    assert names(alice_client.get(URL, {"episode": "closed"})) == ["Jansen"]


def test_it_sorts_by_last_visit_newest_first(alice_client, sixty_patients):
    response = alice_client.get(URL, {"sort": "-last_visit"})
    assert names(response)[:3] == ["Lijst59", "Lijst57", "Lijst55"]


def test_it_sorts_by_number_descending(alice_client, sixty_patients):
    response = alice_client.get(URL, {"sort": "-number"})
    assert names(response)[0] == "Lijst59"


def test_a_row_shows_age_open_episode_therapist_and_last_visit(alice_client, sixty_patients, alice):
    response = alice_client.get(URL, {"q": "Lijst01"})
    [row] = response.context["page"].object_list
    assert row.open_therapist == alice
    assert row.last_visit_on == datetime.date(2026, 11, 3)
    assert row.age == row.age_on(timezone.localdate())
    assert "03-11-2026" in response.content.decode()


def test_it_records_one_search_event(alice_client, sixty_patients, alice):
    alice_client.get(URL, {"q": "lijst"})
    with scopes_disabled():
        events = list(AccessEvent.objects.filter(user=alice))
    # The sealed event holds a keyed hash of the term; its text sits beside it (erasable).
    assert [(e.action, e.patient_id, e.detail) for e in events] == [
        ("search", None, "q:" + audit.term_hash("lijst"))
    ]
    assert events[0].search_term.term == "lijst"


def test_names_are_shown_escaped(alice_client, make_patient, clinic):
    make_patient(clinic, first_name="<img src=x onerror=alert(1)>", last_name="Hack")
    page = alice_client.get(URL).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "lijst", "sort": "-last_visit"},
        {"therapist": "1", "episode": "open", "sort": "born"},
    ],
)
def test_the_query_count_does_not_grow_with_the_rows(
    alice_client, sixty_patients, params, django_assert_max_num_queries
):
    alice_client.get(URL)  # the first request after signing in also stores the session
    # Session, user, therapists, count, page rows and the access-log insert.
    with django_assert_max_num_queries(8 + SEAL):
        response = alice_client.get(URL, params)
    assert response.status_code == 200


def test_a_platform_superuser_without_a_clinic_is_refused(client, db):
    root = Therapist.objects.create_superuser("root@rugadem.test", "a-long-root-password")
    client.force_login(root)
    assert client.get(URL).status_code == 403

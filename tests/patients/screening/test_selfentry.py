"""Patient self-entry of the NQ on a tablet: start, fill in, hand back, unlock."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import InstrumentResponse
from patients.screening import selfentry
from tests.conftest import PASSWORD
from tests.patients.screening.helpers import (
    nq_answers,
    nq_post,
    speak_english,
    url,
)
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("english")

FORM = reverse("patients:selfentry_form")
DONE = reverse("patients:selfentry_done")
UNLOCK = reverse("patients:selfentry_unlock")


@pytest.fixture(autouse=True)
def _english(alice, patient, unscoped):
    # The tablet speaks the patient's language; these tests read its English wording.
    speak_english(alice)
    patient.language = "en"
    patient.save(update_fields=["language"])
    with translation.override("en"):
        yield


@pytest.fixture
def locked(alice_client, intake_visit):
    alice_client.post(url("selfentry_start", intake_visit))
    return alice_client


def stored(visit):
    with scopes_disabled():
        return InstrumentResponse.objects.filter(visit=visit, instrument="nq").first()


def test_starting_locks_the_session_to_the_visit(alice_client, intake_visit, alice):
    response = alice_client.post(url("selfentry_start", intake_visit))
    assert response["Location"] == FORM
    entry = alice_client.session[selfentry.SESSION_KEY]
    assert (entry["visit"], entry["user"], entry["instrument"]) == (intake_visit.pk, alice.pk, "nq")
    assert entry["started_at"]


def test_starting_needs_a_post(alice_client, intake_visit):
    assert alice_client.get(url("selfentry_start", intake_visit)).status_code == 405
    assert selfentry.SESSION_KEY not in alice_client.session


def test_it_returns_404_for_other_clinic(charlie_client, intake_visit):
    assert charlie_client.post(url("selfentry_start", intake_visit)).status_code == 404
    assert selfentry.SESSION_KEY not in charlie_client.session


def test_the_tablet_page_shows_the_16_questions_and_the_clinic_name(locked):
    page = locked.get(FORM).content.decode()
    assert page.count('type="radio"') == 80
    assert "Praktijk Alpha" in page
    assert "Questions about your breathing" in page


def test_the_tablet_page_is_in_the_patients_language(
    alice_client, make_patient, clinic, make_episode, alice
):
    dutch = make_patient(clinic, language="nl")
    with scopes_disabled():
        visit = make_episode(dutch, alice).visits.get()
    alice_client.post(url("selfentry_start", visit))
    response = alice_client.get(FORM)
    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_an_english_patient_gets_english(alice_client, make_patient, clinic, make_episode, alice):
    alice.language = "nl"
    alice.save()
    english = make_patient(clinic, language="en")
    with scopes_disabled():
        visit = make_episode(english, alice).visits.get()
    alice_client.post(url("selfentry_start", visit))
    response = alice_client.get(FORM)
    assert '<html lang="en">' in response.content.decode()


def test_the_tablet_page_shows_nothing_of_the_patient_record(
    alice_client, make_patient, clinic, make_episode, alice
):
    patient = make_patient(
        clinic,
        first_name="Wilhelmina",
        last_name="Zeldzaamveld",
        number=48213,
        date_of_birth=datetime.date(1961, 3, 14),
        phone="06 9876 5432",
        email="wz@example.test",
        occupation="Sluiswachter",
    )
    make_patient(clinic, first_name="Bartholomeus", last_name="Anderpatient", number=77311)
    with scopes_disabled():
        visit = make_episode(patient, alice, title="Lage rugpijn na tillen").visits.get()
    alice_client.post(url("selfentry_start", visit))
    page = alice_client.get(FORM).content.decode()
    for secret in (
        "Wilhelmina",
        "Zeldzaamveld",
        "48213",
        "1961",
        "14-03",
        "9876",
        "wz@",
        "Sluiswachter",
        "Lage rugpijn",
        "Bartholomeus",
        "Anderpatient",
        "77311",
        f"/{visit.pk}/",
    ):
        assert secret not in page


def test_the_tablet_page_does_not_show_answers_entered_earlier(locked, intake_visit, alice):
    with scopes_disabled():
        InstrumentResponse.objects.create(
            visit=intake_visit,
            instrument="nq",
            version="1",
            answers=nq_answers(30),
            total=30,
            valid=True,
        )
    assert " checked" not in locked.get(FORM).content.decode()


def test_the_tablet_page_has_no_links_and_no_navigation(locked):
    page = locked.get(FORM).content.decode()
    links = re.findall(r'href="([^"]*)"', page)
    assert all(link.startswith("/static/") for link in links)
    assert "navbar" not in page


def test_the_tablet_page_uses_large_type(locked):
    page = locked.get(FORM).content.decode()
    assert '<body class="selfentry">' in page
    from django.contrib.staticfiles import finders

    with open(finders.find("css/rugadem.css"), encoding="utf-8") as css:
        rule = re.search(r"\.selfentry \{ font-size: ([\d.]+)rem", css.read())
    assert float(rule.group(1)) >= 1.25


def test_submitting_saves_a_self_entered_response(locked, intake_visit, alice):
    response = locked.post(FORM, nq_post(nq_answers(26)))
    assert response["Location"] == DONE
    saved = stored(intake_visit)
    assert (saved.valid, saved.total, saved.band) == (True, 26, "elevated")
    assert (saved.self_entered, saved.entered_by) == (True, alice)


def test_submitting_records_a_change_event(locked, patient):
    locked.post(FORM, nq_post(nq_answers(26)))
    event = AccessEvent.objects.get(
        action="change", detail="self-entry", object_type__endswith="response"
    )
    assert event.patient_id == patient.pk


def test_a_missing_answer_is_asked_for_and_nothing_is_saved(locked, intake_visit):
    answers = nq_answers(26)
    del answers["q9"]
    response = locked.post(FORM, nq_post(answers))
    assert response.status_code == 200
    assert "q9" in response.context["form"].errors
    assert "Send without the missing answers" in response.content.decode()
    assert stored(intake_visit) is None


def test_the_patient_may_send_without_the_missing_answers_as_a_draft(locked, intake_visit):
    answers = nq_answers(26)
    del answers["q9"]
    locked.post(FORM, nq_post(answers, action="draft"))
    saved = stored(intake_visit)
    assert (saved.valid, saved.total, saved.self_entered) == (False, None, True)


def test_a_value_of_5_is_refused(locked, intake_visit):
    response = locked.post(FORM, {**nq_post(nq_answers(26)), "q1": "5"})
    assert "q1" in response.context["form"].errors
    assert stored(intake_visit) is None


def test_after_submitting_the_tablet_shows_thanks_and_stays_locked(locked, intake_visit):
    locked.post(FORM, nq_post(nq_answers(26)))
    page = locked.get(DONE).content.decode()
    assert "Please hand the tablet back to your therapist." in page
    assert locked.get(url("screening", intake_visit))["Location"] == FORM
    assert locked.get(FORM)["Location"] == DONE


def test_the_patient_cannot_submit_twice(locked, intake_visit):
    locked.post(FORM, nq_post(nq_answers(26)))
    response = locked.post(FORM, nq_post(nq_answers(3)))
    assert response["Location"] == DONE
    assert stored(intake_visit).total == 26


def test_the_thank_you_page_waits_for_the_submission(locked):
    assert locked.get(DONE)["Location"] == FORM


def test_the_right_password_unlocks_and_returns_to_the_screening(locked, intake_visit):
    response = locked.post(UNLOCK, {"password": PASSWORD})
    assert response["Location"] == url("screening", intake_visit)
    assert selfentry.SESSION_KEY not in locked.session
    assert locked.get(url("screening", intake_visit)).status_code == 200


def test_a_wrong_password_keeps_the_lock(locked, intake_visit):
    response = locked.post(UNLOCK, {"password": "guess"})
    assert response.status_code == 200
    assert response.context["unlock_form"].errors["password"] == ["That password is not correct."]
    assert locked.get(url("screening", intake_visit))["Location"] == FORM


def test_five_wrong_passwords_sign_the_session_out(locked):
    for _try in range(4):
        assert locked.post(UNLOCK, {"password": "guess"}).status_code == 200
    response = locked.post(UNLOCK, {"password": "guess"})
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in locked.session
    assert selfentry.SESSION_KEY not in locked.session


def test_the_right_password_after_four_wrong_ones_still_unlocks(locked, intake_visit):
    for _try in range(4):
        locked.post(UNLOCK, {"password": "guess"})
    assert locked.post(UNLOCK, {"password": PASSWORD})["Location"] == url("screening", intake_visit)


def test_unlocking_needs_a_post(locked):
    assert locked.get(UNLOCK)["Location"] == FORM


def test_without_a_lock_the_tablet_pages_go_home(alice_client):
    for page in (FORM, DONE, UNLOCK):
        assert alice_client.get(page)["Location"] == reverse("home")


def test_a_lock_of_another_user_is_dropped(client, alice, bob, intake_visit):
    client.force_login(alice)
    client.post(url("selfentry_start", intake_visit))
    session = client.session
    entry = session[selfentry.SESSION_KEY]
    session[selfentry.SESSION_KEY] = {**entry, "user": bob.pk}
    session.save()
    assert client.get(url("screening", intake_visit)).status_code == 200
    assert selfentry.SESSION_KEY not in client.session


def test_the_tablet_page_stays_within_its_query_budget(locked, django_assert_max_num_queries):
    with django_assert_max_num_queries(9 + SEAL):
        locked.get(FORM)

"""A form sent twice creates one thing (issue 15 point 15): a patient, a visit, a follow-up.

Each rendered form carries a token; the second submission with it creates nothing and leads to
what the first made. Sequentially here; with two concurrent requests below.
"""

import datetime
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from clinic.models import Clinic, SubmissionToken, Therapist
from patients.models import Patient, Visit
from tests.conftest import PASSWORD

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def token_of(client, url):
    match = TOKEN.search(client.get(url).content.decode())
    assert match, "the form carries a submission token"
    return match.group(1)


def patient_data(token, **extra):
    return {
        "first_name": "Anna",
        "last_name": "de Vries",
        "date_of_birth": "1980-05-17",
        "language": "nl",
        "submission_token": token,
        **extra,
    }


def count(model, **filters):
    with scopes_disabled():
        return model.objects.filter(**filters).count()


def test_a_patient_form_sent_twice_registers_one_patient(alice_client):
    url = reverse("patients:create")
    token = token_of(alice_client, url)
    first = alice_client.post(url, patient_data(token))
    second = alice_client.post(url, patient_data(token))
    assert count(Patient, last_name="de Vries") == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_used_tokens_are_kept_a_week_then_removed(alice_client, alice, time_machine):
    url = reverse("patients:create")
    old = token_of(alice_client, url)
    alice_client.post(url, patient_data(old))
    time_machine.move_to(datetime.timedelta(days=8))
    alice_client.force_login(alice)  # the session of a week ago has ended
    new = token_of(alice_client, url)
    alice_client.post(url, patient_data(new, first_name="Bea"))
    assert set(SubmissionToken.objects.values_list("token", flat=True)) == {new}


def test_each_render_gets_its_own_token(alice_client):
    url = reverse("patients:create")
    alice_client.post(url, patient_data(token_of(alice_client, url)))
    alice_client.post(url, patient_data(token_of(alice_client, url)))
    assert count(Patient, last_name="de Vries") == 2


def test_a_refused_submission_keeps_its_token_for_the_corrected_one(alice_client):
    url = reverse("patients:create")
    token = token_of(alice_client, url)
    response = alice_client.post(url, patient_data(token, date_of_birth="31-31-1980"))
    assert response.status_code == 200 and token in response.content.decode()
    alice_client.post(url, patient_data(token))
    assert count(Patient, last_name="de Vries") == 1


def test_a_visit_form_sent_twice_records_one_visit(alice_client, episode):
    url = reverse("patients:visit_create", args=[episode.pk])
    token = token_of(alice_client, url)
    data = {"kind": "follow_up", "date": episode.opened_on.isoformat(), "submission_token": token}
    alice_client.post(url, data)
    second = alice_client.post(url, data)
    assert count(Visit, episode=episode, kind="follow_up") == 1
    assert second["Location"] == reverse("patients:episode_detail", args=[episode.pk])


def test_a_follow_up_sent_twice_records_one_visit(alice_client, episode, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 16, 12, 0))
    url = reverse("patients:followup_new", args=[episode.pk])
    token = token_of(alice_client, url)
    data = {"date": "2026-11-16", "notes": "", "submission_token": token}
    first = alice_client.post(url, data)
    second = alice_client.post(url, data)
    assert first.status_code == 302
    assert count(Visit, episode=episode, kind="follow_up") == 1
    assert second["Location"] == first["Location"]


# Two requests at the same moment ----------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database cannot be shared by two threads' transactions; "
    "SQLite runs one writing transaction at a time (BEGIN IMMEDIATE) anyway",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_register_one_patient(_refill_after_flush):
    clinic = Clinic.objects.create(name="Gelijktijdig")
    user = Therapist.objects.create_user(email="t@gelijk.test", password=PASSWORD, clinic=clinic)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(user)
    url = reverse("patients:create")
    token = token_of(clients[0], url)
    barrier, statuses = threading.Barrier(2), []

    def submit(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, patient_data(token)).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [302, 302]
        assert count(Patient, clinic=clinic) == 1
        assert SubmissionToken.objects.filter(token=token).count() == 1
    finally:
        from tests import dbtriggers

        dbtriggers.drop()  # let the transactional test empty the tables

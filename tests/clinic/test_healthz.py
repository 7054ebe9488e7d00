from unittest import mock

from django.db import DatabaseError


def test_it_answers_ok_without_sign_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_answers_503_when_the_database_fails(client, db):
    with mock.patch("clinic.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


def test_it_reveals_no_data(client, db, alice):
    response = client.get("/healthz")
    assert alice.email not in response.content.decode()

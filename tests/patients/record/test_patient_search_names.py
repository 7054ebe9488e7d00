"""The patient search finds people as they are typed: without accents, in any case, with
typographic apostrophes; the same on SQLite and PostgreSQL (a normalised, indexed column)."""

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.db import connection

from patients.models import Patient
from patients.record.names import search_text

pytestmark = pytest.mark.usefixtures("unscoped")


def register(clinic, number, first_name, last_name):
    return Patient.objects.create(
        clinic=clinic,
        number=number,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=datetime.date(1980, 1, 1),
    )


@pytest.fixture
def people(clinic):
    return {
        "celik": register(clinic, 101, "Ayşe", "Çelik"),
        "hondt": register(clinic, 102, "Pieter", "d'Hondt"),
        "muller": register(clinic, 103, "Jürgen", "MÜLLER"),
        "other": register(clinic, 104, "Sanne", "Bakker"),
    }


def found(term) -> set[int]:
    return set(Patient.objects.search(term).values_list("number", flat=True))


@pytest.mark.parametrize(
    ("term", "number"),
    [
        ("Celik", 101),
        ("çelik", 101),
        ("CELIK", 101),
        ("ayse", 101),
        ("d’Hondt", 102),  # a typographic apostrophe, as phones type it
        ("d'hondt", 102),
        ("D‘HONDT", 102),
        ("muller", 103),
        ("Jurgen Müller", 103),
    ],
)
def test_it_finds_names_however_they_are_typed(people, term, number):
    assert found(term) == {number}


def test_the_column_follows_a_changed_name(people):
    patient = people["other"]
    patient.last_name = "Şahin"
    patient.save(update_fields=["last_name"])
    assert found("sahin") == {104}
    assert found("bakker") == set()


def test_the_search_column_is_indexed_with_the_clinic(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Patient._meta.db_table)
    assert any(
        c["index"] and c["columns"] == ["clinic_id", "search_name"] for c in constraints.values()
    )


def test_the_migration_fills_the_column_of_existing_patients(people):
    Patient.objects.update(search_name="")
    migration = importlib.import_module("patients.migrations.0007_i17_patient_search_name")
    migration.fill_search_names(global_apps, None)
    assert found("celik") == {101} and found("d’hondt") == {102}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Çelik", "celik"), ("d’Hondt", "d'hondt"), ("Strauß", "strauss"), ("Işık", "isik")],
)
def test_search_text_normalises(typed, stored):
    assert search_text(typed) == stored

"""The patient's last visit date kept on the patient, and the patient list's cost."""

import datetime

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.widgets import FastSelect
from patients.models import Patient, Visit, backfill_last_visit
from patients.progress import followup
from patients.record.forms import PatientFilterForm

URL = reverse("patients:list")
DAY = datetime.date(2026, 11, 2)


def last_visit_on(patient):
    return Patient.objects.with_scopes_disabled().get(pk=patient.pk).last_visit_on


def test_a_new_visit_sets_the_patients_last_visit(patient, make_episode, alice):
    assert last_visit_on(patient) is None
    episode = make_episode(patient, alice, opened_on=DAY)
    assert last_visit_on(patient) == DAY
    followup.followup_record(
        episode=episode,
        user=alice,
        date=DAY + datetime.timedelta(days=7),
        notes="",
        calendar=None,
    )
    assert last_visit_on(patient) == DAY + datetime.timedelta(days=7)


def test_an_earlier_visit_in_another_episode_keeps_the_latest(patient, make_episode, alice):
    make_episode(patient, alice, opened_on=DAY)
    make_episode(patient, alice, opened_on=DAY - datetime.timedelta(days=300))
    assert last_visit_on(patient) == DAY


def test_moving_or_deleting_a_visit_recomputes_the_date(patient, make_episode, alice, unscoped):
    episode = make_episode(patient, alice, opened_on=DAY)
    later = Visit.objects.create(
        episode=episode,
        kind=Visit.Kind.FOLLOW_UP,
        date=DAY + datetime.timedelta(days=9),
        therapist=alice,
    )
    assert last_visit_on(patient) == DAY + datetime.timedelta(days=9)
    later.date = DAY + datetime.timedelta(days=3)
    later.save(update_fields=["date"])
    assert last_visit_on(patient) == DAY + datetime.timedelta(days=3)
    later.delete()
    assert last_visit_on(patient) == DAY


def test_saving_a_patient_read_earlier_does_not_undo_a_visit(patient, make_episode, alice):
    stale = Patient.objects.with_scopes_disabled().get(pk=patient.pk)
    make_episode(patient, alice, opened_on=DAY)
    stale.phone = "0612345678"
    stale.save()
    assert last_visit_on(patient) == DAY
    assert Patient.objects.with_scopes_disabled().get(pk=patient.pk).phone == "0612345678"


def test_the_backfill_sets_patients_written_in_bulk(patient, make_episode, alice, unscoped):
    make_episode(patient, alice, opened_on=DAY)
    Patient.objects.filter(pk=patient.pk).update(last_visit_on=None)
    assert backfill_last_visit() >= 1
    assert last_visit_on(patient) == DAY


def test_the_list_sorted_by_last_visit_reads_no_visits(alice_client, patient, make_episode, alice):
    make_episode(patient, alice, opened_on=DAY)
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(URL, {"sort": "-last_visit"})
    assert response.status_code == 200
    assert "31-10-2026" not in response.content.decode()
    assert "02-11-2026" in response.content.decode()
    assert not [q["sql"] for q in queries if "patients_visit" in q["sql"]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan text")
def test_the_sort_by_last_visit_uses_the_clinic_index(patient):
    from django_scopes import scope

    from patients.record import search

    with scope(clinic=patient.clinic_id):
        sql, params = search.patient_list(sort="-last_visit").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "patient_last_visit_idx" in plan


def test_each_row_links_to_its_patient(alice_client, patient):
    response = alice_client.get(URL)
    [row] = response.context["page"].object_list
    assert row.url == reverse("patients:detail", args=[patient.pk])
    assert f'href="{row.url}"' in response.content.decode()


CHOICES = [("", "Any <one>"), (1, "A & B"), (2, "C"), ("Group", [("3", "x"), ("4", "y")])]


@pytest.mark.parametrize("value", ["", "1", 2, None, "4", "nothing"])
def test_fast_select_writes_what_djangos_templates_write(value):
    attrs = {"class": "form-select", "required": True, "disabled": False, "data-x": '"q"'}
    django = forms.Select(choices=CHOICES, attrs=attrs).render("f", value, {"id": "id_f"})
    fast = FastSelect(choices=CHOICES, attrs=attrs).render("f", value, {"id": "id_f"})
    assert fast == django


def test_the_filter_form_renders_like_djangos_select(alice):
    form = PatientFilterForm({"sort": "-born", "episode": "open"}, therapists=[alice])
    for name in ("therapist", "episode", "sort"):
        field = form[name]
        plain = forms.Select(choices=field.field.choices, attrs=field.field.widget.attrs)
        assert str(field) == plain.render(field.html_name, field.value(), {"id": field.auto_id})
    assert 'value="-born" selected' in str(form["sort"])

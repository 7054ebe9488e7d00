import datetime
import json

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import Episode, InstrumentResponse, Patient
from patients.rights import services as rights
from tests.patients.rights.helpers import SECRET


def close_days_ago(patient, days):
    """Move the patient's (closed) episodes back so they closed ``days`` ago."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    with scopes_disabled():
        Episode.objects.filter(patient=patient).update(
            opened_on=day, closed_on=day, status=Episode.Status.CLOSED
        )


def everything(patient) -> str:
    """Return all rows held about the patient, live and historical, as one JSON text."""
    with scopes_disabled():
        found = rights.collect(patient)
    return json.dumps([(f.rows, f.history) for f in found], cls=DjangoJSONEncoder)


def scores(patient):
    with scopes_disabled():
        return list(
            InstrumentResponse.objects.filter(visit__episode__patient=patient)
            .order_by("instrument")
            .values_list("instrument", "answers", "total", "band", "valid")
        )


def anonymise(days=365):
    with scopes_disabled():
        return rights.anonymise_closed_episodes(older_than_days=days)


def test_identifying_data_is_gone_everywhere_including_history(
    full_record, django_capture_on_commit_callbacks
):
    close_days_ago(full_record, 400)
    assert SECRET in everything(full_record) and "Jansen" in everything(full_record)
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise() == [full_record.pk]
    text = everything(full_record)
    for identifying in (SECRET, "Jansen", "Anna", "Fietsen", "1980-05-17", "Paracetamol"):
        assert identifying not in text


def test_the_patient_keeps_only_the_birth_year(full_record):
    close_days_ago(full_record, 400)
    anonymise()
    with scopes_disabled():
        patient = Patient.objects.get(pk=full_record.pk)
    assert (patient.first_name, patient.last_name) == ("Anonymous", "Anonymous")
    assert patient.date_of_birth == datetime.date(1980, 7, 1)
    assert (patient.phone, patient.email, patient.occupation) == ("", "", "")


def test_scores_are_kept_for_statistics(full_record):
    close_days_ago(full_record, 400)
    before = scores(full_record)
    anonymise()
    assert scores(full_record) == before and before


def test_the_stored_pdf_with_the_name_is_deleted(full_record, django_capture_on_commit_callbacks):
    close_days_ago(full_record, 400)
    with scopes_disabled():
        plan = full_record.episodes.get().plans.get()
    with django_capture_on_commit_callbacks(execute=True):
        anonymise()
    plan.refresh_from_db()
    assert not default_storage.exists(plan.pdf.name or "plans/pdf/none.pdf")
    assert (plan.pdf.name or "", plan.pdf_sha256) == ("", "")


def test_it_is_recorded_in_the_access_log(full_record):
    close_days_ago(full_record, 400)
    anonymise()
    event = AccessEvent.objects.get(patient_id=full_record.pk, detail="anonymisation")
    assert event.action == "change" and event.user is None


def test_a_recently_closed_episode_is_left_alone(full_record):
    close_days_ago(full_record, 30)
    before = everything(full_record)
    assert anonymise() == []
    assert everything(full_record) == before


def test_a_patient_with_an_open_episode_is_left_alone(full_record, make_episode, alice):
    close_days_ago(full_record, 400)
    make_episode(full_record, alice)
    assert anonymise() == []


def test_an_anonymised_patient_is_not_done_again(full_record):
    close_days_ago(full_record, 400)
    anonymise()
    assert anonymise() == []


def test_the_command_uses_the_given_age(full_record):
    close_days_ago(full_record, 40)
    call_command("anonymise_closed_episodes", "--older-than-days", "60")
    with scopes_disabled():
        assert Patient.objects.get(pk=full_record.pk).last_name == "Jansen"
    call_command("anonymise_closed_episodes", "--older-than-days", "30")
    with scopes_disabled():
        assert Patient.objects.get(pk=full_record.pk).last_name == "Anonymous"


def test_by_default_it_waits_for_the_legal_retention_of_20_years(full_record):
    close_days_ago(full_record, 19 * 365)
    call_command("anonymise_closed_episodes")
    with scopes_disabled():
        assert Patient.objects.get(pk=full_record.pk).last_name == "Jansen"
    close_days_ago(full_record, 20 * 365 + 6)
    call_command("anonymise_closed_episodes")
    with scopes_disabled():
        assert Patient.objects.get(pk=full_record.pk).last_name == "Anonymous"

import datetime

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from clinic.models import AccessEvent
from patients.models import ErasureRecord, Patient
from tests.patients.rights.helpers import events_about, stored_counts


def url(patient):
    return reverse("patients:erase", args=[patient.pk])


def request_data(patient, **changes):
    data = {
        "patient_request": "on",
        "requested_on": timezone.localdate().isoformat(),
        "reason": "Written request handed in at the desk; identity checked.",
        "confirm_number": str(patient.number),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def erase(client, patient, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(patient), request_data(patient, **changes))


def plan_pdf_name(patient):
    with scopes_disabled():
        return patient.episodes.get().plans.get().pdf.name


def test_it_erases_the_record_and_its_history(
    admin_client, full_record, django_capture_on_commit_callbacks
):
    pk = full_record.pk
    response = erase(admin_client, full_record, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("patients:list")
    with scopes_disabled():
        assert not Patient.objects.filter(pk=pk).exists()
        assert not Patient.history.filter(id=pk).exists()
        assert not Patient.history.filter(last_name="Jansen").exists()


def test_every_source_is_emptied_including_history(
    admin_client, full_record, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        from patients.rights import services as rights

        found = rights.collect(full_record)
    erase(admin_client, full_record, django_capture_on_commit_callbacks)
    with scopes_disabled():
        for item in found:
            model = item.source.model
            assert not model.objects.filter(pk__in=item.ever_ids).exists(), item.source.key
            if item.source.history is not None:
                assert not item.source.history.filter(id__in=item.ever_ids).exists()


def test_the_stored_pdf_is_deleted(admin_client, full_record, django_capture_on_commit_callbacks):
    name = plan_pdf_name(full_record)
    assert default_storage.exists(name)
    erase(admin_client, full_record, django_capture_on_commit_callbacks)
    assert not default_storage.exists(name)


def test_the_access_log_is_kept_and_records_the_erasure(
    admin_client, alice_client, full_record, django_capture_on_commit_callbacks
):
    alice_client.get(reverse("patients:detail", args=[full_record.pk]))
    before = [event.pk for event in events_about(full_record.pk)]
    erase(admin_client, full_record, django_capture_on_commit_callbacks)
    after = events_about(full_record.pk)
    assert [event.pk for event in after[: len(before)]] == before
    last = after[-1]
    assert (last.action, last.detail, last.object_type) == (
        "change",
        "erasure",
        "patients.erasurerecord",
    )


def test_the_erasure_record_says_who_when_and_why_without_the_name(
    admin_client, clinic_admin, full_record, django_capture_on_commit_callbacks
):
    erase(admin_client, full_record, django_capture_on_commit_callbacks)
    with scopes_disabled():
        record = ErasureRecord.objects.get()
        values = str(list(ErasureRecord.objects.values().get().values()))
    assert (record.patient_number, record.patient_id) == (full_record.number, full_record.pk)
    assert record.approved_by == clinic_admin == record.performed_by
    assert record.reason.startswith("Written request")
    assert record.scope["patients.patient"] == 1 and record.scope["files"] == 1
    assert "Jansen" not in values and "1980" not in values


def test_other_patients_are_untouched(
    admin_client,
    full_record,
    make_patient,
    make_episode,
    clinic,
    bob,
    django_capture_on_commit_callbacks,
):
    other = make_patient(clinic, first_name="Bert", last_name="Blijft")
    make_episode(other, bob)
    before = stored_counts(other.pk)
    erase(admin_client, full_record, django_capture_on_commit_callbacks)
    assert stored_counts(other.pk) == before


def test_a_wrong_patient_number_erases_nothing(
    admin_client, full_record, django_capture_on_commit_callbacks
):
    before = stored_counts(full_record.pk)
    response = erase(
        admin_client, full_record, django_capture_on_commit_callbacks, confirm_number="999"
    )
    assert response.status_code == 200
    assert "confirm_number" in response.context["form"].errors
    assert response.context["form"]["reason"].value().startswith("Written request")
    assert stored_counts(full_record.pk) == before
    assert default_storage.exists(plan_pdf_name(full_record))


def test_a_reason_and_the_patients_request_are_required(
    admin_client, patient, django_capture_on_commit_callbacks
):
    response = erase(
        admin_client,
        patient,
        django_capture_on_commit_callbacks,
        reason="  ",
        patient_request=None,
    )
    assert set(response.context["form"].errors) == {"reason", "patient_request"}
    assert stored_counts(patient.pk) is not None


def test_a_request_date_in_the_future_is_refused(
    admin_client, patient, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = erase(
        admin_client,
        patient,
        django_capture_on_commit_callbacks,
        requested_on=tomorrow.isoformat(),
    )
    assert "requested_on" in response.context["form"].errors
    assert stored_counts(patient.pk) is not None


def test_a_therapist_is_refused(alice_client, patient, django_capture_on_commit_callbacks):
    response = erase(alice_client, patient, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert stored_counts(patient.pk) is not None


def test_it_returns_404_for_other_clinic(
    foreign_admin_client, full_record, django_capture_on_commit_callbacks
):
    before = stored_counts(full_record.pk)
    response = erase(foreign_admin_client, full_record, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert stored_counts(full_record.pk) == before
    assert not ErasureRecord.objects.exists()
    assert not AccessEvent.objects.filter(detail="erasure").exists()


def test_a_get_is_not_allowed(admin_client, patient):
    assert admin_client.get(url(patient)).status_code == 405
    assert stored_counts(patient.pk) is not None


def test_an_implausibly_old_request_date_is_refused(
    admin_client, patient, django_capture_on_commit_callbacks
):
    response = erase(
        admin_client, patient, django_capture_on_commit_callbacks, requested_on="2010-03-01"
    )
    assert "requested_on" in response.context["form"].errors
    assert stored_counts(patient.pk) is not None

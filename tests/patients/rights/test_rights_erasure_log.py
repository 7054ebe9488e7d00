"""Erasure and the access log: searches that named the patient lose their plain text, and the
patient's number is never handed out again (issue 15 points 8 and 16)."""

from django.urls import reverse
from django_scopes import scopes_disabled

from clinic import accesslog, audit
from clinic.models import AccessEvent, AccessSearchTerm
from patients.models import ErasureRecord, Patient
from tests.patients.rights.test_rights_erasure import erase

SEARCHES = ["jansen", "Anna", "17-05-1980", "1980-05-17", "de vries"]


def test_searches_naming_the_patient_lose_their_plain_text_on_erasure(
    admin_client, alice_client, patient, django_capture_on_commit_callbacks
):
    for term in SEARCHES:
        alice_client.get(reverse("patients:list"), {"q": term})
    searches = AccessEvent.objects.filter(action="search").exclude(detail="start page")
    stored = {e.search_term.term: e.detail for e in searches.select_related("search_term")}
    assert set(stored) == set(SEARCHES)
    # The sealed event never holds the plain text, only a keyed hash of it.
    assert all(detail == "q:" + audit.term_hash(term) for term, detail in stored.items())
    assert not any(term in detail for term, detail in stored.items())

    erase(admin_client, patient, django_capture_on_commit_callbacks)

    left = set(AccessSearchTerm.objects.values_list("term", flat=True))
    assert left == {"de vries"}  # another name: kept
    with scopes_disabled():
        record = ErasureRecord.objects.get()
    assert record.scope["access log search terms"] == 4
    assert accesslog.verify([]).ok


def test_an_erased_patients_number_is_never_handed_out_again(
    admin_client, alice_client, make_patient, clinic, django_capture_on_commit_callbacks
):
    make_patient(clinic, number=1)
    newest = make_patient(clinic, number=2, first_name="Anna", last_name="Jansen")
    erase(admin_client, newest, django_capture_on_commit_callbacks)
    alice_client.post(
        reverse("patients:create"),
        {"first_name": "Bert", "last_name": "Bos", "date_of_birth": "1970-01-01", "language": "nl"},
    )
    with scopes_disabled():
        assert Patient.objects.get(last_name="Bos").number == 3

"""Downloading one plan's PDF: stored copy for issued versions, fresh preview for drafts."""

import hashlib

import pytest

from clinic.models import AccessEvent
from plans.models import HomePlan
from plans.pdf import storage
from tests.plans.conftest_pdf import (
    embedded_files,
    make_plan,
    media,  # noqa: F401 (fixture)
    pages_text,
    pdf_url,
    whole_text,
)
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def issued(episode, alice, unscoped):
    return make_plan(episode, alice)


@pytest.fixture
def draft(episode, alice, unscoped):
    return make_plan(episode, alice, issued=False, version=2, language="en")


@pytest.fixture
def renders(monkeypatch):
    """Count the renders behind the views."""
    calls = []
    real = storage.render_plan

    def counting(plan, **kwargs):
        calls.append(plan.pk)
        return real(plan, **kwargs)

    monkeypatch.setattr(storage, "render_plan", counting)
    return calls


def stored(plan):
    return HomePlan._base_manager.get(pk=plan.pk)


def test_the_first_download_of_an_issued_plan_stores_it_with_its_checksum(alice_client, issued):
    response = alice_client.get(pdf_url(issued))
    content = b"".join(response.streaming_content)
    plan = stored(issued)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert plan.pdf.name.endswith(f"homeplan-{issued.episode.patient.number}-v1.pdf")
    assert plan.pdf_sha256 == hashlib.sha256(content).hexdigest()


def test_the_second_download_is_served_from_storage_without_rendering(
    alice_client, issued, renders
):
    first = b"".join(alice_client.get(pdf_url(issued)).streaming_content)
    second = b"".join(alice_client.get(pdf_url(issued)).streaming_content)
    assert renders == [issued.pk]
    assert second == first


def test_the_filename_has_the_patient_number_and_version_but_not_the_name(alice_client, issued):
    response = alice_client.get(pdf_url(issued))
    number = issued.episode.patient.number
    assert response["Content-Disposition"] == f'inline; filename="homeplan-{number}-v1.pdf"'
    assert "Jansen" not in response["Content-Disposition"]


def test_it_is_never_kept_in_a_shared_cache(alice_client, issued):
    cache_control = alice_client.get(pdf_url(issued))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_every_download_is_an_access_event(alice_client, issued, unscoped):
    alice_client.get(pdf_url(issued))
    alice_client.get(pdf_url(issued))
    events = AccessEvent.objects.filter(action=AccessEvent.Action.PRINT, object_id=str(issued.pk))
    assert events.count() == 2
    assert {event.patient_id for event in events} == {issued.episode.patient_id}


def test_it_prints_the_patient_and_every_exercise_in_the_plan_language(alice_client, issued):
    content = b"".join(alice_client.get(pdf_url(issued)).streaming_content)
    text = whole_text(content)
    assert "Anna Jansen" in text
    assert "Buikademhaling op je rug" in text and "Belly breathing on your back" not in text
    assert embedded_files(content) == {}


def test_it_shows_no_other_patients_data(
    alice_client, issued, make_patient, make_episode, clinic, bob, unscoped
):
    other = make_episode(make_patient(clinic, first_name="Kees", last_name="Anders"), bob)
    make_plan(other, bob)
    text = whole_text(b"".join(alice_client.get(pdf_url(issued)).streaming_content))
    assert "Kees" not in text and "Anders" not in text


def test_a_draft_is_a_watermarked_preview_that_is_never_stored(alice_client, draft, renders):
    content = b"".join(alice_client.get(pdf_url(draft)).streaming_content)
    alice_client.get(pdf_url(draft))
    assert all("DRAFT" in text for text in pages_text(content))
    assert renders == [draft.pk, draft.pk]
    assert not stored(draft).pdf


def test_a_superseded_version_still_prints_its_stored_copy(alice_client, issued, renders):
    first = b"".join(alice_client.get(pdf_url(issued)).streaming_content)
    HomePlan._base_manager.filter(pk=issued.pk).update(status=HomePlan.Status.SUPERSEDED)
    again = b"".join(alice_client.get(pdf_url(issued)).streaming_content)
    assert again == first and renders == [issued.pk]


def test_a_damaged_stored_copy_is_refused_not_served(alice_client, issued, unscoped):
    alice_client.get(pdf_url(issued))
    plan = stored(issued)
    with open(plan.pdf.path, "ab") as handle:
        handle.write(b"tampered")
    response = alice_client.get(pdf_url(issued))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert AccessEvent.objects.filter(action=AccessEvent.Action.PRINT).count() == 1


def test_another_clinic_gets_404_and_nothing_is_stored(charlie_client, issued, unscoped):
    response = charlie_client.get(pdf_url(issued))
    assert response.status_code == 404
    assert not stored(issued).pdf
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.PRINT).exists()
    assert AccessEvent.objects.filter(outcome=AccessEvent.Outcome.DENIED).exists()


def test_a_stored_download_takes_few_queries(alice_client, issued, django_assert_max_num_queries):
    alice_client.get(pdf_url(issued))
    with django_assert_max_num_queries(5 + SEAL):
        response = alice_client.get(pdf_url(issued))
    assert response.status_code == 200


def test_a_first_render_takes_few_queries(alice_client, issued, django_assert_max_num_queries):
    with django_assert_max_num_queries(11 + SEAL):
        response = alice_client.get(pdf_url(issued))
    assert response.status_code == 200


def test_it_answers_only_get(alice_client, issued):
    assert alice_client.post(pdf_url(issued)).status_code == 405

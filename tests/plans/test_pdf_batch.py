"""The morning print run: today's issued plans (or a selection) as one PDF."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AccessEvent
from plans.models import HomePlan
from plans.pdf import storage
from tests.plans.conftest_pdf import make_plan, media, pdf_url  # noqa: F401 (fixture)
from tests.querybudget import SEAL

pytestmark = pytest.mark.usefixtures("media", "english")
URL = reverse("plans:batch")
SHORT = {1: ("diaphragm-hooklying",)}


@pytest.fixture
def english(alice, unscoped):
    """Show alice's pages in English, so the tests do not depend on the Dutch catalogue."""
    alice.language = "en"
    alice.save(update_fields=["language"])


@pytest.fixture
def todays(make_patient, make_episode, clinic, alice, unscoped):
    """Two plans issued today in alice's clinic."""
    plans = []
    for name in ("Anna", "Bert"):
        episode = make_episode(make_patient(clinic, first_name=name, last_name="Vandaag"), alice)
        plans.append(make_plan(episode, alice, SHORT))
    return plans


@pytest.fixture
def others(make_patient, make_episode, clinic, other_clinic, alice, charlie, unscoped):
    """A plan issued yesterday, a draft, a superseded version and another clinic's plan."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    old = make_plan(make_episode(make_patient(clinic, first_name="Oud"), alice), alice, SHORT)
    HomePlan._base_manager.filter(pk=old.pk).update(issued_at=yesterday)
    make_plan(
        make_episode(make_patient(clinic, first_name="Concept"), alice), alice, SHORT, issued=False
    )
    replaced = make_plan(make_episode(make_patient(clinic, first_name="Vervangen"), alice), alice)
    HomePlan._base_manager.filter(pk=replaced.pk).update(status=HomePlan.Status.SUPERSEDED)
    foreign = make_episode(make_patient(other_clinic, first_name="Vreemd"), charlie)
    return make_plan(foreign, charlie, SHORT)


def pdf_of(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_it_lists_only_the_plans_this_clinic_issued_today(alice_client, todays, others):
    content = alice_client.get(URL).content.decode()
    assert "Anna Vandaag" in content and "Bert Vandaag" in content
    for name in ("Oud", "Concept", "Vervangen", "Vreemd"):
        assert name not in content


def test_the_list_ticks_every_plan_by_default(alice_client, todays):
    content = alice_client.get(URL).content.decode()
    assert content.count("checked") == 2


def test_the_list_says_when_nothing_was_issued_today(alice_client):
    assert "No plans have been issued today." in alice_client.get(URL).content.decode()


def test_the_list_is_logged_as_a_search(alice_client, todays, unscoped):
    alice_client.get(URL)
    assert AccessEvent.objects.filter(action=AccessEvent.Action.SEARCH).count() == 1


def test_it_prints_the_ticked_plans_as_one_pdf(alice_client, todays, unscoped):
    response = alice_client.post(URL, {"plans": [plan.pk for plan in todays]})
    reader = pdf_of(response)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert response["Content-Type"] == "application/pdf"
    assert "Anna Vandaag" in text and "Bert Vandaag" in text
    singles = [storage.stored_pdf(HomePlan._base_manager.get(pk=plan.pk)) for plan in todays]
    assert len(reader.pages) == sum(len(PdfReader(io.BytesIO(pdf)).pages) for pdf in singles)


def test_it_prints_only_the_selection(alice_client, todays):
    text = " ".join(
        p.extract_text() for p in pdf_of(alice_client.post(URL, {"plans": [todays[1].pk]})).pages
    )
    assert "Bert Vandaag" in text and "Anna Vandaag" not in text


def test_each_printed_plan_is_an_access_event(alice_client, todays, unscoped):
    alice_client.post(URL, {"plans": [plan.pk for plan in todays]})
    events = AccessEvent.objects.filter(action=AccessEvent.Action.PRINT)
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(p.pk) for p in todays)


def test_it_stores_missing_copies_and_reuses_stored_ones(alice_client, todays, monkeypatch):
    alice_client.get(pdf_url(todays[0]))  # stored now
    rendered = []
    real = storage.render_plan
    monkeypatch.setattr(
        storage, "render_plan", lambda plan, **kw: rendered.append(plan.pk) or real(plan, **kw)
    )
    alice_client.post(URL, {"plans": [plan.pk for plan in todays]})
    assert rendered == [todays[1].pk]
    assert all(HomePlan._base_manager.get(pk=plan.pk).pdf_sha256 for plan in todays)


def test_the_batch_copy_of_a_plan_is_its_stored_copy(alice_client, todays):
    single = b"".join(alice_client.get(pdf_url(todays[0])).streaming_content)
    reader = pdf_of(alice_client.post(URL, {"plans": [todays[0].pk]}))
    assert len(reader.pages) == len(PdfReader(io.BytesIO(single)).pages)


def test_ticking_nothing_asks_to_tick_a_plan(alice_client, todays):
    response = alice_client.post(URL, {})
    assert response.status_code == 200
    assert "Tick at least one plan to print." in response.content.decode()


def test_another_clinics_plan_cannot_be_printed(alice_client, todays, others, unscoped):
    response = alice_client.post(URL, {"plans": [others.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not HomePlan._base_manager.get(pk=others.pk).pdf
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.PRINT).exists()


def test_charlie_cannot_print_alices_plans(charlie_client, todays, unscoped):
    response = charlie_client.post(URL, {"plans": [plan.pk for plan in todays]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Anna Vandaag" not in response.content.decode()
    assert not AccessEvent.objects.filter(patient_id=todays[0].episode.patient_id).exists()


def test_the_list_takes_few_queries(alice_client, todays, django_assert_max_num_queries):
    with django_assert_max_num_queries(8 + SEAL):
        alice_client.get(URL)


def test_printing_takes_the_same_few_queries_for_any_number_of_plans(
    alice_client, todays, django_assert_max_num_queries
):
    data = {"plans": [plan.pk for plan in todays]}
    alice_client.post(URL, data)  # stores both copies
    with django_assert_max_num_queries(6 + SEAL):
        alice_client.post(URL, data)

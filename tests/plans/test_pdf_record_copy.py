"""The stored copy of an issued plan is a PDF/A-2b record, rendered once."""

import io
import re

import pytest
from django_scopes import scope
from pypdf import PdfReader

from plans.models import HomePlan
from plans.pdf import store_issued_pdf, store_missing, stored_pdf
from plans.pdf.storage import StoredPdfDamaged
from tests.plans.conftest_pdf import make_plan, media  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def issued(episode, alice, unscoped):
    return make_plan(episode, alice, {1: ("diaphragm-hooklying", "open-book")})


def test_the_record_copy_declares_pdf_a_2b_with_an_srgb_output_intent(issued):
    catalog = PdfReader(io.BytesIO(store_issued_pdf(issued))).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="2"', xmp) and re.search(r'pdfaid:conformance="B"', xmp)
    intent = catalog["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in intent["/OutputConditionIdentifier"]


def test_storing_twice_keeps_the_first_copy(issued):
    first = store_issued_pdf(issued)
    again = store_issued_pdf(HomePlan._base_manager.get(pk=issued.pk))
    assert again == first


def test_a_concurrent_first_render_loses_to_the_stored_one(issued):
    # Two requests rendered at once; the second one's save must not replace the record.
    racer = HomePlan._base_manager.get(pk=issued.pk)
    winner = store_issued_pdf(issued)
    assert store_issued_pdf(racer) == winner
    assert HomePlan._base_manager.get(pk=issued.pk).pdf.name == issued.pdf.name


def test_a_draft_is_never_stored(episode, alice, unscoped):
    with pytest.raises(ValueError):
        store_issued_pdf(make_plan(episode, alice, issued=False))


def test_a_missing_stored_file_counts_as_damaged(issued):
    store_issued_pdf(issued)
    issued.pdf.storage.delete(issued.pdf.name)
    with pytest.raises(StoredPdfDamaged):
        stored_pdf(issued)


def test_store_missing_renders_every_issued_plan_without_a_copy(
    episode, alice, make_patient, make_episode, clinic, unscoped
):
    plans = [
        make_plan(make_episode(make_patient(clinic), alice), alice, {1: ("daily-walk",)})
        for _ in range(3)
    ]
    store_issued_pdf(plans[0])
    with scope(clinic=clinic.pk):
        count = store_missing(HomePlan.objects.issued())
    assert count == 2
    assert all(HomePlan._base_manager.get(pk=plan.pk).pdf_sha256 for plan in plans)

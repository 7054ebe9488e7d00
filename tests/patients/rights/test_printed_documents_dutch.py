"""Issue 16, point 7: the progress summary and the patient export speak the document's language.

`pdftotext` of the Dutch documents contains none of a list of English words; numbers in
tables have the decimal comma; the patient's text is at least 11 pt; the signature never
stands alone on a page.
"""

import datetime
import io
import shutil

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from pypdf import PdfReader

from patients.progress import followup
from patients.progress import measures as progress
from patients.rights import services as rights
from tests.patients.progress.helpers import add_visit, intake_of, issued_plan, respond
from tests.plans.conftest_pdf import pdftotext
from tests.plans.test_pdf_print_design import ENGLISH_WORDS

D = datetime.date
# The charts are pygal images (legends from patients/progress/charts.py); tables and text here.
CHART_LEGEND = ("Relevant improvement",)
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture
def followed(episode, unscoped):
    intake = intake_of(episode)
    respond(intake, "nprs", 6)
    respond(intake, "psk", 6)
    respond(intake, "nq", 30)
    later = add_visit(episode, D(2026, 11, 23))
    respond(later, "nprs", 3)
    respond(later, "psk", answers={"q1": 3, "q2": 4})
    respond(later, "nq", 24)
    issued_plan(episode)
    return episode


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH_WORDS if word in text and word not in CHART_LEGEND]


def progress_pdf(episode, clinic, audience, conclusion="Goed herstel."):
    clinic.default_language = "nl"
    episode.patient.language = "nl"
    page = progress.load_progress(
        episode,
        settings=progress.ScheduleSettings.of(clinic),
        nq_threshold=23,
        today=timezone.localdate(),
    )
    with translation.override("en"):  # the user's own language does not leak in
        return followup.summary_pdf(page, clinic=clinic, audience=audience, conclusion=conclusion)


def text_sizes(pdf: bytes) -> set[float]:
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.add(round(size * scale, 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("audience", ["patient", "gp"])
def test_the_dutch_progress_summary_has_no_english_words(followed, clinic, audience):
    text = pdftotext(progress_pdf(followed, clinic, audience), "-layout")
    assert "Meting" in text
    assert english_in(text) == []


def test_the_progress_table_has_decimal_commas(followed, clinic):
    text = pdftotext(progress_pdf(followed, clinic, "patient"), "-layout")
    table = text.split("Wijziging", 1)[1].split("lager getal", 1)[0]
    assert "3,5" in table and "3.5" not in table


def laid_out_text_sizes(html, files) -> set[float]:
    """Font sizes (pt) of every line of text, as laid out (chart images hold their own)."""
    from weasyprint import HTML

    from clinic.printing.fetcher import BASE_URL, SafeFetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher(files)).render()
    return {
        round(box.style["font_size"] * 0.75, 1)
        for page in document.pages
        for box in page._page_box.descendants()
        if type(box).__name__ == "TextBox" and box.text.strip()
    }


def test_the_patient_version_is_at_least_11_points(followed, clinic, monkeypatch):
    captured = {}
    real = followup.html_to_pdf

    def capture(html, files=None, **kwargs):
        captured.update(html=html, files=files)
        return real(html, files=files, **kwargs)

    monkeypatch.setattr(followup, "html_to_pdf", capture)
    progress_pdf(followed, clinic, "patient")
    assert min(laid_out_text_sizes(captured["html"], captured["files"])) >= 11


def test_the_signature_never_stands_alone_on_a_page(followed, clinic):
    long = "Je hebt hard gewerkt en het gaat veel beter met je rug en je ademhaling. " * 8
    for conclusion in ("", "Goed herstel.", long, long * 2):
        reader = PdfReader(io.BytesIO(progress_pdf(followed, clinic, "patient", conclusion)))
        for page in reader.pages[1:]:
            lines = [line for line in page.extract_text().splitlines() if line.strip()]
            assert len(lines) > 1, conclusion[:20]


def test_the_dutch_patient_export_has_no_english_words_and_is_11_points(full_record):
    with scopes_disabled(), translation.override("nl"):
        pdf = rights.summary_pdf(full_record)
    text = pdftotext(pdf, "-layout")
    assert "NPRS 6 (Matige pijn)" in text.replace("\n", " ") or "Matige" in text
    assert english_in(text) == []
    assert min(text_sizes(pdf)) >= 11

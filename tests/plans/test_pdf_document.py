"""The printed plan as a patient gets it: content, language, layout rules (no database)."""

import dataclasses
import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from clinic.printing.render import html_to_pdf
from plans.pdf.document import Dose
from plans.pdf.html import plan_files, plan_html
from tests.plans.conftest_pdf import (
    embedded_files,
    exercise_names,
    pages_text,
    sample_document,
    whole_text,
)


def render(doc) -> bytes:
    return html_to_pdf(plan_html(doc), files=plan_files(doc))


@pytest.fixture(scope="module")
def dutch_pdf():
    return render(sample_document("nl"))


@pytest.fixture(scope="module")
def english_pdf():
    return render(sample_document("en"))


def test_it_has_a_page_x_of_y_footer_on_every_page(english_pdf):
    texts = pages_text(english_pdf)
    assert 4 <= len(texts) <= 6
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_every_page_has_the_clinic_phone_in_the_footer(english_pdf):
    assert all("Questions? Call 030 123 45 67" in text for text in pages_text(english_pdf))


def test_it_shows_the_patient_on_the_first_page_and_on_the_calendar(english_pdf):
    texts = pages_text(english_pdf)
    assert "Anna Jansen" in texts[0]
    assert "17 May 1980" in texts[0]
    calendar = next(text for text in texts if "Tick-off calendar" in text)
    assert "Anna Jansen (number 12)" in calendar


def test_it_names_every_exercise_in_dutch_and_none_in_english(dutch_pdf):
    text = whole_text(dutch_pdf)
    assert all(name in text for name in exercise_names("nl"))
    assert not any(name in text for name in exercise_names("en"))


def test_it_names_every_exercise_in_english_and_none_in_dutch(english_pdf):
    text = whole_text(english_pdf)
    assert all(name in text for name in exercise_names("en"))
    assert not any(name in text for name in exercise_names("nl"))


def test_it_has_the_fixed_sections(english_pdf):
    text = whole_text(english_pdf)
    for heading in (
        "Why we start with your breathing",
        "Your goals",
        "Stop and contact us",
        "Your next appointment",
        "Tick-off calendar",
    ):
        assert heading in text
    assert "Weer 30 minuten fietsen." in text


def test_the_stop_box_names_every_warning_sign(english_pdf):
    text = whole_text(english_pdf)
    for sign in ("numbness", "bladder or bowels", "weak", "fever", "Dizzy or tingling"):
        assert sign in text


def test_the_calendar_has_a_tick_box_per_exercise_and_day_and_a_pain_line_per_week(english_pdf):
    texts = pages_text(english_pdf)
    start = next(n for n, text in enumerate(texts) if "Tick-off calendar" in text)
    calendar = " ".join(texts[start:]).split("Tick-off calendar", 1)[1]
    # Per exercise and week: a box per planned day, one line of them per time of the day.
    expected = sum(
        2 * min(row.days_per_week, 7) * (row.times_per_day if row.times_per_day <= 3 else 1)
        for block in sample_document("en").calendar()
        for row in block.exercises
    )
    assert calendar.count("☐") == expected + 1  # and the legend
    assert all(f"Week {week}" in calendar for week in range(1, 7))
    assert calendar.count("My pain this week (0 to 10)") == 3


def test_it_has_no_embedded_files(dutch_pdf):
    assert embedded_files(dutch_pdf) == {}


def test_its_fonts_are_embedded_subsets_of_dejavu_sans(dutch_pdf):
    fonts = {}
    for page in PdfReader(io.BytesIO(dutch_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values())
    # DejaVu Sans Condensed: the same letters and signs, a tenth narrower (fonts-dejavu-extra).
    face = r"/[A-Z]{6}\+DejaVu-Sans(-Bold)?(-Semi-Condensed)?"
    assert all(re.fullmatch(face, name) for name in fonts)


def test_no_text_is_smaller_than_11_points(dutch_pdf):
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.add(round(size * scale, 1))

    for page in PdfReader(io.BytesIO(dutch_pdf)).pages:
        page.extract_text(visitor_text=visit)
    # 11 pt (DejaVu Sans, large letters): 60 mm pictures and the plan on few pages.
    assert min(sizes) >= 11


def test_an_issued_plan_has_no_draft_watermark(english_pdf):
    assert "DRAFT" not in whole_text(english_pdf)


def test_a_draft_has_a_watermark_on_every_page():
    texts = pages_text(render(sample_document("en", draft=True)))
    assert all("DRAFT" in text for text in texts)


def test_it_prints_the_next_appointment():
    when = datetime.datetime(2026, 11, 26, 14, 30, tzinfo=datetime.UTC)
    text = whole_text(render(sample_document("en", next_appointment=when)))
    assert "Thursday 26 November 2026, 15:30" in text  # Europe/Amsterdam


def test_an_exercise_name_is_never_split_from_its_picture_dose_and_start(english_pdf):
    # The picture and the column beside it stay together; only the steps may run on.
    def letters(text):  # hyphenation and line breaks do not count
        return re.sub(r"[^a-z]", "", text.lower())

    pages = [letters(text) for text in pages_text(english_pdf)]
    for phase in sample_document("en").phases:
        for exercise in phase.exercises:
            page = next(text for text in pages if letters(exercise.name) in text)
            assert letters(exercise.start_position)[-30:] in page, exercise.code


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_page_one_renders_to_a_png_that_is_not_blank(dutch_pdf, tmp_path):
    (tmp_path / "plan.pdf").write_bytes(dutch_pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", "plan.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    image = Image.open(tmp_path / "page.png").convert("L")
    dark = sum(count for value, count in enumerate(image.histogram()) if value < 128)
    assert dark > 0.01 * image.width * image.height


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (
            Dose(minutes=3, times_per_day=2, days_per_week=7),
            "3 minutes · 2 times a day · every day",
        ),
        (
            Dose(sets=1, reps=8, hold_seconds=3, times_per_day=1, days_per_week=7),
            "8 times · hold 3 seconds · once a day · every day",
        ),
        (
            Dose(sets=3, reps=10, times_per_day=2, days_per_week=5),
            "3 rounds of 10 times · 2 times a day · 5 days a week",
        ),
        (
            Dose(reps=1, minutes=1, times_per_day=1, days_per_week=1),
            "1 time · 1 minute · once a day · 1 day a week",
        ),
    ],
)
def test_a_dose_is_one_line(dose, text):
    with translation.override("en"):
        assert dose.text() == text


def test_a_dose_is_in_the_active_language():
    with translation.override("nl"):
        assert Dose(minutes=3, times_per_day=2, days_per_week=7).text().startswith("3 minu")


def test_a_repeated_exercise_is_printed_short_with_a_pointer():
    doc = sample_document("en")
    first = doc.phases[0].exercises[0]
    repeat = dataclasses.replace(first, repeat_of_phase=1)
    phases = (doc.phases[0], dataclasses.replace(doc.phases[1], exercises=(repeat,)))
    html = plan_html(dataclasses.replace(doc, phases=phases))
    assert "You know this exercise from phase 1: the steps are there." in html
    assert html.count(first.steps[0]) == 1

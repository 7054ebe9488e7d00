"""Issue 16: a printed plan a patient can follow alone (layout, pictures, dose and calendar).

Layout is read from WeasyPrint's own layout tree (positions in CSS pixels, 96 per inch) and,
for the pictures, from the rendered page as poppler rasterises it.
"""

import dataclasses
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from PIL import Image
from weasyprint import HTML

from clinic.printing.fetcher import BASE_URL, SafeFetcher
from clinic.printing.render import FONT_CONFIG, html_to_pdf
from plans import library, rules
from plans.pdf.document import Dose
from plans.pdf.html import plan_files, plan_html
from plans.reasons import reason_text
from tests.plans.conftest_pdf import (
    habits_document,
    pages_text,
    printed_exercise,
    sample_document,
    whole_text,
)

PX_PER_MM = 96 / 25.4
MIN_PICTURE_MM = 60
ALL_BUILTINS = [spec.code for spec in library.EXERCISES]  # whatever the library holds
LONG_NOTE = "Doe rustig aan en luister goed naar je lichaam tijdens het oefenen. " * 40
# Words that give English away in a Dutch document (point 7 and the home plan).
ENGLISH_WORDS = (
    "Relevant improvement",
    "moderate",
    "elevated",
    "success",
    "Page ",
    "Phase",
    "Questions",
    "Call ",
    "every day",
    "times a day",
    "minutes",
    "Name",
    "Date of birth",
    "Tick",
    "Your ",
    "Stop and",
)


def layout(doc):
    html = HTML(string=plan_html(doc), base_url=BASE_URL, url_fetcher=SafeFetcher(plan_files(doc)))
    return html.render(font_config=FONT_CONFIG)


def boxes(page, predicate):
    return [box for box in page._page_box.descendants() if predicate(box)]


def has_class(box, name):
    element = getattr(box, "element", None)
    return element is not None and name in (element.get("class") or "").split()


def render(doc) -> bytes:
    return html_to_pdf(plan_html(doc), files=plan_files(doc))


# 1. The stop box -------------------------------------------------------------------------


def test_the_stop_box_has_the_clinic_phone_inside_it_on_page_one_however_long_the_note():
    doc = sample_document("en", note=LONG_NOTE, goals=LONG_NOTE[:1900])
    first = pages_text(render(doc))[0]
    box = first.split("Stop and contact us", 1)[1]
    assert "Call us: 030 123 45 67" in box.split("numbness")[0]  # inside, at the top
    assert "Dizzy or tingling" in first  # the whole box is on page 1
    assert "A note from your physiotherapist" not in first.split("Stop and contact us")[0]


def test_without_a_phone_number_the_box_names_the_clinic():
    doc = sample_document("en")
    doc = dataclasses.replace(doc, clinic=dataclasses.replace(doc.clinic, phone=""))
    box = whole_text(render(doc)).split("Stop and contact us", 1)[1]
    assert "Fysiotherapie De Linde" in box.split("numbness")[0]


# 2. Pictures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed_drawings(tmp_path_factory):
    """Print every built-in exercise in one plan (one render, one rasterisation at 96 dpi) and
    return, per exercise code, its picture's layout box and the grey levels of that region."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    doc = sample_document("en", phases={1: tuple(ALL_BUILTINS)})
    code_of = {f"static/{spec.illustration}": spec.code for spec in library.EXERCISES}
    pictures = {
        code_of[box.element.get("src")]: (number, box)
        for number, page in enumerate(layout(doc).pages)
        for box in boxes(page, lambda box: has_class(box, "illustration"))
    }
    folder = tmp_path_factory.mktemp("drawings")
    (folder / "plan.pdf").write_bytes(render(doc))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "plan.pdf", "page"], cwd=folder, check=True, timeout=60
    )
    pages = sorted(folder.glob("page-*.png"))  # page-01.png, page-02.png ... in page order
    printed = {}
    for code, (number, box) in pictures.items():
        x, y = round(box.position_x), round(box.position_y)
        region = (
            Image.open(pages[number])
            .convert("L")
            .crop((x, y, x + round(box.width), y + round(box.height)))
        )
        printed[code] = (box, region.histogram())
    return printed


@pytest.mark.parametrize("code", ALL_BUILTINS)
def test_every_builtin_drawing_prints_60_mm_wide_with_a_grey_start_and_a_black_end(
    code, printed_drawings
):
    picture, histogram = printed_drawings[code]
    assert picture.width / PX_PER_MM >= MIN_PICTURE_MM - 0.1
    assert picture.height / PX_PER_MM >= 30  # a 240 x 150 drawing: 37.5 mm tall
    black = sum(histogram[:70])
    grey = sum(histogram[130:200])  # the start position (#a3a3a3), anti-aliased edges aside
    assert black > 300, f"{code}: no end position drawn"
    assert grey > 150, f"{code}: no start position drawn"


def test_every_builtin_drawing_has_a_start_an_end_and_a_movement_arrow():
    for spec in library.EXERCISES:
        svg = (library_svg_dir() / spec.illustration.rsplit("/", 1)[-1]).read_text()
        assert 'stroke="#a3a3a3"' in svg or 'fill="#a3a3a3"' in svg, spec.code  # start
        assert 'stroke="#000"' in svg, spec.code  # end
        assert "stroke-dasharray" in svg and "<polygon" in svg, spec.code  # arrow
        assert "<circle" in svg, spec.code  # a head, hands


def library_svg_dir():
    from pathlib import Path

    import plans

    return Path(plans.__file__).parent / "static" / "plans" / "exercises"


def test_a_clinic_exercise_without_a_drawing_gets_no_empty_frame():
    own = printed_exercise("daily-walk", "en", name="Fietsen", illustration="")
    doc = sample_document("en", phases={1: ()})
    doc = dataclasses.replace(doc, phases=(dataclasses.replace(doc.phases[0], exercises=(own,)),))
    html = plan_html(doc)
    section = html.split("<h3>Fietsen</h3>")[0].rsplit("<section", 1)[1]
    assert "<img" not in section and "has-picture" not in section
    page = layout(doc).pages[1] if len(layout(doc).pages) > 1 else layout(doc).pages[0]
    assert not boxes(page, lambda box: getattr(box, "element_tag", None) == "img")


# 3. Dose and calendar agree ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_exercise_whose_reason_says_every_day_is_dosed_every_day(language):
    every_day = {"nl": "elke dag", "en": "every day"}[language]
    for rule in rules.RULES:
        says_every_day = every_day in reason_text(rule.reason_code, language).lower()
        for code in rule.adds:
            days = library.by_code(code).days_per_week
            assert not says_every_day or days == 7, (rule.id, code)


def test_the_daily_walk_says_every_day_in_dose_reason_and_calendar():
    walk = printed_exercise("daily-walk", "en")
    with translation.override("en"):
        assert walk.dose.text().endswith("every day") and "every day" in walk.reason
    doc = sample_document("en", phases={1: ("daily-walk",)})
    row = doc.calendar()[0].exercises[0]
    assert row.ticks == ("☐ ☐ ☐ ☐ ☐ ☐ ☐",)


def calendar_text(doc) -> str:
    text = " ".join(pages_text(render(doc)))
    return text.split("Tick-off calendar", 1)[1]


def with_dose(code, **dose):
    exercise = printed_exercise(code, "en")
    return dataclasses.replace(exercise, dose=dataclasses.replace(exercise.dose, **dose))


def one_exercise_doc(exercise):
    doc = sample_document("en", phases={1: ("daily-walk",)})
    return dataclasses.replace(
        doc, phases=(dataclasses.replace(doc.phases[0], exercises=(exercise,)),)
    )


def test_five_days_a_week_gets_five_boxes_a_week_and_says_so():
    calendar = calendar_text(
        one_exercise_doc(with_dose("cat-camel", days_per_week=5, times_per_day=1))
    )
    assert calendar.count("☐") == 2 * 5 + 1  # two weeks, and the legend
    assert "5 days a week" in calendar


@pytest.mark.parametrize("times", [2, 3])
def test_an_exercise_done_two_or_three_times_a_day_gets_that_many_boxes_a_day(times):
    calendar = calendar_text(one_exercise_doc(with_dose("cat-camel", times_per_day=times)))
    assert calendar.count("☐") == 2 * 7 * times + 1
    assert f"{times} times a day" in calendar


def test_more_than_three_times_a_day_is_ticked_once_a_day_and_the_label_keeps_the_number():
    calendar = calendar_text(one_exercise_doc(with_dose("cat-camel", times_per_day=8)))
    assert calendar.count("☐") == 2 * 7 + 1
    assert "8 times a day" in calendar


# 4. Text never leaves the page ---------------------------------------------------------------


def overflowing_text(document) -> list[str]:
    """Return the text of every line that reaches past the page's content box."""
    out = []
    for page in document.pages:
        page_box = page._page_box
        right = page_box.margin_width() - page_box.margin_right
        for box in page_box.descendants():
            if type(box).__name__ == "TextBox" and box.position_x + box.width > right + 0.5:
                out.append(box.text)
    return out


def test_long_words_urls_and_120_character_names_wrap_inside_the_page():
    name = "Ademhalingsondersteuningsoefeningsprogrammaonderdeel" * 2 + "x" * 16  # 120 signs
    assert len(name) == 120
    url = "https://www.example.org/" + "heel-lang-pad/" * 12 + "?sessie=" + "a" * 60
    exercise = dataclasses.replace(
        printed_exercise("cat-camel", "nl"),
        name=name,
        steps=("Kijkhiernaarvoordezeoefeningdiejeelkedagdoet" * 3, url),
        note=url,
    )
    doc = one_exercise_doc(exercise)
    doc = dataclasses.replace(doc, note=url, goals=url, language="nl")
    assert overflowing_text(layout(doc)) == []
    assert name[:20] in whole_text(render(doc)).replace("-\n", "").replace("\n", "")


def test_no_text_beside_a_picture_runs_on_under_it():
    document = layout(sample_document("nl"))
    checked = 0
    for page in document.pages:
        for head in boxes(page, lambda box: has_class(box, "exercise-head")):
            pictures = [b for b in head.descendants() if has_class(b, "illustration")]
            if not pictures:
                continue
            edge = pictures[0].position_x + pictures[0].width
            for beside in (b for b in head.descendants() if has_class(b, "beside")):
                for text in beside.descendants():
                    if type(text).__name__ == "TextBox":
                        assert text.position_x >= edge, text.text
                        checked += 1
    assert checked > 50


def test_the_calendar_starts_on_the_page_of_the_last_exercise():
    texts = [text.replace("\n", " ") for text in pages_text(render(sample_document("en")))]
    last = sample_document("en").phases[-1].exercises[-1].name
    page_of_last = min(n for n, text in enumerate(texts) if last in text)  # its section
    assert "Tick-off calendar" in texts[page_of_last]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("document", [sample_document, habits_document])
def test_a_standard_eight_exercise_plan_fits_in_four_pages(document, language):
    # Page 1 (letterhead, stop box, why breathing, the first exercises), two pages of
    # exercises, the calendar: DejaVu Sans Condensed at 11 pt, picture and text side by side.
    assert len(layout(document(language)).pages) <= 4


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_stop_box_of_an_eight_exercise_plan_is_whole_on_page_one(language):
    pages = layout(habits_document(language)).pages
    assert boxes(pages[0], lambda box: has_class(box, "stop"))
    assert not [box for page in pages[1:] for box in boxes(page, lambda b: has_class(b, "stop"))]
    assert "123 45 67" in pages_text(render(habits_document(language)))[0].split("112")[0]


# 5. Therapist, dates, signs ------------------------------------------------------------------


def test_dutch_calendar_dates_are_lower_case():
    calendar = " ".join(pages_text(render(sample_document("nl"))))
    assert "12 nov" in calendar and "19 nov" in calendar and "3 dec" in calendar
    assert not re.search(r"\d (Nov|Dec)\b", calendar)


def test_english_calendar_dates_keep_their_capital():
    assert "12 Nov" in " ".join(pages_text(render(sample_document("en"))))


def test_the_printed_symbols_are_in_the_embedded_font():
    from clinic.printable import unprintable

    html = plan_html(sample_document("nl"))
    assert unprintable(html) == []  # ☐, ⚠, ·, × all print


def test_the_dutch_plan_has_no_english_words():
    text = whole_text(render(sample_document("nl", next_appointment=None)))
    assert [word for word in ENGLISH_WORDS if word in text] == []


def test_a_dose_of_seven_days_reads_every_day():
    with translation.override("nl"):
        assert Dose(minutes=10, times_per_day=1, days_per_week=7).text().endswith("elke dag")


def test_take_care_goes_under_the_picture_only_when_that_makes_the_block_shorter():
    walk = printed_exercise("daily-walk", "en")  # few steps: the text column is short
    long_steps = dataclasses.replace(walk, steps=("Breathe in calmly through your nose. " * 3,) * 8)
    assert not dataclasses.replace(walk, cautions="Stop if it hurts. " * 12).caution_under_picture
    assert dataclasses.replace(long_steps, cautions="Stop if it hurts.").caution_under_picture
    assert not dataclasses.replace(long_steps, illustration="").caution_under_picture

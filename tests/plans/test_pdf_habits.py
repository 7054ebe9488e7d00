"""The printed plan: daily habits as their own block and calendar rows; the stop box."""

import pytest

from clinic.printing.render import html_to_pdf
from plans.pdf import plan_document
from plans.pdf.html import plan_files, plan_html
from plans.reasons import reason_text
from tests.plans.conftest_pdf import (
    make_plan,
    media,  # noqa: F401 (fixture)
    pages_text,
    printed_exercise,
    sample_document,
    whole_text,
)

PHASES = {
    1: ("diaphragm-hooklying",),
    2: ("diaphragm-seated", "tva-drawing-in"),
    3: ("breathing-daily-tasks",),
}
HABITS = ("daily-walk", "microbreak-routine")


def render(language):
    doc = sample_document(
        language,
        PHASES,
        habits=tuple(printed_exercise(code, language, habit=True) for code in HABITS),
    )
    return html_to_pdf(plan_html(doc), files=plan_files(doc))


@pytest.fixture(scope="module")
def english_pdf():
    return render("en")


@pytest.fixture(scope="module")
def dutch_pdf():
    return render("nl")


def test_habits_have_their_own_block_from_week_one(english_pdf):
    text = whole_text(english_pdf)
    assert "Daily habits: from week 1, next to your exercises" in text
    assert text.index("Daily habits") < text.index("Phase 1 · week 1 and 2")


def test_the_calendar_has_a_row_per_habit_in_every_phase(english_pdf):
    calendar = whole_text(english_pdf).split("Tick-off calendar")[-1]
    assert calendar.count("Short movement break from sitting (daily habit)") == 3
    assert calendar.count("(daily habit)") == 6


def test_the_dutch_plan_names_the_habits_block(dutch_pdf):
    assert "Dagelijkse gewoonten" in whole_text(dutch_pdf)


@pytest.mark.parametrize(
    ("fixture", "emergency", "gp_first"),
    [
        ("english_pdf", "Call 112 straight away.", "Call your GP first"),
        ("dutch_pdf", "Bel direct 112.", "Bel eerst je huisarts"),
    ],
)
def test_the_stop_box_sends_emergencies_to_112_and_cauda_equina_to_the_gp_first(
    request, fixture, emergency, gp_first
):
    first_page = pages_text(request.getfixturevalue(fixture))[0].replace("\n", " ")
    text = whole_text(request.getfixturevalue(fixture))
    assert emergency in text and gp_first in text
    assert "112" in first_page or "112" in pages_text(request.getfixturevalue(fixture))[1]


def test_habit_items_are_read_apart_from_the_phases(episode, alice, unscoped):
    plan = make_plan(
        episode, alice, {1: ("diaphragm-hooklying", "daily-walk"), 3: ("microbreak-routine",)}
    )
    doc = plan_document(plan)
    assert [e.code for e in doc.habits] == ["daily-walk", "microbreak-routine"]
    assert all(e.habit for e in doc.habits)
    assert [e.code for phase in doc.phases for e in phase.exercises] == ["diaphragm-hooklying"]
    rows = doc.calendar()[0].habits
    assert [row.name for row in rows] == [e.name for e in doc.habits]
    # Each habit row follows its dose: the walk once a day, micro-breaks too often to tick each.
    assert [(row.days_per_week, row.times_per_day) for row in rows] == [(7, 1), (7, 10)]
    assert [len(row.ticks) for row in rows] == [1, 1]


def test_a_held_slowing_drill_is_explained_in_the_plan(episode, alice, unscoped):
    plan = make_plan(episode, alice, PHASES, issued=False, language="en")
    plan.rules_fired = ["starter", "abnormal_rate"]
    plan.save()
    doc = plan_document(plan)
    assert doc.notes == (reason_text("abnormal_rate", "en"),)
    assert "do not do exercises to slow your breathing yet" in plan_html(doc)

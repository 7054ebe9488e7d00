"""The steps of a therapist's day as a user takes them in the browser.

Shared by the stage tests and the whole-day journey. Fields are found by their label and
buttons by their accessible name (so a missing label fails here), in Dutch through the compiled
catalogue (`nl`). Each step that submits waits for the page it leads to.
"""

import datetime
import re

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy
from playwright.sync_api import expect

from patients import instruments, redflags
from plans.library import by_code
from tests.e2e.helpers import nl, press_and_wait, submit, tab_to, tr
from tests.plans.conftest_pdf import pages_text

NQ = instruments.get("nq")
QBPDS = instruments.get("qbpds")
SBST = instruments.get("sbst")


def group(page, name):
    """Return a fieldset (radio or checkbox group) by its legend."""
    return page.get_by_role("group", name=name)


def choose(page, legend, option):
    group(page, nl(legend)).get_by_label(nl(option), exact=True).check()


def button(page, name, *, exact=True):
    return page.get_by_role("button", name=nl(name), exact=exact)


def link(page, name, *, exact=True):
    return page.get_by_role("link", name=nl(name), exact=exact)


def grid_cell(page, topic, option):
    """Return the radio button of one answer in a questionnaire or red-flag grid."""
    return page.get_by_label(f"{nl(topic)}: {nl(option)}", exact=True)


def no_check(page, label):
    """The default `check` of the steps: the journey passes its axe check instead."""


def expect_message(page, text):
    expect(page.get_by_role("alert").filter(has_text=text).first).to_be_visible()


# Register -------------------------------------------------------------------------------------


def register_patient(
    page, *, first_name, last_name, born, language="nl", occupation="", phone="", check=no_check
):
    """From the start page: register a patient; ends on the patient's page."""
    submit(page, link(page, "New patient").first)
    check(page, "new patient form")
    page.get_by_label(nl("first name")).fill(first_name)
    page.get_by_label(nl("last name")).fill(last_name)
    page.get_by_label(nl("date of birth")).fill(born.isoformat())
    page.get_by_label(nl("preferred language")).select_option(language)
    page.get_by_label(nl("phone")).fill(phone)
    page.get_by_label(nl("occupation")).fill(occupation)
    submit(page, button(page, "Save"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{first_name} {last_name}")


def open_episode(page, *, title, referral="gp", check=no_check):
    """From the patient's page: open an episode; ends on the episode's page."""
    submit(page, link(page, "New episode"))
    check(page, "new episode form")
    page.get_by_role("textbox", name=nl("complaint")).fill(title)
    page.get_by_label(nl("referral route")).select_option(referral)
    submit(page, button(page, "Save"))
    expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()


# Intake ---------------------------------------------------------------------------------------


def save_and_continue(page):
    submit(page, button(page, "Save and continue"))


def fill_history(page, *, onset):
    page.get_by_label(nl("onset date")).fill(onset.isoformat())
    choose(page, "how it started", "Gradually, after long sitting or desk work")
    page.get_by_label(nl("where the pain is")).fill("Onderrug, midden")
    choose(page, "radiation into the leg", "No radiation into the leg")
    choose(page, "24-hour pattern", "Worst in the morning")
    page.get_by_label(nl("aggravating factors")).fill("Lang zitten")
    page.get_by_label(nl("easing factors")).fill("Wandelen")
    choose(page, "sleep", "Sometimes disturbed")
    exercise_therapy = nl(pgettext_lazy("earlier treatment", "Exercises"))
    group(page, nl("Earlier treatment")).get_by_label(exercise_therapy, exact=True).check()


def fill_nprs(page, value=6):
    page.get_by_label(nl("Average pain over the last 24 hours")).fill(str(value))


def fill_psk(page):
    page.get_by_label(nl("Name of activity %(number)s", number=1)).fill("Lang zitten")
    page.get_by_label(nl("Difficulty with activity 1")).fill("7")
    page.get_by_label(nl("Name of activity %(number)s", number=2)).fill("Tillen")
    page.get_by_label(nl("Difficulty with activity 2")).fill("5")


def fill_grid(page, instrument, answers):
    """Answer a questionnaire grid by clicking the labelled radio buttons."""
    for item in instrument.items:
        grid_cell(page, item.topic, item.label_for(answers[item.key])).check()


QBPDS_ANSWERS = {f"q{n}": 1 + n % 3 for n in range(1, 21)}
SBST_ANSWERS = {**{f"q{n}": n % 2 for n in range(1, 9)}, "q9": 2}


def type_grid_with_keys(page, instrument, answers):
    """Answer a numbered questionnaire grid from the keyboard: Tab to its first question, then
    each answer's digit (the grid moves on to the next question by itself)."""
    first = instrument.items[0]
    tab_to(page, grid_cell(page, first.topic, first.options[0].label))
    for item in instrument.items:
        page.keyboard.type(str(answers[item.key]))
    last = instrument.items[-1]
    expect(grid_cell(page, last.topic, last.label_for(answers[last.key]))).to_be_checked()


def fill_redflags(page, **answers):
    """Answer every red-flag question: "no" unless ``answers`` say otherwise (code=answer)."""
    labels = dict(redflags.ANSWER_CHOICES)
    for flag in redflags.FLAGS:
        grid_cell(page, flag.question, labels[answers.get(flag.code, redflags.NO)]).check()


def fill_psychosocial(page):
    fill_grid(page, SBST, SBST_ANSWERS)
    page.get_by_label(nl("stress (0-10)")).fill("5")
    choose(page, "fear of movement", "Some fear of movement")


def fill_work(page):
    page.get_by_label(nl("desk hours per day")).fill("8")
    choose(page, "breaks from sitting", "Rarely")
    choose(page, "sport and activity", "Some activity")
    choose(page, "sleep quality", "Fair")


def fill_movement(page):
    choose(page, "lumbar flexion", "Painful")
    choose(page, "lumbar extension", "Normal")
    choose(page, "lumbar side-bending", "Normal")
    choose(page, "lumbar rotation", "Limited")
    choose(page, "thoracic mobility", "Limited")
    page.get_by_label(nl("forward head posture")).check()
    choose(page, "lumbar lordosis", "Normal")


def fill_diagnosis(page):
    choose(page, "working diagnosis", "Overload")
    choose(page, "guideline class", "Non-specific low back pain")
    page.get_by_label(nl("the patient's goals")).fill("Weer een hele werkdag kunnen zitten.")


def record_redflag_decision(page, decision, note=""):
    """On the red-flag section: record the decision; ends on the next section."""
    group(page, nl("Decision")).get_by_label(nl(decision), exact=True).check()
    page.get_by_role("textbox", name=nl("Reasoning")).fill(note)
    submit(page, button(page, "Record decision"))


# Breathing screening --------------------------------------------------------------------------


def type_nq_with_keys(page, answers):
    """On the NQ grid: Tab to the first question, type each answer's digit (the grid moves on
    by itself), then Enter on the save button that has the focus after the last one."""
    first = page.get_by_label(f"1. {nl(NQ.items[0].topic)}: {nl(NQ.items[0].options[0].label)}")
    tab_to(page, first)
    for item in NQ.items:
        page.keyboard.type(str(answers[item.key]))
    expect(button(page, "Save")).to_be_focused()
    press_and_wait(page, "Enter")


def answer_selfentry(page, answers, *, language="nl"):
    """On the tablet: the patient taps an answer to every question and sends them."""
    for item in NQ.items:
        question = group(page, f"{item.number}. {tr(item.topic, language)}")
        answer = tr(item.label_for(answers[item.key]), language)
        question.get_by_label(answer, exact=True).check()
    submit(page, page.get_by_role("button", name=tr("Send my answers", language)))


def unlock_selfentry(page, password, *, language="nl"):
    """On a self-entry page: the therapist's password ends the lock (unfolding the "For the
    therapist" part first where it is folded away)."""
    field = page.get_by_label(tr("Therapist's password", language))
    if not field.is_visible():
        page.get_by_text(tr("For the therapist", language), exact=True).click()
    field.fill(password)
    submit(page, page.get_by_role("button", name=tr("End self-entry", language)))


def fill_observation(page):
    choose(page, "Hi-Lo lying on the back", "Functional")
    choose(page, "Hi-Lo sitting", "Upper-chest dominant")
    choose(page, "Hi-Lo standing", "Upper-chest dominant")
    page.get_by_label(nl("Resting respiratory rate (breaths per minute)")).fill("19")
    choose(page, "rhythm", "Regular")
    choose(page, "breathing at rest through", "Mixed")
    choose(page, "Sighs or yawns seen", "Yes")
    choose(page, "Accessory-muscle use at rest", "No")
    page.get_by_label(nl("Breath-hold after a relaxed exhale (seconds)")).fill("20")


# Home plan ------------------------------------------------------------------------------------


def phase(page, number):
    """Return a phase of the plan editor by its heading."""
    heading = nl("Phase %(label)s", label=number)
    return page.get_by_role("region", name=re.compile("^" + re.escape(heading) + r"\b"))


def plan_item(scope, name):
    """Return one exercise of the editor (within a phase) by its heading."""
    # The inner locator of `has` is relative: it starts from the page, not from the scope.
    page = getattr(scope, "page", scope)
    return scope.get_by_role("listitem").filter(has=page.get_by_role("heading", level=4, name=name))


PLAN_CODES = (
    "diaphragm-hooklying",
    "lateral-rib-breathing",
    "slow-paced-breathing",
    "cat-camel",
    "daily-walk",
)


def generate_edit_and_issue(page, *, language, check=no_check):
    """From the episode's plans page: generate version 1, reorder phase 1, change a dose, add
    an exercise from the library with its reason, and issue it; ends on the issued plan.

    Returns the exercise names (by code) in the plan's language.
    """
    submit(page, button(page, "Generate a plan from the findings"))
    expect_message(page, nl("Draft version %(version)s is ready.", version=1))
    check(page, "plan editor")
    name = {code: getattr(by_code(code), f"name_{language}") for code in PLAN_CODES}

    # The daily walk is a daily habit: its own block, outside the phases.
    habits = page.get_by_role("region", name=nl("Daily habits"))
    expect(habits.get_by_role("heading", level=4)).to_contain_text([name["daily-walk"]])

    # Reorder: the slow breathing moves up, above the lower-rib breathing.
    first = phase(page, 1)
    expect(first.get_by_role("heading", level=4)).to_contain_text(
        [name["diaphragm-hooklying"], name["lateral-rib-breathing"], name["slow-paced-breathing"]]
    )
    submit(
        page,
        plan_item(first, name["slow-paced-breathing"]).get_by_role("button", name=nl("Move up")),
    )
    first = phase(page, 1)
    expect(first.get_by_role("heading", level=4)).to_contain_text(
        [name["diaphragm-hooklying"], name["slow-paced-breathing"], name["lateral-rib-breathing"]]
    )

    # A dose: five minutes of belly breathing instead of three.
    belly = plan_item(first, name["diaphragm-hooklying"])
    # The dose labels are in sentence case ("Minuten"), the model's verbose names are not.
    belly.get_by_label(capfirst(nl("minutes")), exact=True).fill("5")
    submit(page, button(page, "Save the draft"))
    expect_message(page, nl("Draft saved."))

    # An exercise from the library into phase 2, with the reason the patient will read.
    add = page.get_by_role("group", name=nl("Add %(name)s to a phase", name=name["cat-camel"]))
    submit(page, add.get_by_role("button", name=nl("phase %(number)s", number=2)))
    cat = plan_item(phase(page, 2), name["cat-camel"])
    expect(cat).to_contain_text(nl("Reason needed: write in the note why you added this exercise."))
    cat.get_by_label(nl("Note"), exact=True).fill("Maakt je onderrug soepel.")
    submit(page, button(page, "Save and issue…"))

    check(page, "issue page")
    submit(page, page.get_by_role("button", name=nl("Issue version %(version)s", version=1)))
    expect_message(page, nl("Version %(version)s issued.", version=1))
    return name


def download_pdf(page) -> bytes:
    """Fetch the PDF behind the print link with the browser's session (headless Chromium only
    shows it in its viewer, without a download)."""
    href = page.get_by_role("link", name=nl("Print (PDF)")).get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return response.body()


def assert_plan_pdf(content: bytes, *, patient_name, exercises, language, absent=()):
    """Check the PDF's text: the patient, the exercises, and "page X of Y" on every page."""
    text = pdf_text(content)
    assert patient_name in text
    for exercise in exercises:
        assert exercise in text, exercise
    for exercise in absent:
        assert exercise not in text, exercise
    pages = re.findall(pdf_page_label(language), text)
    assert [int(number) for number, _total in pages] == list(range(1, len(pages) + 1))
    assert len(pages) >= 2 and {int(total) for _number, total in pages} == {len(pages)}


def pdf_page_label(language):
    """Return a pattern for the PDF's "Page X of Y" footer in ``language``."""
    with translation.override(language):
        label = translation.gettext("Page %(page)s of %(pages)s")
    return (
        re.escape(label)
        .replace(re.escape("%(page)s"), r"(\d+)")
        .replace(re.escape("%(pages)s"), r"(\d+)")
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(pages_text(content))


# Follow-up and progress -----------------------------------------------------------------------

# Days ticked per exercise and week of the generated plan (weeks 1-2: phase 1, week 3: phase 2;
# the daily walk is a habit, ticked off in every week).
CALENDAR_DAYS = {
    1: {"diaphragm-hooklying": 7, "daily-walk": 5, "lateral-rib-breathing": 6},
    2: {"diaphragm-hooklying": 6, "daily-walk": 4, "lateral-rib-breathing": 4},
    3: {"daily-walk": 5, "tva-drawing-in": 5, "posture-setup": 6},
}
CALENDAR_PAIN = {1: 6, 2: 4, 3: 3}


def fill_followup(page, *, language="nl"):
    """On a new follow-up: the returned calendar, then NPRS, PSK and QBPDS again."""
    for week, days in CALENDAR_DAYS.items():
        for code, done in days.items():
            name = getattr(by_code(code), f"name_{language}")
            label = nl("%(exercise)s, week %(week)s: days done", exercise=name, week=week)
            page.get_by_label(label, exact=True).fill(str(done))
    for week, score in CALENDAR_PAIN.items():
        page.get_by_label(nl("Pain in week %(week)s (0 to 10)", week=week)).fill(str(score))
    fill_nprs(page, 3)
    page.get_by_label(nl("Difficulty with activity 1")).fill("4")
    page.get_by_label(nl("Difficulty with activity 2")).fill("2")
    fill_grid(page, QBPDS, {item.key: 1 for item in QBPDS.items})


def expect_progress(page, *, nprs):
    """On the progress page: a loaded chart per measure, the NPRS numbers, the adherence."""
    charts = page.get_by_role("region", name=nl("Measures over the visits")).get_by_role("img")
    expect(charts).to_have_count(4)  # NPRS, PSK, QBPDS and NQ
    for chart in charts.all():
        expect(chart).to_have_attribute("alt", re.compile(r"\w"))
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), chart
    numbers = page.get_by_role("region", name=nl("The numbers"))
    row = numbers.get_by_role("row").filter(has_text=nl("Numeric Pain Rating Scale (NPRS)"))
    baseline, latest = nprs
    expect(row.get_by_role("cell").nth(0)).to_contain_text(baseline)
    expect(row.get_by_role("cell").nth(1)).to_contain_text(latest)
    adherence = page.get_by_role("region", name=nl("Adherence per week"))
    expect(adherence).to_contain_text(
        re.compile(
            re.escape(nl("Overall %(percent)s%% of the planned days done.", percent="X")).replace(
                "X", r"\d+"
            )
        )
    )


def expect_dashboard(page, *, open_episodes):
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My caseload"))
    caseload = page.get_by_role("region", name=nl("Open episodes"))
    expect(caseload.get_by_role("row").nth(1).get_by_role("cell").first).to_have_text(
        str(open_episodes)
    )


def weeks_ago(weeks):
    return timezone.localdate() - datetime.timedelta(weeks=weeks)

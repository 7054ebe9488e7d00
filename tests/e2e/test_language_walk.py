"""Browser: every page of the clinic day in one language, and the way from step to step.

The walk signs in as a therapist and as a clinic admin, opens every page a day reaches (from
data arranged in the database) and reads what a user can see or hear: text, labels, titles,
placeholders, button values, screen-reader-only text. A Dutch page may not contain an English
word from the list below, an English page no Dutch word. Text the user typed (names, notes),
the instruments' published English names, identifiers in <code> and citations in <cite> are
left out, and so is any
element marked with another language (a plan in the patient's language, a citation). Loanwords
Dutch therapists use ("screening", "caseload") are not on the list.

The second test follows the day by the primary button alone: each page that completes a step
offers the next one.
"""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from patients import instruments
from patients.intake import sections as intake
from patients.models import Visit
from plans import library
from plans import services as plan_services
from tests.e2e import arrange
from tests.patients.progress.helpers import add_visit, respond

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Words of one language that the other never uses (matched as whole words, in lower case or
# capitalised; all-capitals codes such as "EN" are not words).
ENGLISH = frozenset(
    (
        "the",
        "and",
        "with",
        "your",
        "you",
        "please",
        "this",
        "that",
        "not",
        "save",
        "cancel",
        "edit",
        "delete",
        "back",
        "print",
        "record",
        "findings",
        "follow-up",
        "discharge",
        "progress",
        "exercises",
        "exercise",
        "settings",
        "password",
        "sign",
        "show",
        "next",
        "new",
        "draft",
        "issued",
        "search",
        "home",
        "visit",
        "visits",
        "week's",
        "patients",
        "therapist",
        "due",
        "breathing",
        "questionnaire",
        "pain",
        "enter",
        "entered",
    )
)
DUTCH = frozenset(
    (
        "de",
        "het",
        "een",
        "en",
        "van",
        "met",
        "je",
        "jouw",
        "niet",
        "opslaan",
        "bewerken",
        "terug",
        "afdrukken",
        "bevindingen",
        "vervolgconsult",
        "afsluiting",
        "voortgang",
        "oefeningen",
        "oefening",
        "thuisplan",
        "behandelepisode",
        "wachtwoord",
        "instellingen",
        "nieuwe",
        "nieuw",
        "zoeken",
        "volgende",
        "consult",
        "patiënten",
        "ademhaling",
        "vragenlijst",
        "pijn",
        "invullen",
        "bekijken",
    )
)
# What a user can see or hear, except in elements marked with another language.
VISIBLE_TEXT = """
language => {
  const foreign = el => {
    const marked = el.closest("[lang]");
    return marked && marked !== document.documentElement && !marked.lang.startsWith(language);
  };
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    // <code>: identifiers such as a rule's id; <cite>: titles of publications. Not words.
    if (!el || el.closest("script, style, template, code, cite") || foreign(el)) continue;
    parts.push(walker.currentNode.textContent);
  }
  for (const el of document.body.querySelectorAll(
      "[aria-label], [title], [placeholder], [alt], input[type=submit], input[type=button]")) {
    if (foreign(el)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
    if (el.tagName === "INPUT" && (el.type === "submit" || el.type === "button")) {
      parts.push(el.value);
    }
  }
  return parts.join("\\n");
}
"""
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
PATIENT = ("Sanne", "Bakker")
EPISODE_TITLE = "Rugklachten sinds verhuizing"


def foreign_words(text: str, words: frozenset[str]) -> list[str]:
    """Return each word of ``words`` found in ``text``, with the text around it."""
    found = []
    for match in WORD.finditer(text):
        word = match[0]
        is_word = word.islower() or word[:1].isupper() and word[1:].islower()
        if is_word and word.lower() in words:
            around = text[max(0, match.start() - 30) : match.end() + 30]
            found.append(f"{word}: …{' '.join(around.split())}…")
    return found


def typed_text(episode) -> list[str]:
    """Return what the arranged data holds as typed by people: not the interface's words."""
    history = arrange.history_fields()
    fields = [value for value in history.values() if isinstance(value, str) and value]
    goals = arrange.SECTION_FIELDS[intake.DIAGNOSIS]["goals"]
    return [*fields, goals, "Lang zitten", "Tillen", "Huisarts gebeld.", EPISODE_TITLE, *PATIENT]


def plan_contents() -> list[str]:
    """Return the exercise names in both languages: a plan (and its calendar) is written in the
    patient's language, whatever the interface's."""
    return [name for spec in library.EXERCISES for name in (spec.name_nl, spec.name_en)]


def names_not_translated(language: str) -> list[str]:
    """Return the instruments' published names: some stay English in Dutch (the glossary)."""
    with translation.override(language):
        return [str(instrument.name) for instrument in instruments.all_instruments()]


def without(text: str, phrases) -> str:
    for phrase in sorted(filter(None, phrases), key=len, reverse=True):
        text = text.replace(phrase, " ")
    return text


def sign_in_recently(page, live_server, user):
    """Sign in as ``user`` with a fresh sign-in record (admin pages ask for a recent one)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email}
    ]
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def day(alice, make_patient, make_episode, clinic, unscoped, exercise_library):
    """A patient after a whole clinic day and a follow-up three weeks later, plus a new draft."""
    patient = make_patient(clinic, first_name=PATIENT[0], last_name=PATIENT[1])
    opened = timezone.localdate() - datetime.timedelta(days=21)
    episode = make_episode(patient, alice, opened_on=opened, title=EPISODE_TITLE)
    arrange.ready_for_a_plan(episode, alice)
    issued = arrange.issued_plan_on(episode, alice, opened)
    follow_up = add_visit(episode, timezone.localdate())
    respond(follow_up, "nprs", 3)
    draft = plan_services.plan_revise(plan=issued, user=alice)
    return {"patient": patient, "episode": episode, "issued": issued, "draft": draft}


def therapist_pages(day) -> list[str]:
    patient, episode = day["patient"], day["episode"]
    visit = episode.visits.get(kind=Visit.Kind.INTAKE)
    follow_up = episode.visits.get(kind=Visit.Kind.FOLLOW_UP)
    sections = [
        reverse("patients:intake_section", args=[episode.pk, section.key])
        for section in intake.SECTIONS
    ]
    return [
        reverse("home"),
        reverse("patients:list") + "?q=bakker",
        reverse("patients:create"),
        reverse("patients:detail", args=[patient.pk]),
        reverse("patients:edit", args=[patient.pk]),
        reverse("patients:episode_create", args=[patient.pk]),
        reverse("patients:episode_detail", args=[episode.pk]),
        reverse("patients:episode_edit", args=[episode.pk]),
        reverse("patients:episode_close", args=[episode.pk]),
        reverse("patients:visit_create", args=[episode.pk]),
        reverse("patients:intake", args=[episode.pk]),
        *sections,
        reverse("patients:findings", args=[episode.pk]),
        reverse("patients:screening", args=[visit.pk]),
        reverse("patients:nq_entry", args=[visit.pk]),
        reverse("patients:observation", args=[visit.pk]),
        reverse("plans:episode_plans", args=[episode.pk]),
        reverse("plans:detail", args=[day["issued"].pk]),
        reverse("plans:editor", args=[day["draft"].pk]),
        reverse("plans:issue", args=[day["draft"].pk]),
        reverse("patients:followup_new", args=[episode.pk]),
        reverse("patients:followup_edit", args=[follow_up.pk]),
        reverse("patients:discharge", args=[episode.pk]),
        reverse("patients:progress", args=[episode.pk]),
        reverse("patients:dashboard"),
        reverse("patients:due_list"),
        reverse("patients:record_history", args=[patient.pk]),
        reverse("plans:library"),
        reverse("plans:rules"),
        reverse("plans:batch"),
        reverse("mfa_index"),
        reverse("account_change_password"),
    ]


ADMIN_PAGES = (
    "clinic_settings",
    "access_log",
    "patients:instrument_licences",
    "plans:exercise_create",
)


def walk(page, urls, language, typed) -> dict[str, list[str]]:
    words = ENGLISH if language == "nl" else DUTCH
    keep_out = [*typed, *plan_contents(), *names_not_translated(language), "STarT Back", "Rugadem"]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        assert page.locator("html").get_attribute("lang") == language, url
        found = foreign_words(without(page.evaluate(VISIBLE_TEXT, language), keep_out), words)
        if found:
            problems[url] = sorted(set(found))
    return problems


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_speaks_one_language(
    page, live_server, alice, clinic_admin, day, language, unscoped
):
    typed = typed_text(day["episode"])
    for user in (alice, clinic_admin):
        user.language = language
        user.save(update_fields=["language"])
    sign_in_recently(page, live_server, alice)
    problems = walk(page, therapist_pages(day), language, typed)
    page.context.clear_cookies()
    sign_in_recently(page, live_server, clinic_admin)
    admin_urls = [
        *(reverse(name) for name in ADMIN_PAGES),
        reverse("patients:rights", args=[day["patient"].pk]),
        reverse("plans:library"),
    ]
    problems.update(walk(page, admin_urls, language, typed))
    assert not problems, f"Words of the other language on {language} pages: {problems}"


# The clinic day by its primary buttons --------------------------------------------------------

PRIMARY = "main .btn-primary:not([class*='btn-outline']):visible"


def follow_primary(page, expected_path: str) -> None:
    """Press the page's primary button and check it leads to ``expected_path``."""
    button = page.locator(PRIMARY).first
    with page.expect_navigation():
        button.click()
    path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
    assert re.fullmatch(expected_path, path), f"{path} is not {expected_path}"


def test_each_steps_primary_button_leads_to_the_next_step(
    page, alice, episode, sign_in, unscoped, exercise_library
):
    sign_in(alice)
    pk = episode.pk
    page.goto(reverse("patients:episode_detail", args=[pk]))
    follow_primary(page, reverse("patients:intake", args=[pk]))

    arrange.complete_intake(episode, alice)
    arrange.breathing_screening(arrange.intake_visit(episode), alice)
    page.goto(reverse("patients:screening", args=[arrange.intake_visit(episode).pk]))
    follow_primary(page, reverse("patients:findings", args=[pk]))
    follow_primary(page, r"/plans/\d+/edit/")  # generate the plan: one click
    follow_primary(page, r"/plans/\d+/issue/")  # save and issue
    follow_primary(page, r"/plans/\d+/")  # issued
    plan_pk = int(re.search(r"/plans/(\d+)/", page.url)[1])
    pdf = page.locator(PRIMARY).first
    assert pdf.get_attribute("href") == reverse("plans:pdf", args=[plan_pk])  # print

    page.goto(reverse("patients:episode_detail", args=[pk]))
    follow_primary(page, reverse("patients:followup_new", args=[pk]))


def test_the_new_pages_pass_axe(page, live_server, clinic_admin, day, axe_check, unscoped):
    """The close page and the instruments' licence page, checked like the journeys' pages."""
    sign_in_recently(page, live_server, clinic_admin)
    for url in (
        reverse("patients:episode_close", args=[day["episode"].pk]),
        reverse("patients:instrument_licences"),
    ):
        page.goto(url)
        axe_check(page, url)

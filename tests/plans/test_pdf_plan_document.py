"""Reading a plan from the database into what the PDF shows (PlanDocument) and its HTML."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from plans.library import by_code
from plans.models import Exercise, PlanItem
from plans.pdf import plan_document, plan_html, render_plan
from tests.plans.conftest_pdf import make_plan, media  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("media")
# Daily habits (walk, micro-breaks) print in a block of their own: phase 3 holds an exercise.
ONE = {1: ("diaphragm-hooklying",), 3: ("breathing-daily-tasks",)}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 20), "navy").save(out, format="PNG")
    return out.getvalue()


def test_it_reads_the_patient_the_therapist_and_the_plan(episode, alice, unscoped):
    alice.last_name = "de Vries"
    alice.save()
    episode.goals = "Weer fietsen"
    episode.save()
    when = timezone.now() + datetime.timedelta(days=14)
    plan = make_plan(episode, alice, ONE, language="en", note="Rustig opbouwen")
    plan.next_appointment = when
    plan.save()
    doc = plan_document(plan)
    assert (doc.patient_name, doc.therapist, doc.language) == (
        "Anna Jansen",
        "Alice de Vries",
        "en",
    )
    assert (doc.goals, doc.note, doc.next_appointment, doc.draft) == (
        "Weer fietsen",
        "Rustig opbouwen",
        when,
        False,
    )
    assert [phase.number for phase in doc.phases] == [1, 3]


def test_an_issued_plan_prints_the_texts_it_was_issued_with(episode, alice, unscoped):
    plan = make_plan(episode, alice, ONE)
    Exercise.objects.filter(clinic=None, code="breathing-daily-tasks").update(name_nl="Nieuwe naam")
    names = [e.name for phase in plan_document(plan).phases for e in phase.exercises]
    assert names == ["Buikademhaling op je rug", by_code("breathing-daily-tasks").name_nl]


def test_a_draft_prints_the_live_texts(episode, alice, unscoped):
    plan = make_plan(episode, alice, ONE, issued=False)
    Exercise.objects.filter(clinic=None, code="breathing-daily-tasks").update(name_nl="Nieuwe naam")
    doc = plan_document(plan)
    assert doc.draft and doc.phases[-1].exercises[0].name == "Nieuwe naam"


def test_a_therapists_own_addition_shows_the_note_as_the_reason(episode, alice, unscoped):
    plan = make_plan(episode, alice, ONE, issued=False)
    PlanItem.objects.filter(plan=plan, phase=3).update(reason_code="", note="Je fietst graag.")
    exercise = plan_document(plan).phases[-1].exercises[0]
    assert (exercise.reason, exercise.note) == ("Je fietst graag.", "")


def test_an_exercise_seen_in_an_earlier_phase_is_marked_as_a_repeat(episode, alice, unscoped):
    plan = make_plan(episode, alice, {1: ("diaphragm-seated",), 2: ("diaphragm-seated",)})
    phases = plan_document(plan).phases
    assert [phases[0].exercises[0].repeat_of_phase, phases[1].exercises[0].repeat_of_phase] == [
        None,
        1,
    ]


def test_a_missing_or_odd_illustration_prints_no_picture(episode, alice, unscoped):
    plan = make_plan(episode, alice, ONE, issued=False)
    Exercise.objects.filter(clinic=None, code="breathing-daily-tasks").update(
        illustration="../../../etc/passwd.svg"
    )
    assert plan_document(plan).phases[-1].exercises[0].illustration == ""


def test_the_clinic_logo_is_printed_from_its_bytes(episode, alice, clinic, unscoped):
    clinic.logo.save("logo.png", ContentFile(png()))
    plan = make_plan(episode, alice, ONE, issued=False)
    doc = plan_document(plan)
    assert doc.clinic.logo == png() and doc.clinic.logo_type == "image/png"
    assert 'src="https://rugadem.invalid/private/logo-' in plan_html(doc)
    page = PdfReader(io.BytesIO(render_plan(plan))).pages[0]
    assert page.images  # the logo


def test_a_logo_that_is_not_png_or_jpeg_is_left_out(episode, alice, clinic, unscoped):
    clinic.logo.save("logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    assert plan_document(make_plan(episode, alice, ONE, issued=False)).clinic.logo is None


def test_text_in_the_html_is_escaped(episode, alice, unscoped):
    episode.goals = '<b onclick="x()">fietsen</b> & "meer"'
    episode.save()
    html = plan_html(plan_document(make_plan(episode, alice, ONE)))
    assert "&lt;b onclick=&quot;x()&quot;&gt;fietsen&lt;/b&gt; &amp; &quot;meer&quot;" in html
    assert "<b onclick" not in html


def test_the_fixed_text_is_in_the_patients_language(episode, alice, unscoped):
    html = plan_html(plan_document(make_plan(episode, alice, ONE, language="en")))
    assert '<html lang="en">' in html and "Why this is in your plan:" in html


def test_your_physiotherapist_is_the_treating_therapist_not_who_issued_it(
    episode, alice, bob, unscoped
):
    alice.last_name, bob.last_name = "de Vries", "Bakker"
    alice.save()
    bob.save()
    plan = make_plan(episode, bob, ONE)  # bob pressed "issue"; alice treats the episode
    assert plan.issued_by == bob and episode.therapist == alice
    assert plan_document(plan).therapist == "Alice de Vries"

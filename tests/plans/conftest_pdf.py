"""Helpers for the plan-printing tests (imported explicitly, not a pytest conftest)."""

import dataclasses
import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans.library import by_code
from plans.models import Exercise, HomePlan, PlanItem
from plans.pdf.document import ClinicHeader, Dose, Phase, PlanDocument
from plans.pdf.document import Exercise as PrintedExercise
from plans.reasons import reason_text

# Eight exercises over three phases: the "standard" plan of the tests and the benchmark.
STANDARD = {
    1: ("diaphragm-hooklying", "open-book", "daily-walk"),
    2: ("diaphragm-seated", "tva-drawing-in", "cat-camel"),
    3: ("breathing-daily-tasks", "microbreak-routine"),
}
REASONS = {"daily-walk": "graded_walking"}
# The same eight exercises as the rules draft them: the walk and the micro-breaks as daily habits.
HABITS = ("daily-walk", "microbreak-routine")


@pytest.fixture
def media(settings, tmp_path):
    """Store uploaded and rendered files in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_plan(episode, user, phases=None, *, issued=True, language="nl", version=1, note=""):
    """Create a plan of built-in exercises; issue it (texts frozen) unless issued=False."""
    plan = HomePlan.objects.create(
        episode=episode, version=version, language=language, note=note, created_by=user
    )
    for phase, codes in (phases or STANDARD).items():
        for order, code in enumerate(codes, start=1):
            _add_item(plan, phase, order, Exercise.objects.get(clinic=None, code=code))
    if issued:
        issue(plan, user)
    return plan


def _add_item(plan, phase, order, exercise):
    PlanItem.objects.create(
        plan=plan,
        exercise=exercise,
        phase=phase,
        order=order,
        reason_code=REASONS.get(exercise.code, "starter"),
        **{field: getattr(exercise, field) for field in DOSE_FIELDS},
    )


DOSE_FIELDS = ("sets", "reps", "minutes", "hold_seconds", "times_per_day", "days_per_week")


def issue(plan, user, at=None):
    """Freeze the texts and mark the plan issued (what plans.services.plan_issue stores)."""
    for item in plan.items.select_related("exercise"):
        item.frozen = item.freeze(plan.language)
        item.save(update_fields=["frozen"])
    plan.status = HomePlan.Status.ISSUED
    plan.issued_at = at or timezone.now()
    plan.issued_by = user
    plan.save()
    return plan


def pdf_url(plan):
    return reverse("plans:pdf", args=[plan.pk])


def pdftotext(pdf: bytes, *options: str) -> str:
    """Return poppler's `pdftotext` of the PDF (pages end with a form feed)."""
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()


def pages_text(pdf: bytes) -> list[str]:
    """Return the extracted text of each page, by pdftotext (pypdf's pure-Python text
    extraction took about 10 s of the suite's CPU). Raw mode keeps content-stream order, as
    pypdf did, and the rotated draft watermark, which the layout mode leaves out."""
    return pdftotext(pdf, "-raw").split("\f")[:-1]


def whole_text(pdf: bytes) -> str:
    """Return all text of the PDF with line breaks folded to spaces (for phrase checks)."""
    return re.sub(r"\s+", " ", " ".join(pages_text(pdf)))


def embedded_files(pdf: bytes) -> dict:
    """Return the PDF's attachments (embedded files) by name."""
    return PdfReader(io.BytesIO(pdf)).attachments


def exercise_names(language: str) -> set[str]:
    """Return the names of the standard plan's exercises in one language."""
    return {
        getattr(by_code(code), f"name_{language}") for codes in STANDARD.values() for code in codes
    }


def printed_exercise(code: str, language: str = "nl", **overrides) -> PrintedExercise:
    """Return a library exercise as the PDF shows it, without the database."""
    spec = by_code(code)

    def text(name):
        return getattr(spec, f"{name}_{language}")

    fields = {
        "code": code,
        "name": text("name"),
        "reason": reason_text(REASONS.get(code, "starter"), language),
        "start_position": text("start_position"),
        "steps": tuple(text("steps")),
        "dose": Dose(**{field: getattr(spec, field) for field in DOSE_FIELDS}),
        "cautions": text("cautions"),
        "illustration": spec.illustration,
    }
    fields.update(overrides)
    return PrintedExercise(**fields)


def habits_document(language: str = "nl", **overrides) -> PlanDocument:
    """Return the standard plan with its walk and micro-breaks as daily habits."""
    phases = {
        number: tuple(code for code in codes if code not in HABITS)
        for number, codes in STANDARD.items()
    }
    habits = tuple(
        dataclasses.replace(printed_exercise(code, language), habit=True) for code in HABITS
    )
    return sample_document(language, phases=phases, habits=habits, **overrides)


def sample_document(language: str = "nl", phases=None, **overrides) -> PlanDocument:
    """Return a PlanDocument of the standard plan, without the database."""
    phases = tuple(
        Phase(number=number, exercises=tuple(printed_exercise(code, language) for code in codes))
        for number, codes in (phases or STANDARD).items()
    )
    fields = {
        "language": language,
        "clinic": ClinicHeader(
            name="Fysiotherapie De Linde",
            address="Lindelaan 4\n3511 AB Utrecht",
            phone="030 123 45 67",
            email="info@delinde.test",
        ),
        "patient_name": "Anna Jansen",
        "patient_number": 12,
        "date_of_birth": datetime.date(1980, 5, 17),
        "therapist": "Alice de Vries",
        "plan_date": datetime.date(2026, 11, 12),
        "version": 1,
        "draft": False,
        "goals": "Weer 30 minuten fietsen.",
        "phases": phases,
    }
    fields.update(overrides)
    return PlanDocument(**fields)

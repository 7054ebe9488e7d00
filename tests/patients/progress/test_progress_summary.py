"""The one-page progress summary (PDF) for the patient or the GP, through the safe renderer."""

import datetime
import io
import logging

import pytest
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AccessEvent
from patients.progress import followup
from patients.progress import measures as progress
from tests.patients.progress.helpers import (
    add_visit,
    intake_of,
    issued_plan,
    respond,
    url,
)

D = datetime.date
pytestmark = pytest.mark.usefixtures("alice_in_english")


@pytest.fixture
def followed(episode, unscoped):
    intake = intake_of(episode)
    respond(intake, "nprs", 7)
    respond(intake, "qbpds", 40)
    later = add_visit(episode, D(2026, 11, 23))
    respond(later, "nprs", 3)
    respond(later, "qbpds", 30)
    issued_plan(episode)
    return episode


def load(episode, clinic):
    return progress.load_progress(
        episode,
        settings=progress.ScheduleSettings.of(clinic),
        nq_threshold=23,
        today=timezone.localdate(),
    )


def html(episode, clinic, audience="patient", conclusion=""):
    page = load(episode, clinic)
    charts = {
        series.code: f"https://rugadem.invalid/private/chart-{series.code}.svg"
        for series in page.charted
    }
    return followup.summary_html(
        page,
        clinic=clinic,
        audience=audience,
        conclusion=conclusion,
        charts=charts,
        plan=followup.plan_so_far(episode),
    )


def test_it_shows_the_charts_the_plan_and_the_conclusion(followed, clinic):
    content = html(followed, clinic, conclusion="Goed bezig")
    assert "private/chart-nprs.svg" in content and "private/chart-qbpds.svg" in content
    assert "Exercise 1" in content and "Phase 3" in content
    assert "Goed bezig" in content


def test_the_gp_report_identifies_the_patient_the_patient_version_speaks_to_them(followed, clinic):
    assert "17-05-1980" in html(followed, clinic, audience="gp")
    patient_version = html(followed, clinic)
    assert "Your progress" in patient_version and "17-05-1980" not in patient_version


def test_the_conclusion_is_printed_as_text(followed, clinic):
    content = html(followed, clinic, conclusion="<img src=x>")
    assert "<img src=x>" not in content and "&lt;img src=x&gt;" in content


def test_it_is_one_page_and_fetches_nothing_from_outside(alice_client, followed, caplog):
    with caplog.at_level(logging.WARNING, logger="rugadem.pdf"):
        response = alice_client.post(url("progress_pdf", followed), {"audience": "gp"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 1
    assert "Anna Jansen · 17-05-1980" in reader.pages[0].extract_text()  # the GP report
    assert "refused" not in caplog.text


def test_printing_is_logged(alice_client, followed):
    alice_client.post(url("progress_pdf", followed), {"audience": "patient"})
    event = AccessEvent.objects.get(action=AccessEvent.Action.PRINT)
    assert event.patient_id == followed.patient_id and "patient" in event.detail


def test_html_in_the_conclusion_is_refused_next_to_the_field(alice_client, followed):
    response = alice_client.post(
        url("progress_pdf", followed), {"audience": "gp", "conclusion": "<b>klaar</b>"}
    )
    assert response["Content-Type"].startswith("text/html")
    assert "HTML is not allowed here" in response.content.decode()
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.PRINT).exists()


def test_an_unknown_audience_is_refused(alice_client, followed):
    response = alice_client.post(url("progress_pdf", followed), {"audience": "insurer"})
    assert response["Content-Type"].startswith("text/html")


def test_it_returns_404_for_other_clinic(charlie_client, followed):
    response = charlie_client.post(url("progress_pdf", followed), {"audience": "gp"})
    assert response.status_code == 404
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.PRINT).exists()

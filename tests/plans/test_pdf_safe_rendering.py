"""Free text in a plan is printed literally and can never make the renderer fetch anything."""

import dataclasses
import logging
import re
import socket
import threading

import pytest

from clinic.models import Clinic
from clinic.printing.render import html_to_pdf
from patients.models import Episode
from plans.models import PlanItem
from plans.pdf.document import ClinicHeader
from plans.pdf.html import plan_files, plan_html
from tests.plans.conftest_pdf import (
    embedded_files,
    make_plan,
    media,  # noqa: F401 (fixture)
    pdf_url,
    sample_document,
    whole_text,
)


class Listener:
    """A local TCP listener that counts every connection made to it."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.socket.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def payloads(port: int) -> list[str]:
    """Return markup that would fetch from the listener or the file system if it were live."""
    base = f"http://127.0.0.1:{port}"
    return [
        f'<img src="{base}/x">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f"@import url({base}/y);",
        f'<a rel="attachment" href="{base}/z">file</a>',
        f"<style>@import url({base}/s); body {{ background: url({base}/b) }}</style>",
        f'<svg><image href="{base}/v"/></svg>',
        f'<object data="{base}/o"></object><iframe src="{base}/i"></iframe>',
        f'"><img src="{base}/q">',
    ]


def squeeze(text: str) -> str:
    """Drop all whitespace: the PDF wraps long lines wherever the text allows."""
    return re.sub(r"\s+", "", text)


def hostile_document(port: int):
    text = "\n".join(payloads(port))
    doc = sample_document("en", goals=text, note=text)
    clinic = ClinicHeader(name=text, address=text, phone=payloads(port)[0], email=text)
    phase = doc.phases[0]
    exercise = dataclasses.replace(phase.exercises[0], note=text)
    phases = (dataclasses.replace(phase, exercises=(exercise,)), *doc.phases[1:])
    return dataclasses.replace(doc, clinic=clinic, phases=phases)


def test_hostile_text_is_printed_literally_and_fetches_nothing(listener, caplog):
    doc = hostile_document(listener.port)
    with caplog.at_level(logging.WARNING, logger="rugadem.pdf"):
        pdf = html_to_pdf(plan_html(doc), files=plan_files(doc))
    text = squeeze(whole_text(pdf))
    assert listener.connections == 0
    assert embedded_files(pdf) == {}
    assert all(squeeze(payload) in text for payload in payloads(listener.port))
    assert "refused" not in caplog.text  # escaped text never even became a URL


@pytest.mark.usefixtures("media")
def test_hostile_text_in_the_database_is_printed_literally_through_the_view(
    alice_client, episode, alice, clinic, listener, unscoped
):
    text = "\n".join(payloads(listener.port))
    # Each field as long as its column allows (PostgreSQL enforces the lengths).
    Clinic.objects.filter(pk=clinic.pk).update(
        name=text[:120], address=text, phone=text[:30], email=text[:254]
    )
    Episode.objects.filter(pk=episode.pk).update(goals=text)
    plan = make_plan(episode, alice, issued=False, language="en", note=text)
    PlanItem.objects.filter(plan=plan).update(note=text)
    response = alice_client.get(pdf_url(plan))
    pdf = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert listener.connections == 0
    assert embedded_files(pdf) == {}
    assert all(squeeze(payload) in squeeze(whole_text(pdf)) for payload in payloads(listener.port))


def test_markup_in_a_template_is_still_refused_by_the_fetcher(listener, caplog):
    # Belt and braces: even markup that reached the HTML could not fetch.
    html = plan_html(sample_document("en")).replace("</body>", "".join(payloads(listener.port)))
    with caplog.at_level(logging.WARNING, logger="rugadem.pdf"):
        pdf = html_to_pdf(html)
    assert listener.connections == 0
    assert embedded_files(pdf) == {}
    assert "refused" in caplog.text

"""Every render has a hard time limit, in the main thread and in any other thread."""

import signal
import threading
import time

import pytest

from clinic.printing.fetcher import SafeFetcher
from clinic.printing.render import RenderTimeout, deadline, html_to_pdf

# Enough layout work to take far longer than the limits below.
HUGE = "<html><body>" + "<p>Adem rustig in en uit door je neus.</p>" * 20000 + "</body></html>"


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


# An interruption that lands in Hypothesis' gc callback is ignored (and reported) by Python;
# the timer fires again and the render stops all the same.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_render_past_its_limit_stops_with_render_timeout():
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        html_to_pdf(HUGE, time_limit=0.3)
    assert time.monotonic() - started < 3


def test_a_timeout_while_fetching_a_file_is_not_swallowed(monkeypatch):
    # WeasyPrint turns any Exception from a fetcher into a logged warning and goes on.
    monkeypatch.setattr(SafeFetcher, "fetch", lambda self, url, headers=None: busy(5))
    with pytest.raises(RenderTimeout):
        html_to_pdf('<link rel="stylesheet" href="static/plans/pdf/print.css">', time_limit=0.2)


def test_the_limit_works_in_a_worker_thread():
    outcome = {}

    def work():
        try:
            with deadline(0.2):
                busy(5)
        except RenderTimeout:
            outcome["stopped"] = True

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=5)
    assert outcome == {"stopped": True}


def test_a_render_within_its_limit_is_not_disturbed_later():
    with deadline(0.2):
        pass
    busy(0.4)  # the timer was cancelled: nothing fires after the block


def test_a_finished_thread_render_is_not_disturbed_later():
    errors = []

    def work():
        try:
            with deadline(0.2):
                pass
            busy(0.4)
        except RenderTimeout as error:  # pragma: no cover - the failure case
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=5)
    assert errors == []


def test_it_restores_the_previous_alarm_handler():
    before = signal.getsignal(signal.SIGALRM)
    with deadline(1):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

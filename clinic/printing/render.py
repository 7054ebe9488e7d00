"""HTML -> PDF with WeasyPrint: one font configuration per process and a hard time limit.

WeasyPrint is imported with this module; clinic/wsgi.py imports plans.pdf so that every worker
pays the ~1 s import at start, never on its first PDF request.

The time limit (RENDER_TIME_LIMIT): in the main thread (gunicorn sync workers, management
commands, the batch's worker processes, tests) a SIGALRM interval timer raises RenderTimeout
inside the render. In any other thread (a threaded development server, gthread workers) a
watchdog thread raises it in the rendering thread with CPython's PyThreadState_SetAsyncExc.
Both interrupt WeasyPrint between Python bytecodes, and WeasyPrint spends its time in Python
(layout), so they act within milliseconds; both fire again every 0.1 s until the render stops.
The alarm replaces any other SIGALRM timer of the process while a render runs.
"""

import contextlib
import ctypes
import logging
import signal
import sys
import threading
import time

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from clinic.printing.fetcher import BASE_URL, SafeFetcher

logger = logging.getLogger("rugadem.pdf")
# WeasyPrint logs a dozen progress lines per render at INFO; keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FONT_CONFIG = FontConfiguration()
RENDER_TIME_LIMIT = 10.0  # seconds; a standard 5-page plan takes about 0.3 s
# The stored record copy: PDF/A-2b (archival; WeasyPrint also strips any non-PDF attachment).
RECORD_VARIANT = "pdf/a-2b"


class RenderTimeout(BaseException):
    """A PDF render went past its time limit.

    A BaseException, like KeyboardInterrupt: WeasyPrint catches Exception in many places (a
    failed image or stylesheet is logged and skipped), and must not swallow the time limit.
    """


def html_to_pdf(
    html: str,
    *,
    files: dict[str, tuple[bytes, str]] | None = None,
    variant: str | None = None,
    time_limit: float = RENDER_TIME_LIMIT,
) -> bytes:
    """Render HTML to PDF bytes, fetching only allowed files, within the time limit."""
    started = time.perf_counter()
    with deadline(time_limit):
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher(files))
        pdf = document.write_pdf(font_config=FONT_CONFIG, pdf_variant=variant)
    logger.info("PDF rendered in %.0f ms", (time.perf_counter() - started) * 1000)
    return pdf


@contextlib.contextmanager
def deadline(seconds: float):
    """Raise RenderTimeout in the current thread if the block runs longer than ``seconds``."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


# Frames where an exception is ignored (and reported as "unraisable") rather than raised: a
# finaliser, a gc callback (Hypothesis installs one), the hook that reports such an exception.
_SWALLOWING_FRAMES = frozenset({"__del__", "gc_callback", "unraisablehook", "unraisable_hook"})


def _lands_where_it_counts(frame) -> bool:
    """Whether an interruption raised in ``frame`` would stop the render, not be swallowed.

    Skipping one firing only delays the stop: the timer fires again 0.1 s later. The alarm also
    skips while an earlier RenderTimeout is still unwinding (a repeat would land in a ``finally``
    or ``__exit__`` on its way out).
    """
    while frame is not None:
        if frame.f_code.co_name in _SWALLOWING_FRAMES:
            return False
        frame = frame.f_back
    return True


@contextlib.contextmanager
def _alarm(seconds: float):
    def on_alarm(signum, frame):
        if isinstance(sys.exception(), RenderTimeout) or not _lands_where_it_counts(frame):
            return
        raise RenderTimeout(f"PDF render took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Fire again every 0.1 s in case an interruption was swallowed: an exception raised while
    # a gc callback runs (Hypothesis installs one, for example) is ignored by Python.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _watchdog(seconds: float):
    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()

    def interrupt():
        # Like the alarm, retry every 0.1 s in case an interruption was swallowed.
        delay = seconds
        while not done.wait(delay):
            with lock:
                if not done.is_set() and _lands_where_it_counts(sys._current_frames().get(target)):
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(target), ctypes.py_object(RenderTimeout)
                    )
            delay = 0.1

    watcher = threading.Thread(target=interrupt, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            done.set()

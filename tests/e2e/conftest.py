"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped with a visible reason when Chromium is missing, except in CI (CI=true), where they must
run. On failure a screenshot and the page's HTML go to tests/e2e/artifacts/ (ignored by git).

The tests: test_sign_in_journey.py (sign-in with two-factor, language, sign-out), a test module
per stage of the day (register, intake, red flags, screening, plan, progress), each arranging
what came before in the database (arrange.py) and driving its stage (steps.py), and
test_whole_day_journey.py, the whole day in order. helpers.py: translated locators, keyboard.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from plans.sync import builtin_specs, sync_builtins

# Debian's chromium-headless-shell first: the same Chromium release as the chromium package,
# built as the headless-only shell that Playwright itself uses for headless runs. It drives the
# same pages with about a fifth less CPU than the full browser in headless mode (README, "How
# long the suite takes"); without it, the chromium package.
CHROMIUM = (
    os.environ.get("CHROMIUM")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium"
)
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


SKIP_REASON = (
    f"Chromium not found at {CHROMIUM} "
    "(install it: sudo apt-get install chromium-headless-shell, or chromium)"
)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"Browser tests must run in CI, but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(reason=f"browser test skipped: {SKIP_REASON}")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """Say so at the end of the run when the browser tests were skipped (not only "s")."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if SKIP_REASON in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser tests skipped: {SKIP_REASON}", yellow=True
        )


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the test thread; the ORM calls the tests make
    # there are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def live_server(request):
    """The live server on 127.0.0.1, answering one request at a time.

    Overrides pytest-django's: its threaded server lets the browser's parallel requests (the
    progress charts are four images) use the test's shared in-memory SQLite connection at once,
    which SQLite refuses with "database table is locked".
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    class OneAtATimeServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    class OneAtATimeThread(LiveServerThread):
        # The thread itself serves the requests, with the connections it was given.
        server_class = OneAtATimeServer

    server = LiveServer("127.0.0.1", start=False)
    threaded = server.thread
    server.thread = OneAtATimeThread(
        threaded.host,
        threaded.static_handler,
        connections_override=threaded.connections_override,
        port=threaded.port,
    )
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


@pytest.fixture
def e2e_settings(settings):
    # The live server speaks plain http on 127.0.0.1.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return settings


@pytest.fixture(scope="session")
def _refill_after_flush(django_db_setup, django_db_blocker):
    """After the last browser test, put back what the migrations load and its flush removed
    (the built-in exercises, the access log's append-only triggers): a test database kept for
    the next run (--reuse-db, on PostgreSQL) is then whole again."""
    yield
    from tests import dbtriggers

    with django_db_blocker.unblock():
        dbtriggers.restore_after_flush()


def load_builtin_exercises():
    from django.apps import apps
    from django_scopes import scopes_disabled

    with scopes_disabled():
        sync_builtins(apps.get_model("plans", "Exercise"), builtin_specs())


@pytest.fixture
def flushable_log(transactional_db, _refill_after_flush):
    """Let the transactional test flush the append-only access log afterwards."""
    from tests import dbtriggers

    dbtriggers.create()
    yield
    dbtriggers.drop()


@pytest.fixture
def page(browser, live_server, e2e_settings, flushable_log, request):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1180, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()


# The visible headings' levels, in document order (a closed dialog's heading does not count).
HEADING_LEVELS = """
() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter(heading => heading.checkVisibility())
  .map(heading => Number(heading.tagName[1]))
"""


def heading_problems(levels: list[int]) -> list[str]:
    """Return what is wrong with a page's heading levels: one h1, no level skipped going down."""
    problems = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1 headings instead of 1"]
    for before, level in zip([0, *levels], levels, strict=False):
        if level > before + 1:
            problems.append(f"h{level} follows h{before}" if before else f"starts with h{level}")
    return problems


@pytest.fixture(scope="session")
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe_check(_axe):
    """Return a function that fails on serious or critical axe-core violations of the page, and
    on headings out of order (axe-core only rates those moderate)."""

    def check(page, label=""):
        results = _axe.run(page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in bad
        )
        assert not bad, f"axe violations on {label or page.url}:\n{details}"
        problems = heading_problems(page.evaluate(HEADING_LEVELS))
        assert not problems, f"headings out of order on {label or page.url}: {problems}"

    return check


# Fixtures for the tests ------------------------------------------------------------------------


@pytest.fixture
def exercise_library(transactional_db):
    """Load the built-in exercises again: each browser test's flush empties the database."""
    load_builtin_exercises()


@pytest.fixture
def sign_in(page, live_server):
    """Return a function that signs a user in on the page's browser context, without the form.

    The sign-in form itself (with two-factor) is tested in test_sign_in_journey.py.
    """

    def sign(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return sign

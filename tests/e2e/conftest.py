"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped with a visible reason when /usr/bin/chromium is missing, except in CI (CI=true), where
they must run. On failure a screenshot and the page's HTML go to tests/e2e/artifacts/ (ignored
by git).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"Browser tests must run in CI, but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests skipped "
        "(sudo apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


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


@pytest.fixture
def e2e_settings(settings):
    # The live server speaks plain http on 127.0.0.1.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return settings


@pytest.fixture
def flushable_log(transactional_db):
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


@pytest.fixture
def axe_check():
    """Return a function that fails on serious or critical axe-core violations of the page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, label=""):
        results = axe.run(page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in bad
        )
        assert not bad, f"axe violations on {label or page.url}:\n{details}"

    return check

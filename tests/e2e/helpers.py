"""Helpers of the browser tests: translated locators, submitting, keyboard checks, codes."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import translation

TOTP_PERIOD = 30
TOTP_MARGIN = 5  # seconds: enough to type the code and send it within its window


def tr(message, language: str, **params) -> str:
    """Return an English source string (or a lazy one) as the pages show it in ``language``.

    Translated through the compiled catalogue the live server uses too, so locators written
    with it keep working whether or not the catalogue translates the string yet.
    """
    with translation.override(language):
        text = str(translation.gettext(message) if isinstance(message, str) else message)
    return text % params if params else text


def nl(message, **params) -> str:
    """Return a string as the Dutch pages (the default) show it: see `tr`."""
    return tr(message, "nl", **params)


def submit(page, locator) -> None:
    """Click a submit button (or link) and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def press_and_wait(page, key: str) -> None:
    """Press a key that submits a form (Enter, Space on a button) and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


IS_FOCUSED = "element => element === document.activeElement"


def tab_to(page, locator, *, limit: int = 250) -> None:
    """Press Tab until ``locator`` has the focus: it is reachable in the keyboard order."""
    for _ in range(limit):
        if locator.evaluate(IS_FOCUSED):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} is not reachable with Tab within {limit} presses.")


# Every control a keyboard user must reach; one stop per radio group is enough.
CONTROLS_SCRIPT = """
form => {
  const seen = new Set();
  const keys = [];
  for (const el of form.querySelectorAll("input, select, textarea, button")) {
    if (el.type === "hidden" || el.disabled || el.closest("[aria-hidden=true]")) continue;
    if (!el.checkVisibility()) continue;
    const key = el.type === "radio" ? "radio:" + el.name : el.name + "#" + (el.id || el.value);
    if (!seen.has(key)) { seen.add(key); keys.push(key); }
  }
  return keys;
}
"""
# Remember every control that gets the focus, in the page itself (one round trip per Tab).
RECORD_FOCUS_SCRIPT = """
() => {
  window.__rgFocused = new Set();
  document.addEventListener("focusin", event => {
    const el = event.target;
    window.__rgFocused.add(el.type === "radio" ? "radio:" + el.name
                           : el.name + "#" + (el.id || el.value));
  });
  if (document.activeElement) document.activeElement.blur();
}
"""
TAB_BATCH = 10


def assert_keyboard_reachable(page, form) -> None:
    """Tab through the page from the top and check every control of ``form`` gets the focus.

    Together with a form filled in with the keys alone, this shows the form can be completed
    without a mouse: no control is skipped by the tab order or only usable with a pointer.
    """
    expected = form.evaluate(CONTROLS_SCRIPT)
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex^='-'])").count() == 0, (
        "A positive tabindex changes the keyboard order."
    )
    page.evaluate(RECORD_FOCUS_SCRIPT)
    for _ in range(0, len(expected) * 4 + 60, TAB_BATCH):
        for _ in range(TAB_BATCH):
            page.keyboard.press("Tab")
        reached = set(page.evaluate("() => [...window.__rgFocused]"))
        if reached.issuperset(expected):
            return
    missing = [key for key in expected if key not in reached]
    raise AssertionError(f"Not reachable with Tab on {page.url}: {missing}")


def totp_code(secret: str) -> str:
    """Return the current two-factor code, first waiting out the end of its 30-second window
    (the server accepts only the current window's code)."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < TOTP_MARGIN:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))

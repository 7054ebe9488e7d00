"""Text that ends up on paper: refuse markup, control characters and signs the print font
cannot show, at entry (`plain_text` and `printable`, the validators every app shares).

Printed documents use DejaVu Sans (the only font the PDFs embed). Emoji and other symbols it
lacks would print as empty boxes, so a field whose text is printed refuses them with a message
that names them. Letters and accents of any script are let through (fontconfig finds a font
for them if one is installed); only symbols, pictographs and unassigned code points are checked.
"""

import functools
import re
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
# Letters, combining marks and spaces of any script are left to fontconfig.
LEFT_TO_FONTCONFIG = ("L", "M", "Z")
MAX_NAMED = 5
# "<" followed by a letter, "/", "!" or "?" starts an HTML tag or comment; "pain < 3" stays fine.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
# Control characters other than tab and line breaks (NUL is refused by Django itself).
CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


@functools.cache
def covered() -> frozenset[int]:
    """Return the code points DejaVu Sans has a glyph for (read once per process)."""
    # A WeasyPrint dependency, heavy to load: only the first check of a printed field needs it.
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    path = next((path for path in FONT_FILES if path.exists()), None)
    if path is None:
        path = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"), None)
    if path is None:  # no print font at all: `make run` refuses to start without it
        return frozenset()
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def unprintable(text) -> list[str]:
    """Return the distinct signs of ``text`` (or a list of texts) the print font cannot show."""
    if isinstance(text, list | tuple):
        text = "\n".join(str(item) for item in text)
    cmap = covered()
    if not cmap:
        return []
    signs: list[str] = []
    for char in text:
        if ord(char) in cmap or char in "\n\r\t" or char in signs:
            continue
        if unicodedata.category(char)[0] in LEFT_TO_FONTCONFIG:
            continue
        signs.append(char)
    return signs


def printable(value: str) -> None:
    """Validator: refuse emoji and symbols that would print as empty boxes."""
    signs = unprintable(value or "")
    if signs:
        raise ValidationError(
            _(
                "These signs cannot be printed: %(signs)s. Remove them, or write what you mean "
                "in words."
            )
            % {"signs": " ".join(signs[:MAX_NAMED])},
            code="unprintable",
        )


def plain_text(value) -> None:
    """Refuse HTML and invisible control characters in a text field (or a list of lines)."""
    if isinstance(value, list | tuple):
        value = "\n".join(str(item) for item in value)
    if MARKUP.search(value):
        raise ValidationError(
            _("HTML is not allowed here. Remove the < sign or the tag."), code="markup"
        )
    if CONTROL.search(value):
        raise ValidationError(_("This text contains invisible control characters."), code="control")

"""Text that ends up on paper: refuse signs the print font cannot show, at entry.

Printed documents use DejaVu Sans (the only font the PDFs embed). Emoji and other symbols it
lacks would print as empty boxes, so a field whose text is printed refuses them with a message
that names them. Letters and accents of any script are let through (fontconfig finds a font
for them if one is installed); only symbols, pictographs and unassigned code points are checked.
"""

import functools
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


@functools.cache
def covered() -> frozenset[int]:
    """Return the code points DejaVu Sans has a glyph for (read once per process)."""
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency

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

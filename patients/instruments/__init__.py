"""Registry of the shipped instruments: versioned, immutable definitions with their scoring."""

from types import MappingProxyType

from .base import (
    HIGHER,
    LOWER,
    Band,
    Instrument,
    Item,
    Mcid,
    Option,
    Score,
    band_for,
    relevant_improvement,
)
from .gpe import GPE
from .nprs import NPRS
from .nq import NQ
from .psk import PSK
from .qbpds import QBPDS
from .sbst import SBST

__all__ = [
    "HIGHER",
    "LOWER",
    "Band",
    "Instrument",
    "Item",
    "Mcid",
    "Option",
    "Score",
    "all_instruments",
    "band_for",
    "choices",
    "get",
    "relevant_improvement",
]

# Every shipped version, oldest first; a new version is appended, never edited in place, so
# stored responses can still be read through the version they were scored with.
INSTRUMENTS: tuple[Instrument, ...] = (NPRS, PSK, QBPDS, SBST, NQ, GPE)

_BY_KEY = MappingProxyType({(i.code, i.version): i for i in INSTRUMENTS})
_LATEST = MappingProxyType({i.code: i for i in INSTRUMENTS})


def get(code: str, version: str | None = None) -> Instrument:
    """Return the instrument with this code (the latest version unless one is given)."""
    try:
        return _LATEST[code] if version is None else _BY_KEY[(code, version)]
    except KeyError:
        raise KeyError(f"Unknown instrument {code!r} version {version!r}.") from None


def all_instruments() -> tuple[Instrument, ...]:
    """Return the latest version of every instrument, in display order."""
    return tuple(_LATEST.values())


def choices() -> tuple[tuple[str, object], ...]:
    """Return (code, name) pairs for a model or form field."""
    return tuple((instrument.code, instrument.name) for instrument in all_instruments())

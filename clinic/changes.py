"""Each clinic's change stamp, and figures cached until the clinic's data changes.

Every change to a clinic's records is made by a request of one of its users that is not a
read (POST and the like): ClinicScopeMiddleware gives the clinic a new stamp after each such
request, once the view's transaction has committed. A figure cached under the stamp (the
dashboard's aggregates) is therefore recomputed on the first request after any change, and in
any case after CACHE_SECONDS, which bounds the delay for the rare change made outside a request
(a management command, a background task).

The stamp is read before the figure is computed, so a figure computed while a change commits is
stored under the old stamp and never served after it. The cache must be shared by the app's
processes for this to hold across them (the database cache by default, or Redis: README,
"Production notes"); a per-process cache only shortens it to CACHE_SECONDS.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

CACHE_SECONDS = 300
T = TypeVar("T")


def _stamp_key(clinic_id: int) -> str:
    return f"rugadem:clinic-stamp:{clinic_id}"


def stamp(clinic_id: int) -> str:
    """Return the clinic's current change stamp (a new one the first time it is asked)."""
    return cache.get_or_set(_stamp_key(clinic_id), lambda: uuid.uuid4().hex, timeout=None)


def touch(clinic_id: int) -> None:
    """Give the clinic a new stamp: figures cached under the old one are no longer served."""
    cache.set(_stamp_key(clinic_id), uuid.uuid4().hex, timeout=None)


def cached(clinic_id: int, name: str, key: object, compute: Callable[[], T]) -> T:
    """Return ``compute()`` for this clinic, ``name`` and ``key`` (any value with a stable
    repr), from the cache while the clinic's stamp is unchanged and for at most CACHE_SECONDS."""
    current = stamp(clinic_id)
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    return cache.get_or_set(
        f"rugadem:cached:{clinic_id}:{name}:{current}:{digest}", compute, timeout=CACHE_SECONDS
    )

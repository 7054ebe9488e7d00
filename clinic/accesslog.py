"""Tamper evidence for the access log: a keyed hash chain (HMAC-SHA256) over every event.

Each seal's digest is HMAC(key, previous digest | the event's fields | its sequence number),
so changing, removing or reordering any sealed event breaks every later link. The key comes from
AUDIT_HMAC_KEY in the environment and is never stored in the database.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clinic.models import AccessEvent, AccessEventSeal

GENESIS = "0" * 64
# Events younger than this are left for the next run: a concurrent insert with a lower id may
# still be committing.
GRACE = datetime.timedelta(seconds=5)
BATCH = 2000
FIELDS = (
    "at",
    "clinic_id",
    "user_id",
    "role",
    "patient_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "detail",
    "ip_address",
    "user_agent",
    "path",
)


def canonical(event: AccessEvent, seq: int) -> bytes:
    """Return the bytes the digest covers for one event."""
    values = [
        event.at.astimezone(datetime.UTC).isoformat()
        if f == "at"
        else str(getattr(event, f) if getattr(event, f) is not None else "")
        for f in FIELDS
    ]
    return "\x1f".join([str(event.pk), str(seq), *values]).encode()


def digest(previous: str, event: AccessEvent, seq: int) -> str:
    """Return the chain digest of ``event`` following ``previous``."""
    key = settings.AUDIT_HMAC_KEY.encode()
    return hmac.new(key, previous.encode() + canonical(event, seq), hashlib.sha256).hexdigest()


@transaction.atomic
def seal(now: datetime.datetime | None = None) -> int:
    """Chain every unsealed event older than the grace period; return how many were sealed."""
    cutoff = (now or timezone.now()) - GRACE
    last = AccessEventSeal.objects.select_for_update().order_by("-seq").first()
    previous, seq = (last.digest, last.seq) if last else (GENESIS, 0)
    pending = AccessEvent.objects.filter(seal__isnull=True, at__lt=cutoff).order_by("pk")
    if last:
        pending = pending.filter(pk__gt=last.event_id)
    seals = []
    for event in pending.iterator(chunk_size=BATCH):
        seq += 1
        previous = digest(previous, event, seq)
        seals.append(AccessEventSeal(event=event, seq=seq, digest=previous))
    AccessEventSeal.objects.bulk_create(seals, batch_size=BATCH)
    return len(seals)


@dataclass(frozen=True)
class Verdict:
    checked: int
    broken_at: int | None = None  # sequence number of the first broken link
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify() -> Verdict:
    """Walk the chain from the start; report the first broken link."""
    previous, expected_seq, checked = GENESIS, 1, 0
    seals = AccessEventSeal.objects.select_related("event").order_by("seq")
    for item in seals.iterator(chunk_size=BATCH):
        if item.seq != expected_seq:
            return Verdict(checked, expected_seq, "missing seal (a sealed event was removed)")
        if not hmac.compare_digest(digest(previous, item.event, item.seq), item.digest):
            return Verdict(checked, item.seq, "digest mismatch (event or seal changed)")
        previous, expected_seq, checked = item.digest, expected_seq + 1, checked + 1
    unsealed_gap = AccessEvent.objects.filter(
        seal__isnull=True, pk__lt=seals.last().event_id if checked else 0
    ).exists()
    if unsealed_gap:
        return Verdict(checked, expected_seq, "an unsealed event sits between sealed ones")
    return Verdict(checked)

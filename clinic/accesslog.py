"""Tamper evidence for the access log: a keyed hash chain (HMAC-SHA256) over every event.

Each seal's digest is HMAC(key, previous digest | the event's fields | its sequence number | the
key's id), so changing, removing or reordering any sealed event breaks every later link.

- **Sealed at write time.** ``write()`` inserts a request's events and seals them in the same
  transaction, under a lock that serialises every writer (PostgreSQL: an advisory transaction
  lock; SQLite: its single writer, ``BEGIN IMMEDIATE``). Event ids are therefore handed out in
  chain order and there is no window in which an event exists unsealed.
- **Verification never seals.** ``verify()`` only reads; an unsealed event is itself a finding.
- **Checkpoints anchor the head.** ``checkpoint()`` signs (sequence, head digest, time) with the
  key; checkpoints are appended to ``AUDIT_CHECKPOINT_FILE`` (beside the backups) and copied into
  every backup manifest, so removing the newest events *and* their seals is detected as
  "the log ends before checkpoint N".
- **Key rotation.** Each seal names its key by id (a fingerprint of the key); old keys stay
  listed in ``AUDIT_HMAC_OLD_KEYS`` so older links keep verifying.

Keys come from the environment and are never stored in the database.
"""

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from clinic.models import AccessEvent, AccessEventSeal

GENESIS = "0" * 64
BATCH = 2000
# Any constant: the advisory lock (PostgreSQL) that serialises writers of the chain.
LOCK_ID = 7513_0001
CHECKPOINT_KIND = "checkpoint"
RESTORE_KIND = "restore"
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


# Keys -------------------------------------------------------------------------------------------


def key_id(key: str) -> str:
    """Return the public id of a key: a short fingerprint that reveals nothing of the key."""
    return hashlib.sha256(b"rugadem-audit-key-id:" + key.encode()).hexdigest()[:16]


def current_key() -> tuple[str, bytes]:
    key = settings.AUDIT_HMAC_KEY
    return key_id(key), key.encode()


def known_keys() -> dict[str, bytes]:
    """Return every key that may have sealed an event, by id (current and retired)."""
    keys = {key_id(key): key.encode() for key in getattr(settings, "AUDIT_HMAC_OLD_KEYS", [])}
    keys.update([current_key()])
    return keys


# Digests ----------------------------------------------------------------------------------------


def canonical(event: AccessEvent, seq: int, kid: str = "") -> bytes:
    """Return the bytes the digest covers for one event."""
    values = [
        event.at.astimezone(datetime.UTC).isoformat()
        if f == "at"
        else str(getattr(event, f) if getattr(event, f) is not None else "")
        for f in FIELDS
    ]
    # Seals made before key ids existed (kid "") keep their original layout.
    extra = [kid] if kid else []
    return "\x1f".join([str(event.pk), str(seq), *values, *extra]).encode()


def digest(previous: str, event: AccessEvent, seq: int, kid: str = "", key: bytes = None) -> str:
    """Return the chain digest of ``event`` following ``previous``."""
    if key is None:
        key = known_keys()[kid] if kid else settings.AUDIT_HMAC_KEY.encode()
    return hmac.new(key, previous.encode() + canonical(event, seq, kid), hashlib.sha256).hexdigest()


# Writing and sealing ----------------------------------------------------------------------------


def _lock() -> None:
    """Serialise chain writers until the end of the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
    # SQLite: the transaction is BEGIN IMMEDIATE (settings), so it already is the only writer.


def _seal(events) -> int:
    """Seal ``events`` after the chain's head, in id order. Lock held."""
    last = AccessEventSeal.objects.order_by("-seq").first()
    previous, seq = (last.digest, last.seq) if last else (GENESIS, 0)
    kid, key = current_key()
    seals = []
    for event in events:
        seq += 1
        previous = digest(previous, event, seq, kid, key)
        seals.append(AccessEventSeal(event=event, seq=seq, digest=previous, key_id=kid))
    AccessEventSeal.objects.bulk_create(seals, batch_size=BATCH)
    return len(seals)


def write(events: list[AccessEvent]) -> None:
    """Insert events and seal them in the same transaction (no unsealed window).

    Under the lock, ids are handed out in chain order, so the new events follow the head. An
    event written around this function is not sealed here: verify reports it.
    """
    if not events:
        return
    # Its own transaction after the view's (the middleware runs outside ATOMIC_REQUESTS); inside
    # a caller's transaction it simply joins it.
    with transaction.atomic(savepoint=False):
        _lock()
        AccessEvent.objects.bulk_create(events)
        _seal(sorted(events, key=lambda event: event.pk))


def seal() -> int:
    """Seal events written around ``write()`` that follow the head, strictly in id order;
    return how many. (None in normal operation; verify reports them until this runs.)"""
    with transaction.atomic():
        _lock()
        last = AccessEventSeal.objects.order_by("-seq").first()
        pending = AccessEvent.objects.filter(seal__isnull=True).order_by("pk")
        if last:
            pending = pending.filter(pk__gt=last.event_id)
        return _seal(list(pending))


# Checkpoints ------------------------------------------------------------------------------------


def _sign(payload: dict, key: bytes) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, b"rugadem-checkpoint:" + body, hashlib.sha256).hexdigest()


def signed(payload: dict) -> dict:
    """Return ``payload`` with the current key's id and signature."""
    kid, key = current_key()
    payload = {**payload, "key_id": kid}
    return {**payload, "signature": _sign(payload, key)}


def signature_ok(entry: dict) -> bool:
    payload = {k: v for k, v in entry.items() if k != "signature"}
    key = known_keys().get(entry.get("key_id", ""))
    return key is not None and hmac.compare_digest(_sign(payload, key), entry.get("signature", ""))


def checkpoint(now=None) -> dict:
    """Return a signed checkpoint of the chain's head: sequence, head digest and time."""
    last = AccessEventSeal.objects.order_by("-seq").first()
    return signed(
        {
            "kind": CHECKPOINT_KIND,
            "seq": last.seq if last else 0,
            "event_id": last.event_id if last else 0,
            "digest": last.digest if last else GENESIS,
            "at": (now or timezone.now()).astimezone(datetime.UTC).isoformat(),
        }
    )


def checkpoint_file() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def append_entry(entry: dict, path: Path | None = None) -> Path:
    """Append one signed entry (checkpoint or restore marker) to the checkpoint file."""
    path = Path(path or checkpoint_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o600)
    return path


def write_checkpoint(path: Path | None = None) -> dict:
    """Seal any stragglers, then append a checkpoint of the head to the checkpoint file."""
    seal()
    entry = checkpoint()
    append_entry(entry, path)
    return entry


def read_entries(path: Path | None = None) -> list[dict]:
    """Return the checkpoint file's entries in order (an absent file has none)."""
    path = Path(path or checkpoint_file())
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                entries.append(json.loads(line))
            except ValueError:
                entries.append({"kind": "unreadable", "line": number})
    return entries


# Verification -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    checked: int
    broken_at: int | None = None  # sequence number of the first broken link
    reason: str = ""
    checkpoints: int = 0  # checkpoints compared with the chain
    notes: list = field(default_factory=list)  # findings that are not a break (e.g. restores)

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.reason


def verify(entries: list[dict] | None = None) -> Verdict:
    """Walk the chain from the start and compare it with the checkpoints; never writes.

    ``entries`` are checkpoint-file entries (default: the configured file). Checkpoints written
    before the last restore marker describe a log that the restore replaced; they are reported
    as notes, not compared.
    """
    entries = read_entries() if entries is None else entries
    notes, current = [], []
    for index, entry in enumerate(entries, 1):
        if entry.get("kind") == RESTORE_KIND and signature_ok(entry):
            notes.append(
                f"restored from the backup of {entry.get('backup_created_at')} at "
                f"{entry.get('at')}: {entry.get('set_aside', 0)} newer events set aside in "
                f"{entry.get('set_aside_file') or '-'}; earlier checkpoints not compared"
            )
            current = []
        else:
            current.append((index, entry))
    wanted = {}
    for index, entry in current:
        if entry.get("kind") != CHECKPOINT_KIND or not signature_ok(entry):
            return Verdict(0, None, f"checkpoint {index} is unreadable or its signature is wrong")
        wanted.setdefault(int(entry["seq"]), []).append((index, entry))

    keys = known_keys()
    previous, expected_seq, checked = GENESIS, 1, 0
    last_event_id = 0
    seals = AccessEventSeal.objects.select_related("event").order_by("seq")
    for item in seals.iterator(chunk_size=BATCH):
        if item.seq != expected_seq:
            return Verdict(checked, expected_seq, "missing seal (a sealed event was removed)")
        key = keys.get(item.key_id) if item.key_id else settings.AUDIT_HMAC_KEY.encode()
        if key is None:
            return Verdict(checked, item.seq, f"unknown key id {item.key_id} (retired key missing)")
        if not hmac.compare_digest(
            digest(previous, item.event, item.seq, item.key_id, key), item.digest
        ):
            return Verdict(checked, item.seq, "digest mismatch (event or seal changed)")
        if item.event_id <= last_event_id:
            return Verdict(checked, item.seq, "events sealed out of id order")
        for index, entry in wanted.pop(item.seq, []):
            if not hmac.compare_digest(entry["digest"], item.digest):
                return Verdict(checked, item.seq, f"the log differs from checkpoint {index}")
        previous, expected_seq, checked = item.digest, expected_seq + 1, checked + 1
        last_event_id = item.event_id
    compared = sum(1 for _i, e in current) - sum(len(v) for v in wanted.values())
    for index, entry in sorted((x for v in wanted.values() for x in v), key=lambda x: x[0]):
        if int(entry["seq"]) == 0:
            compared += 1
            continue
        return Verdict(
            checked,
            checked + 1,
            f"the log ends before checkpoint {index} (of {entry['at']}, sequence "
            f"{entry['seq']}); the chain stops at sequence {checked}: events were removed",
            compared,
            notes,
        )
    unsealed = AccessEvent.objects.filter(seal__isnull=True)
    count = unsealed.count()
    if count:
        first = unsealed.order_by("pk").values_list("pk", flat=True).first()
        return Verdict(
            checked,
            checked + 1,
            f"{count} events are not sealed (first id {first}): written around the log",
            compared,
            notes,
        )
    return Verdict(checked, None, "", compared, notes)

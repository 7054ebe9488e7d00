"""Backups: a consistent online snapshot of the database plus MEDIA_ROOT, with a manifest.

A backup is one folder, ``rugadem-backup-YYYYMMDD-HHMMSS``:

- ``database.sqlite3``: SQLite's online backup API, a consistent copy while the app runs; or
  ``database.pgdump``: ``pg_dump -Fc`` (custom format, one consistent snapshot) for PostgreSQL;
- ``media/``: a copy of MEDIA_ROOT (stored plan PDFs, clinic logos), taken after the database,
  so every file the snapshot refers to is there (stored PDFs are never changed, only added);
- ``manifest.json``: the SHA-256 of every file, the applied migrations and a signed checkpoint
  of the access log's head as it is in the backup (clinic/accesslog.py), which is also
  appended to AUDIT_CHECKPOINT_FILE when the configured database is backed up.

A restore first checks every file against the manifest and refuses a backup that does not
verify, then replaces the database (the backup API into the live SQLite file, or
``pg_restore --clean`` in one transaction) and MEDIA_ROOT. The access log's append-only
triggers are part of the schema, so they come back with it.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from clinic import accesslog

FORMAT = "rugadem-backup"
FORMAT_VERSION = 1
PREFIX = "rugadem-backup-"
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PG_TIMEOUT = 60 * 60  # seconds; a clinic's database dumps in seconds, a group's in minutes
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be made, or a backup does not verify and is not restored."""


def configured_database() -> dict:
    """Return the settings of the database the application uses."""
    return settings.DATABASES["default"]


def vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


# Making a backup -------------------------------------------------------------------------------


def create_backup(
    *, dest: Path, database: dict, media_root: Path, now=None, checkpoint_file=None
) -> Path:
    """Write a backup folder into ``dest`` and return its path."""
    now = now or timezone.now()
    kind = vendor(database)
    final = Path(dest) / f"{PREFIX}{now.astimezone(datetime.UTC):%Y%m%d-%H%M%S}"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    work = final.with_name(f".{final.name}.partial")
    Path(dest).mkdir(parents=True, exist_ok=True)
    work.mkdir(mode=0o700)  # health data: readable by the backup's owner only
    try:
        dump = work / DUMP_NAMES[kind]
        DUMPERS[kind](database, dump)
        copy_media(Path(media_root), work / MEDIA)
        checkpoint = log_checkpoint(database, dump, now)
        write_manifest(
            work,
            kind=kind,
            now=now,
            migrations=applied_migrations(database, dump),
            checkpoint=checkpoint,
        )
        work.rename(final)
        if checkpoint and checkpoint_file:
            accesslog.append_entry(checkpoint, checkpoint_file)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def dump_sqlite(database: dict, out: Path) -> None:
    """Copy the live SQLite database through the online backup API (consistent, no downtime)."""
    source = sqlite_path(database)
    if not source.exists():
        raise BackupError(f"The database file {source} does not exist.")
    with (
        closing(sqlite3.connect(source, timeout=20)) as src,
        closing(sqlite3.connect(out)) as dst,
    ):
        src.backup(dst)
        # A plain rollback-journal file: opening the copy later creates no -wal/-shm files.
        dst.execute("PRAGMA journal_mode=DELETE")
    os.chmod(out, 0o600)


def dump_postgresql(database: dict, out: Path) -> None:
    """Dump the PostgreSQL database with pg_dump in its custom format."""
    _run_pg(["pg_dump", "--format=custom", f"--file={out}", *pg_options(database)], database)
    os.chmod(out, 0o600)


DUMPERS = {"sqlite": dump_sqlite, "postgresql": dump_postgresql}


def copy_media(media_root: Path, target: Path) -> None:
    """Copy MEDIA_ROOT (an empty folder when there is none yet)."""
    if media_root.is_dir():
        shutil.copytree(media_root, target, symlinks=False)
    else:
        target.mkdir()


def write_manifest(folder: Path, *, kind: str, now, migrations: dict, checkpoint=None) -> None:
    files = {
        path.relative_to(folder).as_posix(): sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": now.isoformat(),
        "vendor": kind,
        "database": DUMP_NAMES[kind],
        "migrations": migrations,
        "files": files,
        "access_log_checkpoint": checkpoint,
    }
    target = folder / MANIFEST
    target.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.chmod(target, 0o600)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


LAST_EVENT_SQL = "SELECT max(id) FROM clinic_accessevent"
HEAD_SQL = "SELECT seq, event_id, digest FROM clinic_accesseventseal ORDER BY seq DESC LIMIT 1"


def log_checkpoint(database: dict, dump: Path, now) -> dict | None:
    """Return a signed checkpoint of the access log's head as it is in the backup."""
    try:
        if vendor(database) == "sqlite":
            with closing(_open_readonly(dump)) as db:
                rows = db.execute(HEAD_SQL).fetchall()
                last_id = db.execute(LAST_EVENT_SQL).fetchone()[0]
        else:
            # Read from the dump itself, so the checkpoint describes exactly what it holds.
            rows = _pg_dump_head(dump)
            # Taken after the dump: an event added meanwhile counts as in the backup only if
            # it is; restore may then call one event "newer" that is not: erring on the loud side.
            last_id = _pg_query(database, LAST_EVENT_SQL)[0][0]
    except (sqlite3.Error, BackupError):
        return None  # a database from before the access log: nothing to anchor
    seq, event_id, digest = rows[0] if rows else (0, 0, accesslog.GENESIS)
    return accesslog.signed(
        {
            "kind": accesslog.CHECKPOINT_KIND,
            "seq": seq,
            "event_id": event_id,
            "last_event_id": last_id or 0,
            "digest": digest,
            "at": now.astimezone(datetime.UTC).isoformat(),
        }
    )


def _pg_dump_head(dump: Path) -> list[tuple]:
    """Return the newest seal in a pg_dump custom-format file (its data section, as text)."""
    command = ["pg_restore", "--data-only", "--table=clinic_accesseventseal", "--file=-", str(dump)]
    try:
        # A fixed program with arguments from this module, never through a shell.
        result = subprocess.run(  # noqa: S603
            command,
            check=True,
            capture_output=True,
            timeout=PG_TIMEOUT,
        )
    except (FileNotFoundError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise BackupError(f"pg_restore could not read the dump: {error}") from None
    head, inside = None, False
    for line in result.stdout.decode().splitlines():
        if line.startswith("COPY public.clinic_accesseventseal"):
            columns = line[line.index("(") + 1 : line.index(")")].split(", ")
            inside = True
            continue
        if inside:
            if line == "\\.":
                break
            row = dict(zip(columns, line.split("\t"), strict=False))
            item = (int(row["seq"]), int(row["event_id"]), row["digest"])
            head = item if head is None or item[0] > head[0] else head
    return [head] if head else []


def applied_migrations(database: dict, dump: Path) -> dict[str, list[str]]:
    """Return the migrations applied in the backed-up database, by app."""
    if vendor(database) == "sqlite":
        with closing(_open_readonly(dump)) as db:
            rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    else:
        rows = _pg_query(database, "SELECT app, name FROM django_migrations")
    state: dict[str, list[str]] = {}
    for app, name in sorted(rows):
        state.setdefault(app, []).append(name)
    return state


def prune(dest: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``dest``; return what was deleted."""
    backups = sorted(path for path in Path(dest).glob(f"{PREFIX}*") if (path / MANIFEST).is_file())
    old = backups[:-keep] if keep > 0 else backups
    for path in old:
        shutil.rmtree(path)
    return old


# Checking and restoring --------------------------------------------------------------------


def verify(folder: Path) -> dict:
    """Return the backup's manifest after checking every file's SHA-256; raise BackupError."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        listed = dict(manifest["files"])
        kind = manifest["vendor"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{folder} has no readable manifest ({error}).") from None
    if manifest.get("format") != FORMAT or kind not in DUMP_NAMES:
        raise BackupError(f"{folder} is not a Rugadem backup.")
    present = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    if present != set(listed):
        missing, extra = sorted(set(listed) - present), sorted(present - set(listed))
        raise BackupError(f"Files differ from the manifest: missing {missing}, extra {extra}.")
    if DUMP_NAMES[kind] not in listed:
        raise BackupError("The backup holds no database.")
    for name, digest in listed.items():
        if not _plain(name) or sha256(folder / name) != digest:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def restore_backup(*, folder: Path, database: dict, media_root: Path) -> dict:
    """Replace the database and MEDIA_ROOT with a verified backup; return its manifest."""
    manifest = verify(folder)
    kind = vendor(database)
    if manifest["vendor"] != kind:
        raise BackupError(f"This is a {manifest['vendor']} backup; the database is {kind}.")
    unknown = unknown_migrations(manifest["migrations"])
    if unknown:
        raise BackupError(f"The backup is from a newer version of Rugadem: {unknown[:5]}.")
    RESTORERS[kind](Path(folder) / DUMP_NAMES[kind], database)
    restore_media(Path(folder) / MEDIA, Path(media_root))
    return manifest


def unknown_migrations(state: dict) -> list[str]:
    """Return the backup's applied migrations that this code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in state.items()
        for name in names
        if (app, name) not in known
    ]


def missing_migrations(state: dict) -> list[str]:
    """Return this code's migrations that the backup had not applied (run migrate after)."""
    applied = {(app, name) for app, names in state.items() for name in names}
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(f"{app}.{name}" for app, name in known if (app, name) not in applied)


def newer_events(database: dict, manifest: dict) -> list[dict]:
    """Return the live access log's events that the backup does not hold (lost on restore).

    With the backup's checkpoint and the same chain: every event after its sequence (and any
    unsealed one after its event). Otherwise: every event later than the backup's time.
    """
    checkpoint = manifest.get("access_log_checkpoint") or {}
    try:
        rows = _live_query(
            database,
            "SELECT seq, digest FROM clinic_accesseventseal WHERE seq = %s",
            [checkpoint.get("seq", -1)],
        )
        same_chain = bool(checkpoint) and (
            (rows and rows[0][1] == checkpoint["digest"]) or checkpoint["seq"] == 0
        )
        select = (
            "SELECT e.*, s.seq, s.digest, s.key_id FROM clinic_accessevent e "
            "LEFT JOIN clinic_accesseventseal s ON s.event_id = e.id "
        )
        if same_chain:
            last = checkpoint.get("last_event_id", checkpoint["event_id"])
            where, params = "WHERE e.id > %s", [last]
        else:
            where, params = "WHERE e.at > %s", [manifest["created_at"]]
        return _live_query(database, select + where + " ORDER BY e.id", params, as_dicts=True)
    except (sqlite3.Error, BackupError, ImportError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            return []  # an empty or new database: nothing to lose
        raise BackupError(f"Could not read the live access log: {error}") from None


def _live_query(database: dict, sql: str, params, *, as_dicts=False) -> list:
    if vendor(database) == "sqlite":
        path = sqlite_path(database)
        if not path.exists():
            return []
        with closing(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)) as db:
            cursor = db.execute(sql.replace("%s", "?"), params)
            rows = cursor.fetchall()
            names = [c[0] for c in cursor.description]
    else:
        import psycopg  # noqa: PLC0415 (PostgreSQL only: SQLite installs never load the driver)

        try:
            with psycopg.connect(**_pg_params(database)) as conn:
                cursor = conn.execute(sql, params)
                rows = cursor.fetchall()
                names = [c.name for c in cursor.description]
        except psycopg.Error as error:
            raise BackupError(str(error)) from None
    if as_dicts:
        return [
            {
                k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in zip(names, row, strict=True)
            }
            for row in rows
        ]
    return rows


def restore_sqlite(dump: Path, database: dict) -> None:
    """Copy the snapshot into the live SQLite file through the backup API (one locked step)."""
    with closing(_open_readonly(dump)) as src:
        if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The backed-up database fails SQLite's integrity check.")
        target = sqlite_path(database)
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(target, timeout=20)) as dst:
            src.backup(dst)


def restore_postgresql(dump: Path, database: dict) -> None:
    """Restore the dump over the configured database, all or nothing."""
    options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
    _run_pg(["pg_restore", *options, *pg_options(database), str(dump)], database)


RESTORERS = {"sqlite": restore_sqlite, "postgresql": restore_postgresql}


def restore_media(source: Path, media_root: Path) -> None:
    """Swap MEDIA_ROOT for the backup's copy (copied next to it first, then renamed)."""
    staging = media_root.with_name(media_root.name + ".restoring")
    replaced = media_root.with_name(media_root.name + ".replaced")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    if media_root.exists():
        shutil.rmtree(replaced, ignore_errors=True)
        media_root.rename(replaced)
    staging.rename(media_root)
    shutil.rmtree(replaced, ignore_errors=True)


# Helpers ----------------------------------------------------------------------------------------


def sqlite_path(database: dict) -> Path:
    name = str(database["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("An in-memory database cannot be backed up or restored.")
    return Path(name)


def pg_options(database: dict) -> list[str]:
    """Return pg_dump/pg_restore connection options (the password goes in PGPASSWORD)."""
    options = [
        f"--{flag}={database[key]}"
        for key, flag in (("HOST", "host"), ("PORT", "port"), ("USER", "username"))
        if database.get(key)
    ]
    return [*options, "--no-password", f"--dbname={database['NAME']}"]


def _run_pg(command: list[str], database: dict) -> None:
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    try:
        # A fixed program with arguments from the settings, never through a shell.
        subprocess.run(  # noqa: S603
            command, env=env, check=True, capture_output=True, timeout=PG_TIMEOUT
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.decode(errors='replace')}") from None
    except subprocess.TimeoutExpired:
        raise BackupError(f"{command[0]} took longer than {PG_TIMEOUT} s.") from None


def _pg_params(database: dict) -> dict:
    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
    }
    return {k: v for k, v in params.items() if v}


def _pg_query(database: dict, sql: str) -> list[tuple]:
    import psycopg  # noqa: PLC0415 (PostgreSQL only: SQLite installs never load the driver)

    with psycopg.connect(**_pg_params(database)) as conn:
        return conn.execute(sql).fetchall()


def _open_readonly(path: Path) -> sqlite3.Connection:
    # immutable: no locks and no -wal/-shm files beside a file that must keep its checksum.
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro&immutable=1", uri=True)


def _plain(name: str) -> bool:
    """Return whether a manifest path stays inside the backup folder."""
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts

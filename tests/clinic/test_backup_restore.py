"""Back up, change data, restore, compare: on a SQLite file, and on a scratch PostgreSQL database.

The test database itself is in memory (SQLite) or inside the test's transaction (PostgreSQL),
so these tests back up a database of their own: a SQLite file made from the test database's
schema and rows, or a scratch PostgreSQL database restored from a dump of the test database.
"""

import datetime
import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from clinic import accesslog, backups
from clinic.models import AccessEvent

SQLITE = {"ENGINE": "django.db.backends.sqlite3"}
needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite backups (the PostgreSQL run tests pg_dump)"
)


def table_rows(path: Path) -> list[str]:
    """Return the whole database as SQL statements (schema, rows, triggers)."""
    with closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def live(db, tmp_path, clinic, make_patient, alice):
    """A SQLite file with the app's schema and some data, and a MEDIA_ROOT with a stored PDF."""
    make_patient(clinic, first_name="Anna", last_name="Jansen")
    accesslog.write(
        [AccessEvent(at=timezone.now(), clinic=clinic, user=alice, action="read", outcome="ok")]
    )
    connection.ensure_connection()
    path = tmp_path / "live" / "rugadem.sqlite3"
    path.parent.mkdir()
    with closing(sqlite3.connect(path)) as db_file:
        db_file.executescript("\n".join(connection.connection.iterdump()))
    media = tmp_path / "live" / "media"
    (media / "plans" / "pdf").mkdir(parents=True)
    (media / "plans" / "pdf" / "homeplan-1-v1.pdf").write_bytes(b"%PDF-1.7 plan")
    return {**SQLITE, "NAME": str(path)}, media


def change_everything(database, media):
    with closing(sqlite3.connect(database["NAME"])) as db:
        db.execute("UPDATE patients_patient SET last_name = 'Changed'")
        db.execute("DELETE FROM plans_exercise WHERE clinic_id IS NULL")
        db.commit()
    (media / "plans" / "pdf" / "homeplan-1-v1.pdf").write_bytes(b"overwritten")
    (media / "later.pdf").write_bytes(b"made after the backup")


def back_up(live, tmp_path, **kwargs):
    database, media = live
    return backups.create_backup(
        dest=tmp_path / "backups", database=database, media_root=media, **kwargs
    )


def restore(folder, live):
    database, media = live
    return backups.restore_backup(folder=folder, database=database, media_root=media)


@needs_sqlite
def test_a_backup_holds_the_database_media_and_a_manifest(live, tmp_path):
    folder = back_up(live, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.sqlite3", "media/plans/pdf/homeplan-1-v1.pdf"}
    assert "0005_patient_rights" in manifest["migrations"]["patients"]
    assert folder.stat().st_mode & 0o077 == 0
    assert table_rows(folder / "database.sqlite3") == table_rows(Path(live[0]["NAME"]))


@needs_sqlite
def test_a_restore_brings_back_the_data_and_the_media(live, tmp_path):
    database, media = live
    before_rows, before_media = table_rows(Path(database["NAME"])), media_files(media)
    folder = back_up(live, tmp_path)
    change_everything(database, media)
    assert table_rows(Path(database["NAME"])) != before_rows
    restore(folder, live)
    assert table_rows(Path(database["NAME"])) == before_rows
    assert media_files(media) == before_media


@needs_sqlite
def test_the_access_log_stays_append_only_after_a_restore(live, tmp_path):
    folder = back_up(live, tmp_path)
    restore(folder, live)
    with closing(sqlite3.connect(live[0]["NAME"])) as db, pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE clinic_accessevent SET detail = 'edited'")


@needs_sqlite
def test_a_damaged_backup_is_refused_and_nothing_is_replaced(live, tmp_path):
    database, media = live
    folder = back_up(live, tmp_path)
    change_everything(database, media)
    changed_rows, changed_media = table_rows(Path(database["NAME"])), media_files(media)
    (folder / "media" / "plans" / "pdf" / "homeplan-1-v1.pdf").write_bytes(b"tampered")
    with pytest.raises(backups.BackupError, match="checksum"):
        restore(folder, live)
    assert table_rows(Path(database["NAME"])) == changed_rows
    assert media_files(media) == changed_media


@needs_sqlite
def test_a_missing_or_extra_file_is_refused(live, tmp_path):
    folder = back_up(live, tmp_path)
    (folder / "media" / "extra.pdf").write_bytes(b"not in the manifest")
    with pytest.raises(backups.BackupError, match="extra"):
        backups.verify(folder)


@needs_sqlite
def test_a_backup_from_a_newer_version_is_refused(live, tmp_path):
    folder = back_up(live, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["migrations"]["patients"].append("9999_from_the_future")
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backups.BackupError, match="newer version"):
        restore(folder, live)


@needs_sqlite
def test_old_backups_are_pruned(live, tmp_path):
    made = [
        back_up(live, tmp_path, now=timezone.now() - datetime.timedelta(days=d)) for d in (3, 2, 1)
    ]
    assert backups.prune(tmp_path / "backups", keep=2) == [made[0]]
    assert sorted((tmp_path / "backups").iterdir()) == made[1:]


def test_an_in_memory_database_is_refused(tmp_path):
    with pytest.raises(backups.BackupError, match="in-memory"):
        backups.create_backup(
            dest=tmp_path, database={**SQLITE, "NAME": ":memory:"}, media_root=tmp_path / "media"
        )
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def configured(live, settings, monkeypatch):
    """Point the commands at the SQLite file and its MEDIA_ROOT."""
    database, media = live
    monkeypatch.setattr(backups, "configured_database", lambda: database)
    settings.MEDIA_ROOT = media
    return live


@needs_sqlite
def test_the_commands_back_up_and_restore(configured, tmp_path, capsys):
    database, media = configured
    before = table_rows(Path(database["NAME"]))
    call_command("backup", "--dest", str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    assert str(folder) in capsys.readouterr().out
    change_everything(database, media)
    call_command("restore", str(folder), "--yes")
    assert "Restored" in capsys.readouterr().out
    assert table_rows(Path(database["NAME"])) == before


@needs_sqlite
def test_restore_stops_unless_the_operator_types_yes(configured, tmp_path, monkeypatch):
    database, media = configured
    folder = back_up(configured, tmp_path)
    change_everything(database, media)
    changed = table_rows(Path(database["NAME"]))
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="Not restored"):
        call_command("restore", str(folder))
    assert table_rows(Path(database["NAME"])) == changed


@needs_sqlite
def test_the_restore_command_refuses_a_damaged_backup(configured, tmp_path):
    folder = back_up(configured, tmp_path)
    (folder / "database.sqlite3").write_bytes(b"not a database")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--yes")


def add_live_event(database, detail="after the backup"):
    with closing(sqlite3.connect(database["NAME"])) as db:
        db.execute(
            "INSERT INTO clinic_accessevent (at, role, action, object_type, object_id, outcome, "
            "detail, user_agent, path) VALUES (?, '', 'read', '', '', 'ok', ?, '', '')",
            [timezone.now().isoformat(), detail],
        )
        db.commit()


@needs_sqlite
def test_the_manifest_and_the_checkpoint_file_anchor_the_log(configured, tmp_path):
    call_command("backup", "--dest", str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    checkpoint = json.loads((folder / "manifest.json").read_text())["access_log_checkpoint"]
    assert checkpoint["seq"] == 1 and accesslog.signature_ok(checkpoint)
    assert accesslog.read_entries() == [checkpoint]


@needs_sqlite
def test_restore_refuses_to_drop_events_written_after_the_backup(configured, tmp_path):
    database, media = configured
    folder = back_up(configured, tmp_path)
    add_live_event(database)
    changed = table_rows(Path(database["NAME"]))
    with pytest.raises(CommandError, match="1 events written after this backup"):
        call_command("restore", str(folder), "--yes")
    assert table_rows(Path(database["NAME"])) == changed


@needs_sqlite
def test_restore_sets_newer_events_aside_and_logs_itself(configured, tmp_path, capsys):
    database, media = configured
    folder = back_up(configured, tmp_path)
    add_live_event(database, detail="kept after the restore")
    call_command("restore", str(folder), "--yes", "--set-aside-newer-events")
    captured = capsys.readouterr()
    assert "NOT in the restored database" in captured.err
    (aside,) = accesslog.checkpoint_file().parent.glob("access-log-set-aside-*.json")
    assert [e["detail"] for e in json.loads(aside.read_text())["events"]] == [
        "kept after the restore"
    ]
    marker = next(e for e in accesslog.read_entries() if e["kind"] == "restore")
    assert marker["set_aside"] == 1 and accesslog.signature_ok(marker)
    assert marker["set_aside_sha256"] == backups.sha256(aside)
    # The restore is an event of the (here: the test's) configured database's log.
    assert AccessEvent.objects.filter(action="restore", detail__contains="1 newer").exists()
    verdict = accesslog.verify()
    assert verdict.ok and "restored from the backup" in verdict.notes[0]


# PostgreSQL ------------------------------------------------------------------------------------


def pg_connect(database, **kwargs):
    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, **kwargs)


def pg_rows(database) -> dict:
    """Return every row of every table, in one connection."""
    with pg_connect(database) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for (t,) in tables}


def pg_execute(database, sql):
    with pg_connect(database) as conn:
        conn.execute(sql)


def pg_admin(database, sql):
    with pg_connect({**database, "NAME": "postgres"}, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def scratch_pg(db, tmp_path):
    """A scratch PostgreSQL database with the schema and committed rows of the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore are tested on the PostgreSQL run")
    source = connection.settings_dict
    scratch = {**source, "NAME": f"rugadem_scratch_{uuid.uuid4().hex[:8]}"}
    pg_admin(source, f'CREATE DATABASE "{scratch["NAME"]}"')
    try:
        seed = backups.create_backup(
            dest=tmp_path / "seed", database=source, media_root=tmp_path / "none"
        )
        backups.restore_backup(folder=seed, database=scratch, media_root=tmp_path / "media")
        yield scratch, tmp_path / "media"
    finally:
        pg_admin(source, f'DROP DATABASE IF EXISTS "{scratch["NAME"]}" WITH (FORCE)')


def test_postgresql_backup_change_restore_compare(scratch_pg, tmp_path):
    database, media = scratch_pg
    pg_execute(
        database,
        "UPDATE plans_exercise SET name_nl = 'Voor de back-up' "
        "WHERE id = (SELECT min(id) FROM plans_exercise)",
    )
    before = pg_rows(database)
    folder = backups.create_backup(dest=tmp_path / "backups", database=database, media_root=media)
    pg_execute(database, "DELETE FROM plans_exercise")
    assert pg_rows(database) != before
    backups.restore_backup(folder=folder, database=database, media_root=media)
    assert pg_rows(database) == before
    with pytest.raises(psycopg.Error, match="append-only"):
        pg_execute(database, "UPDATE clinic_accessevent SET detail = 'edited'")

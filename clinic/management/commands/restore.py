import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django.utils import timezone

from clinic import accesslog, backups
from clinic.models import AccessEvent


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: check every checksum, then replace the "
        "database and MEDIA_ROOT. Stop the application first. Refuses when the live access log "
        "holds events the backup lacks, unless they are set aside in a file; the restore itself "
        "is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup folder.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--set-aside-newer-events",
            action="store_true",
            help=(
                "Restore even though the live access log has events written after the backup: "
                "they are saved to a file beside the checkpoint file first, and the restored log "
                "records how many there were and where they are."
            ),
        )

    def handle(self, *args, path, yes, set_aside_newer_events=False, **options):
        database = backups.configured_database()
        try:
            manifest = backups.verify(path)
            newer = backups.newer_events(database, manifest)
        except backups.BackupError as error:
            raise CommandError(f"Not restored: {error}") from None
        self.stdout.write(f"Backup of {manifest['created_at']} verified.")
        if newer and not set_aside_newer_events:
            raise CommandError(
                f"Not restored: the live access log holds {len(newer)} events written after this "
                f"backup (the first at {newer[0]['at']}). A restore would drop them. Run again "
                "with --set-aside-newer-events to save them to a file and record the gap."
            )
        if not yes and not self.confirmed(database, len(newer)):
            raise CommandError("Not restored.")
        set_aside = self.set_aside(newer, manifest) if newer else None
        # This process's own connection must not hold the database while it is replaced.
        for connection in connections.all(initialized_only=True):
            if connection.settings_dict["NAME"] == database["NAME"]:
                connection.close()
        try:
            backups.restore_backup(
                folder=path, database=database, media_root=Path(settings.MEDIA_ROOT)
            )
        except backups.BackupError as error:
            raise CommandError(f"Not restored: {error}") from None
        self.stdout.write(f"Restored database {database['NAME']} and {settings.MEDIA_ROOT}.")
        self.record(manifest, path, newer, set_aside)
        missing = backups.missing_migrations(manifest["migrations"])
        if missing:
            self.stdout.write(f"Run `manage.py migrate` next: {len(missing)} migrations are newer.")

    def set_aside(self, newer: list[dict], manifest: dict) -> Path:
        """Save the events the restore drops to a file beside the checkpoint file."""
        stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        target = accesslog.checkpoint_file().with_name(f"access-log-set-aside-{stamp}.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        document = {"backup_created_at": manifest["created_at"], "events": newer}
        target.write_text(json.dumps(document, indent=1, sort_keys=True, default=str))
        os.chmod(target, 0o600)
        self.stderr.write(
            self.style.WARNING(
                f"{len(newer)} access events written after the backup are NOT in the restored "
                f"database. They are kept in {target}."
            )
        )
        return target

    def record(self, manifest: dict, path: Path, newer: list, set_aside: Path | None) -> None:
        """Log the restore in the restored access log and in the checkpoint file."""
        detail = f"backup {manifest['created_at']}; {len(newer)} newer events set aside"
        marker = accesslog.signed(
            {
                "kind": accesslog.RESTORE_KIND,
                "at": timezone.now().astimezone(datetime.UTC).isoformat(),
                "backup": str(path),
                "backup_created_at": manifest["created_at"],
                "set_aside": len(newer),
                "set_aside_file": str(set_aside) if set_aside else "",
                "set_aside_sha256": backups.sha256(set_aside) if set_aside else "",
            }
        )
        accesslog.append_entry(marker)
        event = AccessEvent(
            at=timezone.now(),
            action=AccessEvent.Action.RESTORE,
            outcome=AccessEvent.Outcome.OK,
            detail=detail[:200],
            object_type="backup",
            path=str(set_aside or "")[:300],
        )
        try:
            accesslog.write([event])
            accesslog.append_entry(accesslog.checkpoint())
        except DatabaseError as error:
            self.stderr.write(
                self.style.WARNING(
                    f"The restore could not be logged in the database ({error}); run "
                    "`manage.py migrate`, then `manage.py seal_access_log`. It is recorded in "
                    f"{accesslog.checkpoint_file()}."
                )
            )
        else:
            self.stdout.write("The restore is recorded in the access log.")

    def confirmed(self, database, newer: int) -> bool:
        lost = f" {newer} newer access events are set aside." if newer else ""
        question = (
            f"This replaces database {database['NAME']} and {settings.MEDIA_ROOT} with the "
            f"backup. Everything since the backup is lost.{lost} Type 'yes' to go on: "
        )
        try:
            return input(question).strip().lower() == "yes"
        except EOFError:
            return False

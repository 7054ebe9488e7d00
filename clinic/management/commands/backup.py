from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic import accesslog, backups

DEFAULT_DEST = Path(settings.BASE_DIR) / "var" / "backups"


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and MEDIA_ROOT into a "
        "timestamped folder with a manifest of checksums. Safe while the app runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dest", type=Path, default=DEFAULT_DEST, help=f"Folder for backups ({DEFAULT_DEST})."
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="Afterwards keep only the newest N backups."
        )

    def handle(self, *args, dest, keep, **options):
        if keep < 0:
            raise CommandError("--keep cannot be negative.")
        try:
            folder = backups.create_backup(
                dest=dest,
                database=backups.configured_database(),
                media_root=Path(settings.MEDIA_ROOT),
                checkpoint_file=accesslog.checkpoint_file(),
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written to {folder}")
        for old in backups.prune(dest, keep=keep) if keep else []:
            self.stdout.write(f"Deleted old backup {old}")

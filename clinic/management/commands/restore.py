from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from clinic import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: check every checksum, then replace the "
        "database and MEDIA_ROOT. Stop the application first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup folder.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path, yes, **options):
        database = backups.configured_database()
        try:
            manifest = backups.verify(path)
        except backups.BackupError as error:
            raise CommandError(f"Not restored: {error}") from None
        self.stdout.write(f"Backup of {manifest['created_at']} verified.")
        if not yes and not self.confirmed(database):
            raise CommandError("Not restored.")
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
        missing = backups.missing_migrations(manifest["migrations"])
        if missing:
            self.stdout.write(f"Run `manage.py migrate` next: {len(missing)} migrations are newer.")

    def confirmed(self, database) -> bool:
        question = (
            f"This replaces database {database['NAME']} and {settings.MEDIA_ROOT} with the "
            "backup. Everything since the backup is lost. Type 'yes' to go on: "
        )
        try:
            return input(question).strip().lower() == "yes"
        except EOFError:
            return False

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinic import accesslog, backups


class Command(BaseCommand):
    help = (
        "Verify the access log's hash chain against the signed checkpoints and report the first "
        "break. Only reads: it never seals."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint-file",
            action="append",
            default=None,
            help="Checkpoint file(s) to compare with (default: AUDIT_CHECKPOINT_FILE).",
        )
        parser.add_argument(
            "--backup",
            action="append",
            type=Path,
            default=[],
            help="Also compare with the checkpoint in this backup's manifest (repeatable).",
        )

    def handle(self, *args, checkpoint_file=None, backup=(), **options):
        files = checkpoint_file or [None]
        entries = [entry for path in files for entry in accesslog.read_entries(path)]
        for folder in backup:
            try:
                manifest = json.loads((Path(folder) / backups.MANIFEST).read_text())
            except (OSError, ValueError) as error:
                raise CommandError(f"{folder}: no readable manifest ({error}).") from None
            if manifest.get("access_log_checkpoint"):
                entries.append(manifest["access_log_checkpoint"])
        verdict = accesslog.verify(entries)
        for note in verdict.notes:
            self.stdout.write(f"Note: {note}")
        if not verdict.ok:
            raise CommandError(
                f"Access log chain broken at sequence {verdict.broken_at}: "
                f"{verdict.reason} ({verdict.checked} links intact before it)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Access log intact: {verdict.checked} links, "
                f"{verdict.checkpoints} checkpoints matched."
            )
        )

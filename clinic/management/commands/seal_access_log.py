from django.core.management.base import BaseCommand

from clinic import accesslog


class Command(BaseCommand):
    help = (
        "Seal any access event written around the application (none in normal operation) and "
        "append a signed checkpoint of the log's head to AUDIT_CHECKPOINT_FILE (run every few "
        "minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint-file", default=None, help="Checkpoint file (AUDIT_CHECKPOINT_FILE)."
        )

    def handle(self, *args, checkpoint_file=None, **options):
        sealed = accesslog.seal()
        entry = accesslog.checkpoint()
        path = accesslog.append_entry(entry, checkpoint_file)
        self.stdout.write(
            f"Sealed {sealed} access events; checkpoint at sequence {entry['seq']} written to "
            f"{path}."
        )

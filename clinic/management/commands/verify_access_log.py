from django.core.management.base import BaseCommand, CommandError

from clinic import accesslog


class Command(BaseCommand):
    help = "Verify the access log's hash chain and report the first broken link."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seal",
            action="store_true",
            help="Verify only what is sealed; do not seal new events first.",
        )

    def handle(self, *args, no_seal=False, **options):
        if not no_seal:
            accesslog.seal()
        verdict = accesslog.verify()
        if not verdict.ok:
            raise CommandError(
                f"Access log chain broken at sequence {verdict.broken_at}: "
                f"{verdict.reason} ({verdict.checked} links intact before it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Access log intact: {verdict.checked} links."))

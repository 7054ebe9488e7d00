from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from patients.rights import services as rights

# The legal retention of a medical record (WGBO): 20 years after the last treatment. Before
# that the identifiable record must be kept, unless the clinic keeps it in another system.
DEFAULT_DAYS = rights.RETENTION_YEARS * 365 + 5


class Command(BaseCommand):
    help = (
        "Anonymise patients whose episodes are all closed, the last one more than N days ago: "
        "names, date of birth (to 1 July), contact details, free text and record history go; "
        "measurements stay for statistics. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Days since the last episode was closed (default {DEFAULT_DAYS}).",
        )

    def handle(self, *args, older_than_days, **options):
        if older_than_days < 0:
            raise CommandError("--older-than-days cannot be negative.")
        # Deliberately across every clinic: this is the clinics' scheduled housekeeping.
        with scopes_disabled():
            done = rights.anonymise_closed_episodes(older_than_days=older_than_days)
        self.stdout.write(f"Anonymised {len(done)} patients.")

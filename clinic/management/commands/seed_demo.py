"""Create (or refresh) a demo clinic with staff; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from clinic.models import Clinic, Therapist
from patients import demo as patients_demo
from patients.progress import demo as demo_progress
from plans import demo as plans_demo
from plans.models import HomePlan
from plans.pdf import store_missing

DEMO_PASSWORD = "rugadem-demo-2026"
DEMO_CLINIC = "Fysiotherapie De Adem (demo)"
DEMO_STAFF = (
    ("admin@demo.rugadem.test", "Anna", "de Vries", Therapist.Role.ADMIN),
    ("bram@demo.rugadem.test", "Bram", "Jansen", Therapist.Role.THERAPIST),
    ("carla@demo.rugadem.test", "Carla", "Bakker", Therapist.Role.THERAPIST),
)


class Command(BaseCommand):
    help = "Create a demo clinic with an admin and two therapists (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a real clinic's data).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with known passwords; it refuses to "
                "run with DEBUG off. Use --force if you really mean it."
            )
        with transaction.atomic():
            clinic = self.seed_clinic()
            staff = [self.seed_user(clinic, *row) for row in DEMO_STAFF]
            self.extend(clinic, staff)
        self.print_sign_in()

    def seed_clinic(self) -> Clinic:
        clinic, _ = Clinic.objects.update_or_create(
            name=DEMO_CLINIC,
            defaults={
                "address": "Ademstraat 1\n1234 AB Utrecht",
                "phone": "030 123 45 67",
                "email": "praktijk@demo.rugadem.test",
            },
        )
        return clinic

    def seed_user(self, clinic, email, first_name, last_name, role) -> Therapist:
        user, created = Therapist.objects.get_or_create(
            email=email,
            defaults={
                "clinic": clinic,
                "first_name": first_name,
                "last_name": last_name,
                "role": role,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def extend(self, clinic, staff) -> None:
        """Add patients, intakes, screenings and plans, so a newcomer sees a living clinic."""
        episodes = patients_demo.seed(clinic=clinic, staff=staff, stdout=self.stdout)
        plans_demo.seed(clinic=clinic, staff=staff, episodes=episodes, stdout=self.stdout)
        self.store_pdfs(clinic)
        demo_progress.seed(clinic, staff, episodes, stdout=self.stdout)

    def store_pdfs(self, clinic) -> None:
        """Render and store the PDF of every issued demo plan, as the first download would."""
        with scope(clinic=clinic.pk):
            stored = store_missing(HomePlan.objects.issued())
        self.stdout.write(f"  {stored} plan PDFs stored")

    def print_sign_in(self) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo clinic ready. Sign in at http://127.0.0.1:8000/")
        )
        for email, first_name, _last, role in DEMO_STAFF:
            self.stdout.write(f"  {email:<28} {DEMO_PASSWORD}   ({role}, {first_name})")

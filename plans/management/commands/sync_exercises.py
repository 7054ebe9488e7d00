"""Bring the built-in exercises in line with the library; clinic copies are left alone."""

from django.core.management.base import BaseCommand
from django.db import transaction

from plans.models import Exercise
from plans.sync import builtin_specs, sync_builtins


class Command(BaseCommand):
    help = "Create or update the built-in exercises from the library (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = sync_builtins(Exercise, builtin_specs())
        self.stdout.write(
            f"Built-in exercises: {len(result.created)} created, {len(result.updated)} updated, "
            f"{result.unchanged} unchanged."
        )

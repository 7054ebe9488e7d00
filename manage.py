#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    # After DJANGO_SETTINGS_MODULE is set, as Django's own manage.py does.
    from django.conf import settings  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings now, to report a refusal plainly
    except ImproperlyConfigured as exc:
        sys.exit(f"Rugadem will not start: {exc}\nSee .env.example for the variables.")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

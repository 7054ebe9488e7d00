"""WSGI entry point; imports WeasyPrint at start-up so the first PDF request is not slow."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()

# Loading WeasyPrint and the fonts takes about a second: do it when the worker starts.
import plans.pdf  # noqa: E402, F401

"""Refuse configurations that would be unsafe in production; used by settings at import time."""

from django.core.exceptions import ImproperlyConfigured

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1", "testserver"})
DEV_SECRET_KEY = "django-insecure-rugadem-development-only"


def check_configuration(*, debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
    """Raise ImproperlyConfigured when the settings are unsafe for where they point."""
    if not debug and (not secret_key or secret_key == DEV_SECRET_KEY):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value when DEBUG is off."
        )
    if not debug and len(secret_key) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
    public = [host for host in allowed_hosts if host not in LOCAL_HOSTS]
    if debug and public:
        # Debug pages leak settings and patient data in tracebacks: never on a public host.
        raise ImproperlyConfigured(
            "DEBUG must be off when ALLOWED_HOSTS names a public host: " + ", ".join(public)
        )

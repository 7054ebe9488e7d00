"""Refuse configurations that would be unsafe in production; used by settings at import time."""

from django.core.exceptions import ImproperlyConfigured

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1", "testserver"})
DEV_SECRET_KEY = "django-insecure-rugadem-development-only"
DEV_AUDIT_KEY = "rugadem-development-audit-key-only"
MIN_AUDIT_KEY = 32


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


def check_audit_key(*, debug: bool, audit_key: str, secret_key: str) -> None:
    """Raise ImproperlyConfigured unless the access log has its own key when DEBUG is off."""
    if debug:
        return
    if not audit_key or audit_key == DEV_AUDIT_KEY:
        raise ImproperlyConfigured(
            "AUDIT_HMAC_KEY must be set to a long random value when DEBUG is off."
        )
    if len(audit_key) < MIN_AUDIT_KEY:
        raise ImproperlyConfigured(f"AUDIT_HMAC_KEY must be at least {MIN_AUDIT_KEY} characters.")
    if audit_key == secret_key:
        raise ImproperlyConfigured("AUDIT_HMAC_KEY must differ from SECRET_KEY.")

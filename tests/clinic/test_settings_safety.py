import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.safety import DEV_AUDIT_KEY, DEV_SECRET_KEY, check_audit_key, check_configuration

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "s" * 60
AUDIT_KEY = "audit-" + "a" * 40


def test_it_refuses_production_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        check_configuration(debug=False, secret_key="", allowed_hosts=["rugadem.example"])


def test_it_refuses_the_development_key_in_production():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        check_configuration(debug=False, secret_key=DEV_SECRET_KEY, allowed_hosts=[])


def test_it_refuses_a_short_secret_key():
    with pytest.raises(ImproperlyConfigured, match="50 characters"):
        check_configuration(debug=False, secret_key="short", allowed_hosts=[])


def test_it_refuses_debug_on_a_public_host():
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        check_configuration(debug=True, secret_key="", allowed_hosts=["rugadem.example"])


def test_it_allows_debug_on_localhost():
    check_configuration(debug=True, secret_key="", allowed_hosts=["localhost", "127.0.0.1"])


def test_it_allows_a_safe_production_configuration():
    check_configuration(debug=False, secret_key=STRONG_KEY, allowed_hosts=["rugadem.example"])


def run_manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DATABASE_URL",
            "AUDIT_HMAC_KEY",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="clinic.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_settings_module_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_passes_with_production_like_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=STRONG_KEY,
        AUDIT_HMAC_KEY=AUDIT_KEY,
        ALLOWED_HOSTS="rugadem.example",
    )
    assert result.returncode == 0, result.stderr


def test_a_malformed_value_fails_loudly():
    result = run_manage(
        "check",
        DEBUG="0",
        SECRET_KEY=STRONG_KEY,
        AUDIT_HMAC_KEY=AUDIT_KEY,
        SESSION_COOKIE_AGE="soon",
    )
    assert result.returncode != 0
    assert "invalid literal" in result.stderr or "ImproperlyConfigured" in result.stderr


def test_a_fresh_clone_starts_in_development_mode_without_any_variable():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_a_public_host_turns_debug_off_and_then_needs_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="rugadem.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("audit_key", "message"),
    [
        ("", "AUDIT_HMAC_KEY must be set"),
        (DEV_AUDIT_KEY, "AUDIT_HMAC_KEY must be set"),
        ("short", "at least 32"),
        (STRONG_KEY, "differ from SECRET_KEY"),
    ],
)
def test_production_needs_its_own_audit_key(audit_key, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        check_audit_key(debug=False, audit_key=audit_key, secret_key=STRONG_KEY)


def test_the_audit_key_is_not_derived_from_the_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="rugadem.example")
    assert result.returncode != 0
    assert "AUDIT_HMAC_KEY must be set" in result.stderr

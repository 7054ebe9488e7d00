"""Rugadem settings: one module, driven by environment variables (see .env.example).

Malformed values fail loudly at start-up; the defaults give a working development setup on
SQLite right after a clone.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from clinic.safety import (
    DEV_AUDIT_KEY,
    DEV_SECRET_KEY,
    LOCAL_HOSTS,
    check_audit_key,
    check_configuration,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# A fresh clone serves only this machine, so it works in development mode without any
# variable; as soon as a public host is configured, DEBUG defaults to off (and may not be on).
DEBUG = env.bool("DEBUG", default=all(host in LOCAL_HOSTS for host in ALLOWED_HOSTS))
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
check_configuration(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)

INSTALLED_APPS = [
    "clinic",
    "patients",
    "plans",
    "clinic.apps.RugademAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "clinic.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "clinic.reauth.SecondFactorReauthenticationMiddleware",
    "clinic.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "clinic.middleware.SessionTimeoutMiddleware",
    "patients.screening.selfentry.SelfEntryLockMiddleware",
    "clinic.middleware.MfaEnrolmentMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "clinic.audit.AccessLogMiddleware",
    "clinic.middleware.ClinicScopeMiddleware",
    # Innermost: marks the view of a GET so its SQLite transaction reads without the write lock.
    "clinic.dbmode.ReadRequestMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not env.str("DATABASE_URL", default=""):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rugadem.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    # clinic.db.sqlite3: write transactions IMMEDIATE, a GET's transaction DEFERRED (dbmode).
    DATABASES["default"]["ENGINE"] = "clinic.db.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # JIT compilation cost the dashboard's outcome query 4 s for 0.4 s of work (bench/PROFILING.md).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
    # DB_POOL_MAX > 0: each app process keeps a psycopg connection pool of at most that many
    # connections (Django's pool support; persistent connections are then off). Behind
    # PgBouncer in transaction mode leave it 0 and set DISABLE_SERVER_SIDE_CURSORS.
    if env.int("DB_POOL_MAX", default=0) > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": env.int("DB_POOL_MAX"),
            "timeout": env.int("DB_POOL_TIMEOUT", default=10),
        }
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DISABLE_SERVER_SIDE_CURSORS", default=False
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The rate limits of sign-in live in the cache, so it must be shared by every app process:
# the database cache by default, Redis or Memcached through CACHE_URL.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://rugadem_cache")}

# Background tasks (Django's Tasks API, django-tasks backport): printed plans are rendered by
# workers, never in a web request. Default: the database queue, run by `manage.py db_worker`
# (no extra server). Larger clinics: TASKS_REDIS_URL puts the queue in Redis, run by
# `manage.py rqworker default --job-class django_tasks_rq.Job` (README, "Production notes").
TASKS_REDIS_URL = env.str("TASKS_REDIS_URL", default="")
if TASKS_REDIS_URL:
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 300}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "clinic.Therapist"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: staff accounts are made by the clinic, so there is no public sign-up.
ACCOUNT_ADAPTER = "clinic.adapters.ClinicAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: per address, and per account (the "key" is the e-mail address).
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="20/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Behind a reverse proxy every request comes from the proxy's address. Name how many proxies
# you run (each appends to X-Forwarded-For) or the header your proxy sets with the client's
# address; both default to off, which trusts no forwarded header. Used by the sign-in rate
# limits and the access log alike (clinic/audit.py client_ip).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rugadem"
MFA_PASSKEY_LOGIN_ENABLED = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Rugadem's catalogue first, then its Dutch for allauth's pages (see locale_allauth/...).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development WhiteNoise serves straight from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Stored PDFs and logos: the local MEDIA_ROOT, or an S3-compatible bucket (several app hosts
# share it) through django-storages when S3_BUCKET is set. Credentials come from boto3's usual
# environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the host's role; files stay
# private (no public ACL), and the app reads them itself, so no URL of a bucket is handed out.
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if env.str("S3_BUCKET", default=""):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "location": env.str("S3_PREFIX", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rugadem@localhost")

# Security: cookies and transport. Off in DEBUG so the development server works over http.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The access log's hash chain key (clinic/accesslog.py): required when DEBUG is off, never
# derived from SECRET_KEY. After a rotation the retired keys stay in AUDIT_HMAC_OLD_KEYS
# (comma-separated) so that older seals keep verifying; each seal names its key by id.
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", default="") or (DEV_AUDIT_KEY if DEBUG else "")
AUDIT_HMAC_OLD_KEYS = [key for key in env.list("AUDIT_HMAC_OLD_KEYS", default=[]) if key]
check_audit_key(debug=DEBUG, audit_key=AUDIT_HMAC_KEY, secret_key=SECRET_KEY)
# Signed checkpoints of the access log's head, outside the database (beside the backups).
AUDIT_CHECKPOINT_FILE = Path(
    env.str("AUDIT_CHECKPOINT_FILE", default="")
    or VAR_DIR / "backups" / "access-log-checkpoints.jsonl"
)

# Content-Security-Policy: everything from this origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# Sessions end after this much inactivity (a clinic can set a shorter or longer time) and,
# whatever the activity, SESSION_COOKIE_AGE after signing in.
IDLE_TIMEOUT_MINUTES_DEFAULT = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every layout step at INFO; only its warnings matter here.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

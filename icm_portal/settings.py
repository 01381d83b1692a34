"""Settings for ICM Portal, read from the environment in this one place.

With no environment at all the portal runs on its embedded default (SQLite, tasks in-process, mail to the
console, DEBUG on). ``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL`` and ``DEBUG=0`` give the production shape.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def _required(name):
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG=0.")
    return value


try:
    DEBUG = env.bool("DEBUG", default=True)
except ValueError as exc:  # pragma: no cover - message path only
    raise ImproperlyConfigured(f"DEBUG must be 0 or 1: {exc}") from exc

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-not-for-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_ratelimit",
    "icm_portal",
    "icm_portal.outbox",
    "mobilities",
    "projects",
    "applications",
    "agency",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "icm_portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "icm_portal.urls"

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
                "icm_portal.roles.role_context",
            ],
        },
    },
]

WSGI_APPLICATION = "icm_portal.wsgi.application"

# Database: SQLite file by default, anything django-environ understands otherwise.
_database_url = env.str("DATABASE_URL", default="")
if _database_url:
    try:
        _db = environ.Env.db_url_config(_database_url)
    except Exception as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed ({exc}).") from exc
    if not _db.get("ENGINE", "").startswith("django.db.backends."):
        raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {_database_url.split(':', 1)[0]!r}.")
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "db.sqlite3")}
# Production keeps each connection a minute, checked before use: a restarted PostgreSQL costs a reconnect.
_db.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if DEBUG else 60))
_db.setdefault("CONN_HEALTH_CHECKS", True)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker (kombu's transport mended in icm_portal/broker.py so that a worker survives Redis
# going away) and the cache (rate limits, sessions, public pages). Without it, tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Redis down or hung is a cache miss after half a second at most, logged, never an error page.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # also in the database: a restart signs nobody out
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_BROKER_TRANSPORT = "icm_portal.broker:Transport" if REDIS_URL else None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits for Redis however long it is down
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {}  # the periodic tasks, all set below (the outbox's sweep and daily digests)

# Outbox (icm_portal/outbox, see docs/notifications.md): retries, sweep, digest, IR contacts fallback.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
OUTBOX_RETRY_BASE_SECONDS = env.float("OUTBOX_RETRY_BASE_SECONDS", default=30.0)
OUTBOX_RETRY_MAX_SECONDS = env.float("OUTBOX_RETRY_MAX_SECONDS", default=3600.0)
OUTBOX_SWEEP_GRACE_SECONDS = env.float("OUTBOX_SWEEP_GRACE_SECONDS", default=120.0)
# A row left 'sending' (its worker killed mid-send) is queued again by the sweep after the timeout,
# so within timeout + sweep period. A living worker's attempt stops at 0.8 × the send time limit
# and its process is killed at the limit; the timeout exceeds it, so nothing is sent twice.
OUTBOX_SENDING_TIMEOUT_SECONDS = env.float("OUTBOX_SENDING_TIMEOUT_SECONDS", default=120.0)
OUTBOX_SEND_TIME_LIMIT_SECONDS = env.float("OUTBOX_SEND_TIME_LIMIT_SECONDS", default=60.0)
OUTBOX_SWEEP_PERIOD_SECONDS = env.float("OUTBOX_SWEEP_PERIOD_SECONDS", default=60.0)
CELERY_TASK_ANNOTATIONS = {
    "icm_portal.outbox.tasks.send_message": {
        "soft_time_limit": OUTBOX_SEND_TIME_LIMIT_SECONDS * 0.8,
        "time_limit": OUTBOX_SEND_TIME_LIMIT_SECONDS,
    }
}
OUTBOX_SWEEP_BATCH = env.int("OUTBOX_SWEEP_BATCH", default=5000)
IR_CONTACT_EMAILS = env.list("IR_CONTACT_EMAILS", default=[])
# A worker keeps its database connection for this many tasks (Celery closes it after each task otherwise).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {
    "task": "icm_portal.outbox.tasks.sweep_outbox",
    "schedule": OUTBOX_SWEEP_PERIOD_SECONDS,
}
CELERY_BEAT_SCHEDULE["outbox-daily-digests"] = {
    "task": "icm_portal.outbox.tasks.send_daily_digests",
    "schedule": crontab(hour=7, minute=0),  # CELERY_TIMEZONE: Europe/Amsterdam
}

# Mail: printed to the console by default; EMAIL_URL (smtp://user:pass@host:port) otherwise.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ICM Portal <icm-portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in throttling (django-axes, icm_portal/login_throttle.py): kept in the database, so it holds without Redis.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOL_OFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "icm_portal.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "icm_portal.login_throttle.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful log-in: only failures, while they count
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
FORMAT_MODULE_PATH = ["icm_portal.formats"]  # one date and one date-time format per language
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: PDF letters and the like, bounded in size.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Rate limits (django-ratelimit) count per client address in the cache and let requests through
# when it cannot answer. Behind a proxy, the proxy must pass the client's address on as REMOTE_ADDR.
RATELIMIT_FAIL_OPEN = True
REGISTRATION_RATE_LIMIT = (env.int("REGISTRATION_RATE_LIMIT_POSTS", default=30), 600)  # a campus shares one address
SILENCED_SYSTEM_CHECKS = []
if not REDIS_URL:
    # The embedded default is one process, whose memory is a fine place to count.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# Personal data kept for registrations, in days, before anonymisation.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=730)
# Registrations wait for a confirmed address (applications/confirmation.py): the link's life, mails per address an hour.
REGISTRATION_CONFIRMATION_HOURS = env.int("REGISTRATION_CONFIRMATION_HOURS", default=48)
REGISTRATION_CONFIRMATIONS_PER_HOUR = env.int("REGISTRATION_CONFIRMATIONS_PER_HOUR", default=3)

# A strict Content-Security-Policy (django-csp): the portal's own files only, no inline script or
# style (behaviour lives in static JS hooked by data- attributes); Bootstrap's icons are data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY_OFF = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Off only for the demo on this machine over plain HTTP (scripts/demo.env).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole domain to HTTPS for good: each deployment opts in.
        SILENCED_SYSTEM_CHECKS += ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # axes logs every successful log-in at INFO; its lock-outs come at WARNING.
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

"""Wegweiser settings. Every value comes from the environment with a safe default.

See README.md and .env.example for the full list of variables.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("WEGWEISER_DEBUG", False)
# A development key is only acceptable while DEBUG is on; production must set its own.
SECRET_KEY = os.environ.get("WEGWEISER_SECRET_KEY") or (
    "dev-insecure-wegweiser-key-change-me" if DEBUG or os.environ.get("WEGWEISER_ALLOW_DEV_KEY") else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set WEGWEISER_SECRET_KEY (or WEGWEISER_DEBUG=1 for local development).")

# Old keys after a rotation: signed values and recovery-code digests made with them stay valid.
SECRET_KEY_FALLBACKS = env_list("WEGWEISER_SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("WEGWEISER_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("WEGWEISER_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "wegweiser.accounts",
    "wegweiser.audit",
    "wegweiser.taxonomy",
    "wegweiser.matching",
    "wegweiser.participants",
    "wegweiser.selfservice",
    "wegweiser.interests",
    "wegweiser.programmes",
    "wegweiser.recommendations",
    "wegweiser.plans",
    "wegweiser.partners",
    "wegweiser.reporting",
    "wegweiser.api",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wegweiser.retention",
    "wegweiser.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wegweiser.accounts.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "wegweiser.audit.middleware.RequestContextMiddleware",
    "wegweiser.accounts.middleware.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wegweiser" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wegweiser.accounts.context_processors.staff_languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'wegweiser.sqlite3'}",
        conn_max_age=env_int("WEGWEISER_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while the background worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "participants:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
# django-axes checks every password login first (lockout), then Django's model backend authenticates.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after 30 idle minutes: every request renews the cookie.
SESSION_COOKIE_AGE = env_int("WEGWEISER_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor authentication (TOTP + recovery codes, django-otp) for every staff account. Production needs it;
# with DEBUG it defaults to off so the demo logins stay one step (WEGWEISER_REQUIRE_2FA=1 turns it on).
WEGWEISER_REQUIRE_2FA = env_bool("WEGWEISER_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Wegweiser"
# Login lockout (django-axes): this many failed logins for one username from one IP address lock that
# combination for this many minutes. Admins can lift a lockout on the accounts page.
WEGWEISER_LOGIN_FAILURE_LIMIT = env_int("WEGWEISER_LOGIN_FAILURE_LIMIT", 5)
WEGWEISER_LOGIN_LOCKOUT_MINUTES = env_int("WEGWEISER_LOGIN_LOCKOUT_MINUTES", 15)
AXES_FAILURE_LIMIT = WEGWEISER_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=WEGWEISER_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused (and audited) but do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "wegweiser.accounts.views.lockout_response"
# Successful logins are in the audit log already; axes keeps only the failure counters.
AXES_DISABLE_ACCESS_LOG = True
# The failure counter keeps the posted form; these values are masked there (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_ENABLE_ADMIN = False
# Same client address as the audit log: REMOTE_ADDR only (X-Forwarded-For is client-controlled).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

LANGUAGE_CODE = "de"
# Staff screens: German and English. Participant self-service adds the caseload's languages.
WEGWEISER_STAFF_LANGUAGES = ["de", "en"]
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی / دری"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("ti", "ትግርኛ"),
]
LANGUAGES_BIDI = ["ar", "fa"]
# Django ships no locale data for Tigrinya; give it what {% get_language_info %} needs.
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("WEGWEISER_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "wegweiser" / "static"]
MEDIA_ROOT = Path(os.environ.get("WEGWEISER_MEDIA_ROOT", BASE_DIR / "var" / "media"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("WEGWEISER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Production hardening: on unless DEBUG. `manage.py check --deploy` passes with these.
SECURE_HSTS_SECONDS = env_int("WEGWEISER_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env_bool("WEGWEISER_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("WEGWEISER_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("WEGWEISER_SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("WEGWEISER_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WEGWEISER_LOG_LEVEL", "WARNING")},
}

# --- Domain settings -------------------------------------------------------------------------
# Residence permits expiring within this many days show on the caseworker dashboard.
WEGWEISER_PERMIT_WARNING_DAYS = env_int("WEGWEISER_PERMIT_WARNING_DAYS", 60)
# A case without a counselling contact for this many days is flagged.
WEGWEISER_NO_CONTACT_DAYS = env_int("WEGWEISER_NO_CONTACT_DAYS", 30)
WEGWEISER_DEMO_PASSWORD = os.environ.get("WEGWEISER_DEMO_PASSWORD", "wegweiser-demo-2026")
# Where the taxonomy pack and the vector cache live.
WEGWEISER_TAXONOMY_PACK = Path(os.environ.get("WEGWEISER_TAXONOMY_PACK", BASE_DIR / "data" / "taxonomy-pack"))
WEGWEISER_CACHE_DIR = Path(os.environ.get("WEGWEISER_CACHE_DIR", BASE_DIR / "var" / "cache"))
WEGWEISER_SHARED_DATA = Path(os.environ.get("WEGWEISER_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))
# The taxonomy search box uses the matching engine once its index is built (in a background thread).
WEGWEISER_TAXONOMY_SEARCH_ENGINE = env_bool("WEGWEISER_TAXONOMY_SEARCH_ENGINE", True)

# Weights of the recommendation score (skills, interests, feasibility, demand), comma-separated.
WEGWEISER_RECOMMENDATION_WEIGHTS = [
    float(x) for x in os.environ.get("WEGWEISER_RECOMMENDATION_WEIGHTS", "0.5,0.2,0.2,0.1").split(",")
]

# Programme operations: absence rule (a task for the caseworker) and certification warnings.
WEGWEISER_ABSENCE_MAX_UNEXCUSED = env_int("WEGWEISER_ABSENCE_MAX_UNEXCUSED", 3)
WEGWEISER_ABSENCE_MIN_RATE = float(os.environ.get("WEGWEISER_ABSENCE_MIN_RATE", "0.8"))
WEGWEISER_ABSENCE_MIN_SESSIONS = env_int("WEGWEISER_ABSENCE_MIN_SESSIONS", 5)
WEGWEISER_ABSENCE_TASK_DUE_DAYS = env_int("WEGWEISER_ABSENCE_TASK_DUE_DAYS", 3)
WEGWEISER_CERTIFICATION_WARNING_DAYS = env_int("WEGWEISER_CERTIFICATION_WARNING_DAYS", 60)

# Participant self-service: invitation validity, session length, link-guessing limit (per IP).
WEGWEISER_SELFSERVICE_INVITATION_DAYS = env_int("WEGWEISER_SELFSERVICE_INVITATION_DAYS", 7)
WEGWEISER_SELFSERVICE_SESSION_HOURS = env_int("WEGWEISER_SELFSERVICE_SESSION_HOURS", 12)
WEGWEISER_SELFSERVICE_GUESS_LIMIT = env_int("WEGWEISER_SELFSERVICE_GUESS_LIMIT", 20)
WEGWEISER_SELFSERVICE_GUESS_WINDOW = env_int("WEGWEISER_SELFSERVICE_GUESS_WINDOW", 900)

# Content Security Policy: no inline scripts or styles anywhere (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "wegweiser.api.schema.WegweiserAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("WEGWEISER_API_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wegweiser API",
    "DESCRIPTION": "Case files, competences, matching and recommendations. Same access policy as the screens.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Schema and docs describe every field of the case file: staff only, like the API itself (tests/authz).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CefrLevelEnum": "wegweiser.participants.reference.CEFR_CHOICES",
        "LanguageEnum": "wegweiser.participants.reference.LANGUAGE_CHOICES",
        "StepStatusEnum": "wegweiser.plans.models.Step.Status",
        "AttendanceStatusEnum": "wegweiser.programmes.models.Attendance.Status",
    },
}

# Partner network: BA Jobsuche API (key only if you use the import), referral follow-ups, matching radius.
WEGWEISER_BA_API_KEY = os.environ.get("WEGWEISER_BA_API_KEY", "")
WEGWEISER_BA_API_URL = os.environ.get(
    "WEGWEISER_BA_API_URL", "https://rest.arbeitsagentur.de/jobboerse/jobsuche-service"
)
WEGWEISER_REFERRAL_FOLLOWUP_DAYS = env_int("WEGWEISER_REFERRAL_FOLLOWUP_DAYS", 7)
WEGWEISER_MATCHING_DISTANCE_KM = env_int("WEGWEISER_MATCHING_DISTANCE_KM", 30)

# Kooperationsplan: reminder lead time for reviews; fonts embedded in PDFs (Debian fonts-noto-core).
WEGWEISER_PLAN_REVIEW_REMINDER_DAYS = env_int("WEGWEISER_PLAN_REVIEW_REMINDER_DAYS", 14)
WEGWEISER_PDF_FONT_DIR = os.environ.get("WEGWEISER_PDF_FONT_DIR", "/usr/share/fonts/truetype/noto")

# Funder reporting: smallest cell shown to funders and external readers (k ≥ 5).
WEGWEISER_REPORTING_MIN_CELL = max(5, env_int("WEGWEISER_REPORTING_MIN_CELL", 5))
# Report screens keep their aggregates this long (per user and filters; the page shows "Stand"). 0 = always fresh.
WEGWEISER_REPORT_SCREEN_CACHE_SECONDS = env_int("WEGWEISER_REPORT_SCREEN_CACHE_SECONDS", 120)

# Retention (GDPR Art. 5(1)(e), Art. 17): periods in days after a participant's exit (audit log: after the
# event). Anonymise the case file (statistics for funder reports stay), delete contact notes, self-service
# data and uploaded documents, delete old audit rows. A legal hold exempts a participant from all of it.
WEGWEISER_RETENTION_CASE_FILE_DAYS = env_int("WEGWEISER_RETENTION_CASE_FILE_DAYS", 5 * 365 + 1)
WEGWEISER_RETENTION_CONTACT_NOTES_DAYS = env_int("WEGWEISER_RETENTION_CONTACT_NOTES_DAYS", 2 * 365)
WEGWEISER_RETENTION_SELFSERVICE_DAYS = env_int("WEGWEISER_RETENTION_SELFSERVICE_DAYS", 365)
WEGWEISER_RETENTION_DOCUMENTS_DAYS = env_int("WEGWEISER_RETENTION_DOCUMENTS_DAYS", 3 * 365)
WEGWEISER_RETENTION_AUDIT_LOG_DAYS = env_int("WEGWEISER_RETENTION_AUDIT_LOG_DAYS", 3 * 365)
# Local hour at which the self-scheduling retention task runs (3: after the night's DST switch in Europe).
WEGWEISER_RETENTION_HOUR = env_int("WEGWEISER_RETENTION_HOUR", 3)
# Every erasure is also appended here, outside the database, so it can be re-applied after a restore.
WEGWEISER_ERASURE_LOG = Path(os.environ.get("WEGWEISER_ERASURE_LOG", BASE_DIR / "var" / "erasure-log.jsonl"))
# Where `manage.py backup` writes when no --output is given.
WEGWEISER_BACKUP_DIR = Path(os.environ.get("WEGWEISER_BACKUP_DIR", BASE_DIR / "var" / "backups"))

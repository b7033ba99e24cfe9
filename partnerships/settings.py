"""Settings for the partnerships platform, read from the environment.

Every setting has a zero-setup default for a laptop (SQLite, tasks on the filesystem
broker, emails to the console) except the ones that must never have one in production:
with ``DJANGO_DEBUG`` off, ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` are required.
See ``.env.example`` for the full list.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-only-insecure-key-never-deploy-this")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_htmx",
    "template_partials",
    "partnerships",
    "areas",
    "workshops",
    "learning",
    "resources",
    "scale",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "partnerships.middleware.AbsoluteSessionLimitMiddleware",
    "partnerships.middleware.RequireTwoFactorMiddleware",
    "partnerships.audit.AuditRefusalsMiddleware",
]

# Benchmarks only (`make bench`): count the queries behind each response into a header and
# serve a minimal signed-in view to compare pages with. Never set in production.
BENCH_MODE = env.bool("BENCH_MODE", default=False)
if BENCH_MODE:
    MIDDLEWARE.insert(0, "scale.bench.QueryCountMiddleware")

ROOT_URLCONF = "partnerships.urls"
WSGI_APPLICATION = "partnerships.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.context_processors.navigation",
            ],
            "builtins": ["partnerships.templatetags.nhsuk"],
        },
    }
]
FORM_RENDERER = "partnerships.forms.NHSFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Page queries are short. PostgreSQL's JIT compiler judges some of them (similar
    # work across 1,250 areas) costly enough to compile first, which took 80 ms to save
    # a few.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# With Redis the cache is shared by every web process, so login rate limits and
# used two-factor codes hold across workers.
CACHES = {
    "default": env.cache_url(
        "CACHE_URL", default=REDIS_URL.replace("redis://", "rediscache://") or "locmemcache://"
    )
}

AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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

# allauth: email-only accounts; people join by invitation, never by open sign-up.
ACCOUNT_ADAPTER = "partnerships.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# Changing an email address or password, or two-factor settings (always, in allauth.mfa),
# first asks for the password again if it was not given in the last five minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Partnerships] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Health Partnerships"
# Roles that hold other people's personal data must protect their accounts with TOTP.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
if DEBUG:
    # Lets the demo's printed logins pass two-factor with a fixed code on a laptop;
    # allauth refuses to start with this set unless DEBUG is on.
    MFA_TOTP_INSECURE_BYPASS_CODE = env("MFA_TOTP_DEMO_CODE", default=None)

SESSION_COOKIE_AGE = 60 * 60 * 2
# However active someone is, a sign-in lasts at most this long.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=60 * 60 * 12)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Third-party front-end assets are installed from npm at set-up and served from
# node_modules, never copied into the repository; build/ holds what set-up compiles
# from them (the NHS.UK stylesheet, see static/scss/).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    BASE_DIR / "build",
    ("vendor/nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Serve static files straight from their folders (no collectstatic) on laptops and in tests.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# The largest document (a receipt, say) anyone may upload.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Health Partnerships <noreply@localhost>")
# Seconds before an SMTP server that accepts the connection but never answers counts as down.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without REDIS_URL the broker is kombu's filesystem transport: a real worker
# and beat run beside the web server with nothing else installed, and tasks behave as
# they do in production (queued, acknowledged, retried), which eager mode would hide.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": 3600}
    if REDIS_URL
    else {
        "data_folder_in": str(BASE_DIR / "var" / "broker"),
        "data_folder_out": str(BASE_DIR / "var" / "broker"),
        "processed_folder": str(BASE_DIR / "var" / "broker-processed"),
        "store_processed": False,
    }
)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "plan-follow-ups": {
        "task": "workshops.tasks.plan_follow_ups",
        "schedule": crontab(minute=5),
        "options": {"expires": 30 * 60},
    },
    "send-waiting-follow-ups": {
        "task": "workshops.tasks.sweep_follow_ups",
        "schedule": env.int("FOLLOW_UP_SWEEP_SECONDS", default=60),
        "options": {"expires": 50},
    },
    "send-waiting-cascades": {
        "task": "workshops.tasks.sweep_cascades",
        "schedule": env.int("CASCADE_SWEEP_SECONDS", default=60),
        "options": {"expires": 50},
    },
    "apply-retention": {
        "task": "partnerships.tasks.apply_retention",
        "schedule": crontab(minute=30, hour=2),
        "options": {"expires": 6 * 60 * 60},
    },
    "plan-weekly-digests": {
        "task": "workshops.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="monday"),
        "options": {"expires": 6 * 60 * 60},
    },
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# The programme's name, printed on the cover of every PDF.
PROGRAMME_NAME = env("PROGRAMME_NAME", default="Health Partnerships")
# The largest file the resource library accepts; bigger ones are refused with a message.
RESOURCE_UPLOAD_MAX_BYTES = env.int("RESOURCE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# Follow-up emails about actions (see the README's "Follow-ups").
FOLLOW_UP_DAYS_BEFORE_DUE = env.int("FOLLOW_UP_DAYS_BEFORE_DUE", default=3)
FOLLOW_UP_OVERDUE_NUDGES = env.int("FOLLOW_UP_OVERDUE_NUDGES", default=3)
FOLLOW_UP_SUMMARY_DELAY_MINUTES = env.int("FOLLOW_UP_SUMMARY_DELAY_MINUTES", default=60)
FOLLOW_UP_SEND_FROM_HOUR = env.int("FOLLOW_UP_SEND_FROM_HOUR", default=8)
FOLLOW_UP_MAX_ATTEMPTS = env.int("FOLLOW_UP_MAX_ATTEMPTS", default=8)
FOLLOW_UP_RETRY_SECONDS = env.int("FOLLOW_UP_RETRY_SECONDS", default=60)
# Longer than CELERY_TASK_TIME_LIMIT, so a claim is only taken back from a worker that died.
FOLLOW_UP_CLAIM_TIMEOUT_SECONDS = env.int("FOLLOW_UP_CLAIM_TIMEOUT_SECONDS", default=600)
ACTION_OWNER_LINK_DAYS = env.int("ACTION_OWNER_LINK_DAYS", default=30)

# Cascades of session notes to the LCO's distribution lists (see the README's "Cascades").
CASCADE_REMINDER_DAYS = env.int("CASCADE_REMINDER_DAYS", default=7)
CASCADE_REMINDER_WINDOW_DAYS = env.int("CASCADE_REMINDER_WINDOW_DAYS", default=21)
# Emails sent on one SMTP connection before the next batch is queued.
CASCADE_BATCH_SIZE = env.int("CASCADE_BATCH_SIZE", default=50)
# The most cascade emails a second, so a big list does not trip the mail provider's limits.
CASCADE_EMAILS_PER_SECOND = env.float("CASCADE_EMAILS_PER_SECOND", default=10.0)
CASCADE_MAX_ATTEMPTS = env.int("CASCADE_MAX_ATTEMPTS", default=5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports each step of every PDF (and of its own start-up) at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

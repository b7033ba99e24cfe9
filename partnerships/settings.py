"""Settings for the partnerships platform, read from the environment.

Every setting has a zero-setup default for a laptop (SQLite, tasks on the filesystem
broker, emails to the console) except the ones that must never have one in production:
with ``DJANGO_DEBUG`` off, ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` are required.
See ``.env.example`` for the full list.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

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
# The name allauth's emails sign with; `migrate` copies it and SITE_URL's host to the Site.
SITE_NAME = env("SITE_NAME", default="Health Partnerships")
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
    "partnerships.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "partnerships.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "partnerships.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, reading the user, their roles and their
    # session's row in one query (see partnerships/signed_in.py).
    "partnerships.signed_in.SignedInUserMiddleware",
    # Below authentication (it asks whether the visitor is signed in) and above every
    # middleware that answers for a view, so their redirects are covered too.
    "partnerships.caching.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "partnerships.middleware.AbsoluteSessionLimitMiddleware",
    "partnerships.resubmit.RememberPostAuthorMiddleware",
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
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage must not take sign-in and pages down with it: see partnerships/cache.py.
    # A lookup waits at most a second for a Redis that does not answer.
    CACHES["default"]["BACKEND"] = "partnerships.cache.ResilientRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
        **CACHES["default"].get("OPTIONS", {}),
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
# How many proxies of ours stand in front of the app (the compose stack's TLS proxy: 1).
# The client's address is then the one the outermost of them saw (see
# partnerships/client_address.py); 0 means visitors connect straight to the app.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# allauth reads the client's address through the account adapter, which asks the helper
# above; its own setting says the same for any code of allauth's that does not.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    # Per address an hour, not a minute: anyone may ask for a reset for any address, and
    # each ask sends that address an email (see ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS).
    "reset_password": "20/m/ip,5/h/key",
}
# A password reset for an address with no account still emails that address, in our own
# words (templates/account/email/unknown_account_*): nobody can sign up here, so it tells
# them accounts come by invitation and to try the address their invitation went to, or to
# ignore it. Deliberately on: the reset page says the same for every address, and with
# this off only real accounts' resets would send mail and take the SMTP round trip longer,
# which times out who has an account. A stranger learns only that the platform exists,
# which its public programme page says anyway.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Partnerships] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Health Partnerships"
# Roles that hold other people's personal data must protect their accounts with TOTP.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
if DEBUG:
    # Lets the demo's printed logins pass two-factor with a fixed code on a laptop;
    # allauth refuses to start with this set unless DEBUG is on.
    MFA_TOTP_INSECURE_BYPASS_CODE = env("MFA_TOTP_DEMO_CODE", default=None)

# Sessions are kept in the database and read through the cache; a session ended in the
# database is ended everywhere, whatever the cache holds (partnerships/signed_in.py).
SESSION_ENGINE = "partnerships.sessions"
# Signed out after this long without a request (the idle limit)...
SESSION_COOKIE_AGE = 60 * 60 * 2
# ...which each request slides, saving the session when its last save is this old
# (partnerships.middleware.SlidingSessionMiddleware), not on every request.
SESSION_REFRESH_SECONDS = 5 * 60
# However active someone is, a sign-in lasts at most this long.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=60 * 60 * 12)
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
# Uploads (receipts, library files) and built PDFs: a folder on one machine, or an
# S3-compatible bucket that every web and worker machine shares.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "local":
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Unset keys leave boto3 to find credentials itself (an instance role, say).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            # Receipts name the people paid: every object is private, and files reach
            # people only through the download views that check who is asking.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            # As on disk, a second file of the same name gets a name of its own instead
            # of replacing the first (two reports can share a file name).
            "file_overwrite": False,
        },
    }
else:
    raise environ.ImproperlyConfigured(f"MEDIA_STORAGE is local or s3, not {MEDIA_STORAGE!r}")
STORAGES = {
    "default": media_storage,
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
        # Its exchange table, which kombu would otherwise write to ./control wherever it runs.
        "control_folder": str(BASE_DIR / "var" / "broker-control"),
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
# How often the outboxes (follow-ups, invitations) and waiting PDF builds are swept.
SWEEP_SECONDS = env.int("FOLLOW_UP_SWEEP_SECONDS", default=60)
# Proof of life (partnerships/heartbeats.py). Each worker process stamps the database this
# often; one that misses three stamps has the emails it was sending taken back.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
# Beat's schedule stamps the database this often; /healthz says "stale" after three misses.
BEAT_HEARTBEAT_SECONDS = env.int("BEAT_HEARTBEAT_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "record-beat": {
        "task": "partnerships.tasks.record_beat",
        "schedule": BEAT_HEARTBEAT_SECONDS,
        "options": {"expires": BEAT_HEARTBEAT_SECONDS},
    },
    "plan-follow-ups": {
        "task": "workshops.tasks.plan_follow_ups",
        "schedule": crontab(minute=5),
        "options": {"expires": 30 * 60},
    },
    "send-waiting-follow-ups": {
        "task": "workshops.tasks.sweep_follow_ups",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": 50},
    },
    "send-waiting-invitations": {
        "task": "partnerships.tasks.sweep_invitations",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": 50},
    },
    "send-waiting-review-emails": {
        "task": "partnerships.tasks.sweep_review_emails",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": 50},
    },
    "build-waiting-documents": {
        "task": "resources.tasks.sweep_documents",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": 50},
    },
    "send-waiting-report-back-texts": {
        "task": "workshops.tasks.sweep_report_back_texts",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": 50},
    },
    "send-waiting-pulse-invitations": {
        "task": "areas.tasks.sweep_pulse_messages",
        "schedule": SWEEP_SECONDS,
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
# Browser features no page uses, switched off for every page and for any script on it
# (one that got past the CSP included). Drawing a QR code needs none of them; scanning one
# would need "camera": ["self"], and passkeys "publickey-credentials-get": ["self"].
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ],
    (),
)
# The calendar page's copy button puts its address on the clipboard; reading it stays off.
PERMISSIONS_POLICY["clipboard-write"] = ("self",)
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
# How long the one-time sign-in link of `manage.py create_programme_lead` works.
SIGN_IN_LINK_MINUTES = env.int("SIGN_IN_LINK_MINUTES", default=60)
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
# Claims of a worker whose heartbeat stopped are taken back long before (heartbeats.py).
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

# Text messages (partnerships/sms.py): "console" logs them, "file" appends them to
# SMS_FILE_PATH, "twilio" sends them (needs the `sms` extra: `pip install .[sms]`).
SMS_BACKEND = env("SMS_BACKEND", default="console")
SMS_FILE_PATH = env("SMS_FILE_PATH", default="")
SMS_FROM = env("SMS_FROM", default="")
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")

# The live room of a partnership day (see the README's "Live partnership days").
# Languages its phone pages are offered in: each needs a catalogue in LOCALE_PATHS.
LIVE_LANGUAGES = env.list("LIVE_LANGUAGES", default=["en-gb"])
LOCALE_PATHS = [BASE_DIR / "workshops" / "live" / "locale"]
# Rate limits count in windows of this many seconds. Phones are known by a signed cookie,
# addresses by the client address; every phone on a venue's wifi shares one address.
LIVE_RATE_WINDOW_SECONDS = env.int("LIVE_RATE_WINDOW_SECONDS", default=600)
LIVE_SENDS_PER_PHONE = env.int("LIVE_SENDS_PER_PHONE", default=30)
LIVE_SENDS_PER_TABLE = env.int("LIVE_SENDS_PER_TABLE", default=200)
LIVE_SENDS_PER_ADDRESS = env.int("LIVE_SENDS_PER_ADDRESS", default=1500)
# Codes that open no room, before an address (or a phone) is asked to wait.
LIVE_CODE_MISSES_PER_ADDRESS = env.int("LIVE_CODE_MISSES_PER_ADDRESS", default=30)
LIVE_CODE_MISSES_PER_PHONE = env.int("LIVE_CODE_MISSES_PER_PHONE", default=10)
LIVE_ROOM_MAX_ITEMS = env.int("LIVE_ROOM_MAX_ITEMS", default=3000)
LIVE_TABLE_LINK_HOURS = env.int("LIVE_TABLE_LINK_HOURS", default=12)
LIVE_VOTES_PER_PHONE = env.int("LIVE_VOTES_PER_PHONE", default=3)
LIVE_PHONE_COOKIE_DAYS = env.int("LIVE_PHONE_COOKIE_DAYS", default=2)
# How often the wall asks whether anything changed (with JavaScript), and reloads itself
# (without).
LIVE_WALL_POLL_SECONDS = env.float("LIVE_WALL_POLL_SECONDS", default=1.5)
LIVE_WALL_REFRESH_SECONDS = env.int("LIVE_WALL_REFRESH_SECONDS", default=5)

# The partnership health pulse's links, answered signed out: from one address, in each
# window, links that open nothing and answers sent (a room's phones share one address).
PULSE_RATE_WINDOW_SECONDS = env.int("PULSE_RATE_WINDOW_SECONDS", default=600)
PULSE_MISSES_PER_ADDRESS = env.int("PULSE_MISSES_PER_ADDRESS", default=30)
PULSE_ANSWERS_PER_ADDRESS = env.int("PULSE_ANSWERS_PER_ADDRESS", default=300)


# Log lines carry time, level, logger and the request's id (partnerships/logs.py); with
# LOG_FORMAT=json each is one JSON object, for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "partnerships.logs.RequestIdFilter"},
        "redact_tokens": {"()": "partnerships.logs.RedactTokens"},
        "without_task_exceptions": {"()": "partnerships.logs.WithoutTaskExceptions"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "partnerships.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's lines, the development server's request lines among them, through the
        # handler that takes the tokens out of signed links, rather than Django's own
        # handlers (which would print them again, whole, in debug).
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["console"], "propagate": False},
        # WeasyPrint reports each step of every PDF (and of its own start-up) at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        # Celery's lines about a failed or retried task quote its exception, which can name
        # people; partnerships.logs logs those by the task's ids instead.
        "celery.app.trace": {"filters": ["without_task_exceptions"]},
    },
}
# The worker and beat log through the configuration above rather than Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Error reports, only where SENTRY_DSN is set; personal data is scrubbed before sending.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from partnerships import error_reports

    error_reports.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
    )

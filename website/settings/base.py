"""Settings shared by every environment.

Everything that differs between machines comes from environment variables;
the defaults here are safe for development and tests.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The one origin every absolute URL is built on (e-mails, feeds, share links,
# printouts, allauth's links, the Wagtail Site record): core.urls.absolute_url.
# Never the request's Host header. Production derives a default from
# ALLOWED_HOSTS; development follows runserver's port (core's runserver).
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # This project's apps, lowest layer first (see the README's layout).
    "core",
    "accounts",
    "activities",
    "forum",
    "reports",
    "guides",
    "home",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses what every middleware below returns, the page cache's hits
    # included (which key on the path alone, so they are stored uncompressed);
    # whitenoise serves static files precompressed and is left alone.
    "django.middleware.gzip.GZipMiddleware",
    # One memo per request for what a page reads several times (core.memo).
    "core.memo.RequestMemoMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.SignedOutPostMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# Database: SQLite file when DATABASE_URL is unset, PostgreSQL in production.
# CONN_MAX_AGE keeps each worker's connection open for that many seconds
# instead of opening one per request (production defaults to 60); the health
# check replaces a connection the server dropped before a request uses it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # The database the test runner creates (and drops), when test_<name> will not do.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout waits for the
    # writer instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 sends the parameters apart from the SQL, so each statement a
    # worker runs again and again (every page's few) is prepared on its
    # connection after PREPARE_THRESHOLD runs and not planned again: planning
    # took longer than running a member's state query (0.45 ms against
    # 0.19). A connection pooler in transaction mode (PgBouncer) cannot keep
    # prepared statements: DATABASE_PREPARED_STATEMENTS=false then.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": int(os.environ.get("PREPARE_THRESHOLD", "5"))}
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # ModelBackend with permission checks from a cached snapshot of the
    # member's groups and permissions (core.access). ModelBackend stays
    # listed so that sessions it signed in remain valid.
    "core.backends.CachedModelBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Caches: local memory by default, Redis when CACHE_URL is set (redis://...).
# core.cache_backends.FailoverRedisCache gives up on Redis after
# CACHE_TIMEOUT seconds and serves that call (and the next RETRY_SECONDS of
# calls) from local memory: a Redis that is down or hung slows no page by
# more than a fraction of a second, and sign-in limits keep counting.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "0.25"))


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "core.cache_backends.FailoverRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": CACHE_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_TIMEOUT,
                "RETRY_SECONDS": 5,
            },
        }
    }


# Whether every process serving the site shares the default cache, so that
# what one keeps (fragments, pages of rows, sessions) the others can be told
# is stale (core.cache.cache_is_degraded): true with Redis, and for the one
# process of runserver and the tests; production.py says false without Redis.
CACHE_IS_SHARED = True

if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = redis_caches(CACHE_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: rows in the database, read through the cache (core.sessions:
# Django's cached_db, bypassing the cache while Redis is out).
SESSION_ENGINE = "core.sessions"
# A form refused for its CSRF token comes back with its text (core.views).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Whole-page cache for anonymous visitors (core.cache); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Field reports: how many visible reports on an activity make the planner and the
# library's "fits in" use their mean length (the default, 3, is reports.figures.MIN_REPORTS).
if os.environ.get("FIELD_REPORTS_FOR_TYPICAL_LENGTH"):
    FIELD_REPORTS_FOR_TYPICAL_LENGTH = int(os.environ["FIELD_REPORTS_FOR_TYPICAL_LENGTH"])

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True

# Static and media files
# A process that runs collectstatic beside a running one (tests, benchmarks)
# gives it its own directory, so neither sees the other's half-written tree.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded media in S3-compatible object storage (django-storages + boto3)
# when a bucket is named, so any app process can serve any upload.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # None: Amazon S3 itself
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front of the bucket
    AWS_S3_ADDRESSING_STYLE = (
        os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    )  # "path" for most non-AWS servers
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # Private objects, served through short-lived signed URLs unless a public
    # custom domain is configured. Credentials come from AWS_ACCESS_KEY_ID /
    # AWS_SECRET_ACCESS_KEY in the environment (or the machine's role).
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", not AWS_S3_CUSTOM_DOMAIN)
    AWS_QUERYSTRING_EXPIRE = int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600"))
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in development; EMAIL_URL-style settings in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "artifacts" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Circle Commons <hello@circlecommons.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks. Immediate in development and tests,
# database-backed worker in production (see production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Accounts (django-allauth)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
# Sign-up asks for an e-mail, a display name and one password; the username
# is made from the display name and can be changed on the profile later.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
# No ACCOUNT_EMAIL_SUBJECT_PREFIX: the adapter gives allauth's mail the same
# "[site name] " prefix as the rest of the site's mail (core.sites.site_name).
ACCOUNT_SESSION_REMEMBER = None
# allauth's forms in the site's wording (accounts.forms).
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Behind a proxy every visitor arrives from the proxy's address, so per-IP
# limits would lock everybody out together. Trust the client address the
# proxy reports: either its own header (TRUSTED_CLIENT_IP_HEADER, e.g.
# X-Real-IP, CF-Connecting-IP) or the X-Forwarded-For entry added by the
# last TRUSTED_PROXY_COUNT proxies. 0 (the default) trusts no header: right
# when gunicorn is reached directly, and a header sent by a client is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/300s/key",  # locks an account after 5 failures, an IP after 20
    "signup": "20/m/ip",
}

# Wagtail
WAGTAIL_SITE_NAME = "Circle Commons"
# The admin signs in through allauth (rate-limited), not its own form (website/urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL
    # and SQLite's FTS5 on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# A guide needs photos and diagrams, not posters: 25 megapixels (6000 x 4000,
# a good camera) at most. A 15 KB PNG can claim 11000 x 11000 pixels and take
# seconds and gigabytes to decode; Pillow refuses the same limit (core.apps).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USER_EDIT_FORM = "accounts.forms.WagtailUserEditForm"
WAGTAIL_USER_CREATION_FORM = "accounts.forms.WagtailUserCreationForm"

# Security headers. Public pages allow no inline script at all; only the
# Wagtail admin (ADMIN_CONTENT_SECURITY_POLICY, chosen by path in
# core.middleware) is relaxed, because its editor relies on inline code.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
VIDEO_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Forum limits (forum app) ---------------------------------------------
# Abuse limits (cooldowns, new-member limits, duplicate posts, daily caps).
# Their defaults live with the forum, in forum/limits.py (DEFAULTS); set a
# key here only to change it, e.g. {"POST_COOLDOWN_SECONDS": 10}. An unknown
# key fails `manage.py check` (forum.E001).
FORUM_LIMITS = {}
# Trust levels (new member, regular, trusted) earned by taking part: their
# thresholds and flag weights default in forum/trust.py (DEFAULTS); set a key
# here only to change it, e.g. {"TRUSTED_REPLIES": 20}. Unknown keys fail
# `manage.py check` (forum.E002).
FORUM_TRUST = {}
# --- end of forum limits ----------------------------------------------------

# --- Forum e-mail in (forum app, forum/mail_in/; README "E-mail in") ---------
# Notification e-mails carry reply+<signed token>@FORUM_MAIL_DOMAIN as their
# Reply-To (empty: the host of BASE_URL); a token is good for
# FORUM_MAIL_REPLY_DAYS. `manage.py run_mail_server` listens on
# FORUM_MAIL_SERVER_HOST:FORUM_MAIL_SERVER_PORT (loopback by default: the
# MTA in front of it relays to it) and refuses messages over
# FORUM_MAIL_MAX_BYTES. FORUM_MAIL_AUTHSERV_ID: the authserv-id of the
# Authentication-Results header your MTA adds; when set, a new thread by
# e-mail needs that header to say dkim=pass or dmarc=pass for the sender.
FORUM_MAIL_DOMAIN = os.environ.get("FORUM_MAIL_DOMAIN", "")
FORUM_MAIL_REPLY_DAYS = int(os.environ.get("FORUM_MAIL_REPLY_DAYS", "60"))
FORUM_MAIL_SERVER_HOST = os.environ.get("FORUM_MAIL_SERVER_HOST", "127.0.0.1")
FORUM_MAIL_SERVER_PORT = int(os.environ.get("FORUM_MAIL_SERVER_PORT", "8025"))
FORUM_MAIL_MAX_BYTES = int(os.environ.get("FORUM_MAIL_MAX_BYTES", str(2 * 1024 * 1024)))
FORUM_MAIL_AUTHSERV_ID = os.environ.get("FORUM_MAIL_AUTHSERV_ID", "")
# --- end of forum e-mail in -------------------------------------------------

# --- Activity library (activities app) --------------------------------------
# Defaults live in the app; set these only to override them.
# ACTIVITIES_MAX_PENDING_SUBMISSIONS: how many of a member's submissions may
# wait (draft, in review or sent back) before they can send another
# (default: activities.submissions.MAX_PENDING).
# --- end of activity library ------------------------------------------------

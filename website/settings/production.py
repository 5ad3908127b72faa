"""Production settings: refuse to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
# The page cache needs a cache shared by every worker (Redis), or one worker
# would keep serving a page another has invalidated.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if CACHE_URL else "0"))  # noqa: F405
# Several gunicorn workers each with their own local memory share nothing.
CACHE_IS_SHARED = CACHE_URL.startswith(("redis://", "rediss://"))  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names this site answers to.")

# One database connection per worker, kept for a minute and checked before
# reuse, instead of a new one (and its authentication) on every request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    # Our CSS and JS minified, then hashed and compressed (core.staticfiles).
    "BACKEND": "core.staticfiles.MinifiedStaticFilesStorage"
}

# HTTPS: the site runs behind a TLS-terminating proxy. HTTPS=false is only for
# serving production settings over plain HTTP on 127.0.0.1 (end-to-end tests,
# benchmarks); `check --deploy` rightly warns about it.
HTTPS = env_bool("HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Absolute URLs: BASE_URL, else the first plain name in ALLOWED_HOSTS on
# https (http with HTTPS=false), e.g. https://circlecommons.example.
if "BASE_URL" not in os.environ:
    names = [host for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")]
    if not names:
        raise ImproperlyConfigured(
            "Set BASE_URL (e.g. https://circlecommons.example): every link in e-mails uses it."
        )
    BASE_URL = f"{'https' if HTTPS else 'http'}://{names[0]}"
    WAGTAILADMIN_BASE_URL = BASE_URL
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure,
    # host-only and path=/.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"

# Background work runs in a database-backed worker: `manage.py db_worker`.
# TASKS_IMMEDIATE=true runs tasks in the request instead (single-machine tests).
if not env_bool("TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405

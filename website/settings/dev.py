import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
DEMO_PASSWORDS_VISIBLE = True
# The base URL follows the address runserver binds (`make run PORT=8001`),
# unless BASE_URL is set (core/management/commands/runserver.py).
BASE_URL_FOLLOWS_RUNSERVER = "BASE_URL" not in os.environ

"""A signed-in session for a bench member, for wrk to send as a cookie.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=website.settings.production python tests/bench/member_session.py

Made the way Django's test client signs in (a session holding the user's
id, backend and password hash), with the server's own session engine; prints
{"cookie": name, "key": session key, "username": ...} as JSON.
"""

import json
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(username="bench01"):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    print(
        json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "key": store.session_key, "username": username})
    )


if __name__ == "__main__":
    main(*sys.argv[1:])

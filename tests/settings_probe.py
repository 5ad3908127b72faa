"""A settings module as a process started with a given environment would
evaluate it, evaluated here: a fresh copy of website.settings.* under that
environment alone, without touching the settings this process runs on.

    production = settings_under("website.settings.production", SECRET_KEY=..., ALLOWED_HOSTS=...)
    production.DATABASES["default"]["CONN_MAX_AGE"]

It costs milliseconds where a `manage.py shell` costs seconds; the tests that
need Django itself configured that way (`check --deploy`, a request through
the middleware, a server) still start a process (tests/server.py)."""

import importlib
import os
import sys
from types import SimpleNamespace
from unittest import mock

PACKAGE = "website.settings"


def settings_under(module, environ=None, **env):
    """The UPPER_CASE names of `module` evaluated with `environ` (default:
    this process's environment, less what tests/server.py keeps from a
    server's) updated by `env`. Raises what the module raises (for example
    ImproperlyConfigured)."""
    from tests.server import NOT_INHERITED

    if environ is None:
        environ = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    environ = {**environ, **{key: str(value) for key, value in env.items()}}
    package = importlib.import_module(PACKAGE)
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.startswith(PACKAGE + ".")}
    saved_attributes = {name: getattr(package, name) for name in vars(package) if not name.startswith("__")}
    try:
        with mock.patch.dict(os.environ, environ, clear=True):
            fresh = importlib.import_module(module)
        return SimpleNamespace(**{name: getattr(fresh, name) for name in dir(fresh) if name.isupper()})
    finally:
        for name in [name for name in sys.modules if name.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        sys.modules.update(saved)
        for name in [name for name in vars(package) if not name.startswith("__")]:
            delattr(package, name)
        for name, value in saved_attributes.items():
            setattr(package, name, value)


def production_settings(**env):
    """website.settings.production with the README's production environment
    (tests/server.py production_env) and `env`."""
    from tests.server import production_env

    return settings_under("website.settings.production", production_env("sqlite:///:memory:", **env))

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.server import copy_database
from tests.settings_probe import settings_under

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "x" * 20 + "-production-secret-key-for-the-settings-test-" + "y" * 10


def without_required(**env):
    """This process's environment without what production requires (each
    test says which it gives), plus `env`."""
    required = {"SECRET_KEY", "ALLOWED_HOSTS", "HTTPS"}
    return {**{k: v for k, v in os.environ.items() if k not in required}, **env}


def run_manage(*args, **env):
    full_env = without_required(**env)
    full_env["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**env):
    """The production settings with only `env` set of what they require."""
    return settings_under("website.settings.production", without_required(), **env)


def test_production_refuses_to_start_without_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        production(ALLOWED_HOSTS="circlecommons.example")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        production(ALLOWED_HOSTS="circlecommons.example", SECRET_KEY="django-insecure-" + "x" * 50)


def test_production_refuses_to_start_without_allowed_hosts():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        production(SECRET_KEY=GOOD_KEY)


def test_a_production_process_that_lacks_a_setting_says_which_and_stops():
    """What an operator sees: the message, and no server."""
    result = run_manage("check", ALLOWED_HOSTS="circlecommons.example")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="circlecommons.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_uses_whitenoise_manifest_storage_and_db_tasks():
    settings = production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="circlecommons.example")
    from django.utils.module_loading import import_string
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    storage = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    assert issubclass(
        storage, CompressedManifestStaticFilesStorage
    )  # hashed names, gzip; minified (core.staticfiles)
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.backend.DatabaseBackend"
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"


def test_production_keeps_database_connections_and_checks_them():
    database = production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="circlecommons.example").DATABASES["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


@pytest.mark.parametrize("url", ["sqlite:////tmp/x.db", "postgres://u@127.0.0.1:5432/db"])
def test_database_url_chooses_the_engine(url):
    engine = settings_under("website.settings.base", DATABASE_URL=url).DATABASES["default"]["ENGINE"]
    expected = "sqlite3" if url.startswith("sqlite") else "postgresql"
    assert engine.endswith(expected)


def test_production_sends_hsts_and_host_prefixed_secure_cookies(migrated_sqlite, tmp_path):
    script = (
        "from django.core.management import call_command;"
        # Production serves hashed static files: the manifest must exist.
        "call_command('collectstatic', interactive=False, verbosity=0);"
        "from django.test import Client;"
        "c = Client(HTTP_HOST='circlecommons.example');"
        "r = c.get('/en/accounts/login/', secure=True);"
        "print('HSTS', r.headers.get('Strict-Transport-Security'));"
        "print('COOKIE', r.cookies['__Host-csrftoken']['secure'], r.cookies['__Host-csrftoken']['httponly']);"
        "print('PLAIN', c.get('/en/', secure=False).status_code)"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="circlecommons.example",
        DATABASE_URL=copy_database(migrated_sqlite, tmp_path / "site.sqlite3"),
        # Its own static tree: the project's is read by the other test workers.
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines() if " " in line)
    hsts = lines["HSTS"]
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 60 * 60
    assert "includeSubDomains" in hsts
    assert lines["COOKIE"] == "True True"
    # Plain HTTP is redirected to HTTPS.
    assert lines["PLAIN"] == "301"


def test_static_root_comes_from_the_environment(tmp_path):
    """A process that collects static files beside running ones (a test, a
    benchmark) writes them where it is told, not into the tree that the
    others' whitenoise is reading."""
    static_root = settings_under("website.settings.base", STATIC_ROOT=tmp_path / "static").STATIC_ROOT
    assert str(static_root) == str(tmp_path / "static")

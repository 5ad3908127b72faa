import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server import copy_database

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "x" * 20 + "-production-secret-key-for-the-settings-test-" + "y" * 10


def run_manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "HTTPS"}}
    full_env.update(env)
    full_env["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="circlecommons.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


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
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND']);"
        "print(settings.TASKS['default']['BACKEND']); print(settings.SESSION_COOKIE_NAME)",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="circlecommons.example",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in lines
    assert "django_tasks_db.backend.DatabaseBackend" in lines
    assert "__Host-sessionid" in lines


def test_production_keeps_database_connections_and_checks_them():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="circlecommons.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "60 True"


@pytest.mark.parametrize("url", ["sqlite:////tmp/x.db", "postgres://u@127.0.0.1:5432/db"])
def test_database_url_chooses_the_engine(url):
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from website.settings import base; print(base.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    expected = "sqlite3" if url.startswith("sqlite") else "postgresql"
    assert result.stdout.strip().endswith(expected)


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
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from website.settings import base; print(base.STATIC_ROOT)"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(tmp_path / "static")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "static")

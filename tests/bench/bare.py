"""A bare Wagtail site to measure against: what `wagtail start` makes,
generated at bench time into a temporary folder (never committed), served
the same way as ours (gunicorn, 2 sync workers, production-like settings:
DEBUG off, the same PostgreSQL server, persistent connections, prepared
statements, gzip), so that each of our pages can be reported as a ratio
to its home page.

    with bare_site(workdir, database_url) as base_url:
        ... wrk base_url + "/" ...
"""

import os
import secrets
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests.server import Server, free_port

PYTHON = sys.executable
BIN = Path(PYTHON).parent
PROJECT = "barewagtail"

# Appended to the generated settings: what our production settings also do
# that changes the cost of a page (the rest is Wagtail's own defaults).
SETTINGS = """
import dj_database_url
import os

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
}
# Parameters bound on the server and repeated statements prepared (psycopg 3).
DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *MIDDLEWARE]
"""


def _env(database_url):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CACHE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": f"{PROJECT}.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
        }
    )
    return env


def _run(command, cwd, env, timeout):
    completed = subprocess.run(  # noqa: S603
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


def generate(workdir, database_url):
    """`wagtail start` into workdir, our bench settings beside its own, migrated."""
    workdir = Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    env = _env(database_url)
    _run([str(BIN / "wagtail"), "start", PROJECT, str(workdir)], workdir.parent, env, 120)
    settings_dir = workdir / PROJECT / "settings"
    (settings_dir / "bench.py").write_text("from .production import *  # noqa\n" + SETTINGS)
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], workdir, env, 600)
    _run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], workdir, env, 300)
    return env


@contextmanager
def bare_site(workdir, database_url, workers=2):
    """Serve the bare site with gunicorn on 127.0.0.1 (tests/server.py); yields its base URL."""
    env = generate(workdir, database_url)
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        f"{PROJECT}.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = Server(command, env, port, Path(workdir) / "gunicorn.log", cwd=workdir)
    try:
        server.wait(path="/")
        yield server.url
    finally:
        server.stop(grace=20)
        shutil.rmtree(workdir, ignore_errors=True)

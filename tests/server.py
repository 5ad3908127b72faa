"""The one test server: the site served by gunicorn with production settings
on 127.0.0.1, for the tests that run real processes (tests/core), the
browser tests (tests/e2e), the load test (tests/load/run.py) and the
benchmark (tests/bench/run.py).

    env = production_env("sqlite:///path/to/db.sqlite3", MEDIA_ROOT=...)
    manage("migrate", "--noinput", env=env)
    with gunicorn(env, "gunicorn.log", workers=2) as server:
        status, headers, body = fetch(server.url + "/en/")

`gunicorn()` picks a free port, points BASE_URL at it (absolute links and
the page cache follow it), and waits on /healthz while watching the
process: if gunicorn dies (a bad setting, a missing migration) it fails at
once with what gunicorn printed. `Server.stop()` stops it cleanly (SIGTERM,
then SIGKILL after a grace period). `scratch_postgres()` creates a
PostgreSQL database for a run and drops it afterwards.

Only the standard library and psycopg are imported, so the harnesses can
use it as plain scripts (they put the project root on sys.path first).
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}

# What the calling shell or test process may have set that would change how
# the server behaves; the server's own environment says these itself.
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "CACHE_URL",
    "BASE_URL",
    "DEBUG",
    "PAGE_CACHE_SECONDS",
    "CONN_MAX_AGE",
    "PYTEST_XDIST_WORKER",
}


class ServerError(RuntimeError):
    """The server did not start (its log says why)."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port, host="127.0.0.1", timeout=0.5):
    """Whether something accepts connections there (Redis, PostgreSQL)."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def postgres_available():
    return listening(POSTGRES["port"], POSTGRES["host"])


def redis_available():
    return listening(6379)


def production_env(database_url, **extra):
    """The README's production environment, over plain HTTP on 127.0.0.1:
    website.settings.production, a fresh SECRET_KEY, ALLOWED_HOSTS for the
    loopback, tasks run at once, warnings only in the log. `extra` adds or
    overrides variables (CACHE_URL, MEDIA_ROOT, EMAIL_BACKEND, ...)."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "HTTPS": "false",
            "DATABASE_URL": str(database_url),
            "TASKS_IMMEDIATE": "true",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env, timeout=300, check=True):
    """`manage.py ARGS` in the project with `env`; its output captured."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_database(source, target):
    """A copy of a SQLite file; its DATABASE_URL."""
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def fetch(url, *, data=None, headers=None, timeout=10):
    """(status, headers, body) without raising on 4xx/5xx and without
    following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Server:
    """A process serving HTTP on 127.0.0.1:port, its output in `log_path`.
    `wait()` until /healthz answers 200, `stop()` when done (or use it as a
    context manager)."""

    def __init__(self, command, env, port, log_path, cwd=ROOT):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self):
        return self.process.pid

    def wait(self, path="/healthz", timeout=60):
        """Return self once `path` answers 200. Fails at once when the
        process exits or the page answers 4xx (it never will be up), and
        after `timeout` seconds otherwise; the server is stopped and the
        error carries its log."""
        deadline = time.monotonic() + timeout
        problem = f"no answer on {path} within {timeout} s"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                problem = f"the server exited with status {self.process.returncode}"
                break
            try:
                status, _headers, body = fetch(self.url + path, timeout=2)
            except OSError:
                status = None
            if status == 200:
                return self
            if status is not None and 400 <= status < 500:
                problem = f"{path} answered {status}: {body[:300]!r}"
                break
            time.sleep(0.2)
        self.stop()
        raise ServerError(f"{problem}; its log ({self.log_path}):\n{self.log()[-5000:]}")

    def stop(self, grace=30):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self._log.closed:
            self._log.close()

    def log(self):
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def gunicorn(env, log_path, *, workers=2, timeout=30, port=None, wait=60):
    """gunicorn serving website.wsgi with `env` (production_env) on a free
    port of 127.0.0.1 (BASE_URL follows it unless `env` says otherwise),
    `workers` sync workers, started and answering /healthz."""
    port = port or free_port()
    env = {"BASE_URL": f"http://127.0.0.1:{port}", **env}
    command = [
        GUNICORN,
        "website.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        str(timeout),
    ]
    return Server(command, env, port, log_path).wait(timeout=wait)


def postgres_admin(statement):
    import psycopg

    connection = psycopg.connect(dbname="postgres", **POSTGRES)
    connection.autocommit = True
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


@contextmanager
def scratch_postgres(name=None, prefix="cc_scratch"):
    """A new, empty PostgreSQL database on 127.0.0.1 (`name`, dropped first
    if it exists, or `prefix` and a random suffix); yields its DATABASE_URL
    and drops it afterwards, whatever happened (sessions still connected
    are ended)."""
    name = name or f"{prefix}_{secrets.token_hex(4)}"
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    postgres_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    postgres_admin(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
    finally:
        postgres_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

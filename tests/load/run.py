"""Bounded load test: 50 simulated members for 2 minutes against gunicorn
(production settings) on 127.0.0.1, mixing reads and forum replies. Passes
only with 0% failed requests and forum counters that match a recount.

    make load            # PostgreSQL when reachable on 127.0.0.1:5432, else SQLite
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOAD_USERS", "50"))
DURATION = os.environ.get("LOAD_DURATION", "2m")
PASSWORD = "load-test-password-2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_available():
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


def postgres_admin(statement):
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    connection.autocommit = True
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


def manage(env, *args, capture=True):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )


PREPARE = """
import json
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.utils import timezone
from accounts.models import User
from forum.models import Thread
names = []
for index in range({users}):
    user, created = User.objects.get_or_create(
        username=f"load{{index:02d}}", defaults={{"email": f"load{{index:02d}}@load.example"}}
    )
    user.set_password({password!r})
    # Established accounts: older than a day, so the new-member limits do not apply.
    user.date_joined = timezone.now() - timedelta(days=7)
    user.save()
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={{"verified": True, "primary": True}})
    names.append(user.username)
threads = list(Thread.objects.visible().filter(is_locked=False).values_list("pk", flat=True)[:10])
print(json.dumps({{"names": names, "threads": threads}}))
"""

SNAPSHOT = """
import json
from forum.models import Post, Thread
rows = list(Thread.objects.order_by("pk").values_list("pk", "reply_count", "last_post_id", "last_poster_id", "last_activity_at"))
print(json.dumps({"threads": [[str(value) for value in row] for row in rows], "posts": Post.objects.count()}))
"""


def percentile(histogram, fraction):
    """A percentile from locust's {milliseconds: count} histogram."""
    total = sum(histogram.values())
    if not total:
        return 0
    seen = 0
    for milliseconds, count in sorted((float(key), value) for key, value in histogram.items()):
        seen += count
        if seen >= total * fraction:
            return milliseconds
    return 0


def print_table(stats):
    print(f"{'request':<14} {'count':>6} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for row in sorted(stats, key=lambda row: row["name"]):
        histogram = row.get("response_times", {})
        print(
            f"{row['name']:<14} {row['num_requests']:>6} {row['num_failures']:>6} "
            f"{percentile(histogram, 0.5):>7.0f} {percentile(histogram, 0.95):>7.0f} {row['max_response_time']:>7.0f}"
        )
    for row in stats:
        for error, count in (
            row.get("num_failures_per_error", {}).items()
            if isinstance(row.get("num_failures_per_error"), dict)
            else []
        ):
            print(f"  {row['name']}: {count} x {error}")


def main():
    work = Path(tempfile.mkdtemp(prefix="circle-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "TASKS_IMMEDIATE": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
    }
    database = None
    if postgres_available():
        database = f"circle_load_{secrets.token_hex(4)}"
        postgres_admin(f"CREATE DATABASE {database}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
        env["CONN_MAX_AGE"] = "60"
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'load.sqlite3'}"
    server = None
    try:
        print(f"preparing {env['DATABASE_URL']} ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--skip-index")
        manage(env, "collectstatic", "--noinput", "-v0")
        prepared = json.loads(
            manage(env, "shell", "-c", PREPARE.format(users=USERS, password=PASSWORD))
            .stdout.strip()
            .splitlines()[-1]
        )
        before = json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])

        port = free_port()
        log = open(work / "gunicorn.log", "w")  # noqa: SIM115
        server = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "website.wsgi",
                # Sync workers, as in the README's production command: no
                # keep-alive, so no race between an idle close and a reuse.
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        host = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{host}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

        load_env = {
            **env,
            "LOAD_PASSWORD": PASSWORD,
            "LOAD_USERNAMES": ",".join(prepared["names"]),
            "LOAD_THREAD_IDS": ",".join(str(pk) for pk in prepared["threads"]),
        }
        print(f"running {USERS} users for {DURATION} against {host} ...", flush=True)
        result = subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "tests" / "load" / "locustfile.py"),
                "--headless",
                "--users",
                str(USERS),
                "--spawn-rate",
                "10",
                "--run-time",
                DURATION,
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--only-summary",
                "--json",
            ],
            cwd=ROOT,
            env=load_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        stats = json.loads(result.stdout)
        print_table(stats)
        if "Error report" in result.stderr:
            print(result.stderr[result.stderr.index("Error report") :][:3000])
        requests = sum(row["num_requests"] for row in stats)
        failures = sum(row["num_failures"] for row in stats)
        posts = sum(row["num_requests"] - row["num_failures"] for row in stats if row["name"] == "post reply")

        after = json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])
        manage(env, "recount_forum")
        recounted = json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])

        print(f"requests: {requests}, failures: {failures}, replies shown after posting: {posts}")
        print(f"posts before: {before['posts']}, after: {after['posts']}")
        ok = True
        if failures:
            print("FAIL: some requests failed")
            ok = False
        if after["posts"] - before["posts"] != posts:
            print("FAIL: the number of new posts does not match the replies sent")
            ok = False
        if after["threads"] != recounted["threads"]:
            print("FAIL: thread counters differ from a recount after the load")
            ok = False
        if requests < USERS * 10:
            print("FAIL: too few requests were made for the test to mean anything")
            ok = False
        print("load test passed" if ok else "load test FAILED")
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if database:
            postgres_admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())

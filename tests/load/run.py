"""Bounded load test: 50 simulated members for 2 minutes against gunicorn
(production settings) on 127.0.0.1, mixing reads and forum replies. Passes
only with 0% failed requests and forum counters that match a recount.

    make load            # PostgreSQL when reachable on 127.0.0.1:5432, else SQLite
"""

import json
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.server import gunicorn, postgres_available, production_env, scratch_postgres  # noqa: E402
from tests.server import manage as run_manage  # noqa: E402

BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOAD_USERS", "50"))
DURATION = os.environ.get("LOAD_DURATION", "2m")
PASSWORD = "load-test-password-2026"


def manage(env, *args):
    return run_manage(*args, env=env, timeout=900)


PREPARE = """
import json
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.utils import timezone
from accounts.models import User
from forum.models import Standing, Thread
names = []
for index in range({users}):
    user, created = User.objects.get_or_create(
        username=f"load{{index:02d}}", defaults={{"email": f"load{{index:02d}}@load.example"}}
    )
    user.set_password({password!r})
    # Established accounts, regulars by participation (forum/trust.py), so the
    # new-member limits do not apply.
    user.date_joined = timezone.now() - timedelta(days=7)
    user.save()
    Standing.objects.update_or_create(user=user, defaults={{"days_visited": 30, "posts_read": 200}})
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
    with ExitStack() as stack:
        if postgres_available():
            database_url = stack.enter_context(scratch_postgres(prefix="circle_load"))
            extra = {"CONN_MAX_AGE": "60"}
        else:
            database_url, extra = f"sqlite:///{work / 'load.sqlite3'}", {}
        env = production_env(
            database_url,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            MEDIA_ROOT=work / "media",
            STATIC_ROOT=work / "static",
            **extra,
        )
        return load_test(env, work, stack)


def load_test(env, work, stack):
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

    # Sync workers, as in the README's production command: no keep-alive, so
    # no race between an idle close and a reuse. BASE_URL follows the port
    # (absolute links and the page cache use it).
    server = stack.enter_context(gunicorn(env, work / "gunicorn.log", workers=4))
    host = server.url
    env = {**env, "BASE_URL": host}

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


if __name__ == "__main__":
    sys.exit(main())

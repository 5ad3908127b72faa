"""Time and count the queries of the writes members make, against the
benchmark's database: a reply, a new thread, a like and an activity
submission, each SAMPLES times, each time by another bench member (who
has read the thread first).

    DATABASE_URL=... python tests/bench/writes.py

In-process (django.test.Client with the test settings, like queries.py):
the times are those of the view, the database and the templates, without
gunicorn or the network. The forum's cooldowns and the pending-submission
cap are lifted (their checks still run) so that samples follow each other;
tasks (e-mail, search indexing) are queued in the database as in production
(one INSERT each), not run in the request. Prints one JSON object:
{kind: {"n", "failed", "p50_ms", "p99_ms", "queries", "transactions"}} with
the median number of SQL statements (transaction control left out, as in
tests/forum/test_write_queries.py: queries.statements) and of transactions
opened.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = int(os.environ.get("BENCH_WRITE_SAMPLES", "12"))
TEXT = "A reply written by the benchmark, long enough for the forum's limits, number {n} of kind {kind}."
# Background work goes to the database queue, as in production (one INSERT
# per task; website/settings/production.py): e-mails and search indexing
# are the worker's, not the request's.
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
LIFTED_LIMITS = {
    "POST_COOLDOWN_SECONDS": 0,
    "NEW_MEMBER_POST_COOLDOWN_SECONDS": 0,
    "THREAD_COOLDOWN_SECONDS": 0,
    "NEW_MEMBER_THREAD_COOLDOWN_SECONDS": 0,
    "DUPLICATE_WINDOW_SECONDS": 0,
    "MAX_THREADS_PER_DAY": 10_000,
    "NEW_MEMBER_MAX_THREADS_PER_DAY": 10_000,
    "NEW_MEMBER_MAX_REPLIES_PER_DAY": 10_000,
}


def submission(n):
    return {
        "title": f"Benchmark activity {n}",
        "summary": "Everyone writes ideas on their own before anyone speaks.",
        "purpose": "Quiet people get their ideas in before the loudest voice sets the direction.",
        "phases": ["learning"],
        "duration_min": "10",
        "duration_max": "15",
        "group_min": "3",
        "group_max": "",
        "groupings": ["solo", "whole-group"],
        "settings": ["in-person"],
        "lowtech": ["no-projector"],
        "meetings": ["first", "middle", "last"],
        "materials": "Sticky notes and pens.",
        "tips": "Keep the silence strict for the first five minutes.",
        "variations": "",
        "tags": "brainstorm, quiet groups",
        "credit": "",
        "source_url": "",
        "licence": "cc-by-sa-4.0",
        "derived_from": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "12",
        "steps-0-text": "Write one idea per note, alone.",
        "steps-0-minutes": "5",
        "action": "submit",
    }


def main():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from forum.models import Category, Post, Thread
    from tests.bench.queries import statements, transactions

    setup_test_environment()
    users = list(get_user_model().objects.filter(username__startswith="bench").order_by("username"))
    thread = Thread.objects.visible().filter(title__startswith="[bench]").order_by("pk").first()
    category = Category.objects.order_by("order").first()
    posts = list(Post.objects.filter(thread=thread).order_by("pk")[: SAMPLES + len(users)])
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        # A member reads the thread before writing: their session, access
        # snapshot and read marker exist, as on the site.
        client.get(thread.get_absolute_url())
        clients.append((user, client))

    def like_target(user, n):
        return next(post for post in posts[n:] + posts if post.author_id != user.pk)

    writes = {
        "reply": lambda user, n: (
            f"/en/forum/t/{thread.pk}/reply/",
            {"source": TEXT.format(n=n, kind="reply")},
        ),
        "new thread": lambda user, n: (
            "/en/forum/new/",
            {
                "category": category.pk,
                "title": f"A benchmark thread, number {n}",
                "source": TEXT.format(n=n, kind="thread"),
                "tags": "",
            },
        ),
        "like": lambda user, n: (f"/en/forum/p/{like_target(user, n).pk}/like/", {}),
        "activity submission": lambda user, n: ("/en/library/submit/", submission(n)),
    }
    results = {}
    with override_settings(
        FORUM_LIMITS=LIFTED_LIMITS, ACTIVITIES_MAX_PENDING_SUBMISSIONS=10**6, TASKS=PRODUCTION_TASKS
    ):
        for kind, request_for in writes.items():
            times, queries, opened, failed = [], [], [], 0
            for n in range(SAMPLES):
                user, client = clients[n % len(clients)]
                url, data = request_for(user, n)
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.post(url, data)
                    elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 302:
                    failed += 1
                    print(f"[writes] {kind} #{n}: {response.status_code}", file=sys.stderr)
                    continue
                times.append(elapsed)
                queries.append(len(statements(captured.captured_queries)))
                opened.append(transactions(captured.captured_queries))
            ordered = sorted(times)
            results[kind] = {
                "n": len(times),
                "failed": failed,
                "p50_ms": statistics.median(ordered) if ordered else None,
                "p99_ms": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else None,
                "queries": int(statistics.median(queries)) if queries else None,
                "transactions": int(statistics.median(opened)) if opened else None,
            }
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()

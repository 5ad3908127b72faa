"""Count the SQL queries each measured page costs, uncached and anonymous,
and say where they come from.

    DATABASE_URL=... python tests/bench/queries.py URL [URL ...]

Runs with the test settings (local-memory cache, PAGE_CACHE_SECONDS=0, so
every request reaches the view) against the benchmark's database and requests
each URL twice with django.test.Client inside CaptureQueriesContext. Prints
one JSON object: {url: {"status", "cold", "warm", "origins"}}. "cold" is the
first request for that URL in this process (caches such as the header's links
or Wagtail's site root paths may still be empty), "warm" the second, and
"origins" the warm request's queries grouped by the innermost project function
or template line that ran them ("page serving" when only Django/Wagtail code
is on the stack: resolving the site, locale, page and view restrictions).
BENCH_SHOW_QUERIES=1 also prints each query's SQL to stderr.
BENCH_MEMBER=username counts them for that member, signed in.
"""

import json
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Frames that wrap every request: not where a page's queries come from.
PASS_THROUGH = ("home/cache.py", "home/middleware.py", "tests/bench/")


# What opens and closes a transaction or a savepoint: the database's
# bookkeeping around a write, not one of its queries.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements(captured_queries):
    """The SQL statements among captured queries, transaction control left
    out (inside a test's transaction Django's atomic blocks become
    SAVEPOINTs, outside it BEGIN and COMMIT): what a write's query budget
    counts, the same in the tests and in the benchmark."""
    return [
        query["sql"]
        for query in captured_queries
        if not query["sql"].lstrip().upper().startswith(TRANSACTION_CONTROL)
    ]


def transactions(captured_queries):
    """How many transactions the captured queries opened (BEGIN)."""
    return sum(1 for query in captured_queries if query["sql"].strip().upper() == "BEGIN")


def _project_path(filename):
    path = Path(filename)
    if ".venv" in path.parts or not path.is_relative_to(ROOT):
        return None
    relative = path.relative_to(ROOT).as_posix()
    return None if relative.startswith(PASS_THROUGH) else relative


def origin_of_current_query():
    """The innermost project function or template line on the stack."""
    for frame, _lineno in traceback.walk_stack(None):
        code = frame.f_code
        relative = _project_path(code.co_filename)
        if relative is not None:
            return f"{relative}:{code.co_name}"
        if code.co_name == "render_annotated" and "django/template" in code.co_filename:
            node = frame.f_locals.get("self")
            origin, token = getattr(node, "origin", None), getattr(node, "token", None)
            if origin is not None and token is not None:
                name = Path(str(origin.name))
                shown = (
                    name.relative_to(ROOT).as_posix() if name.is_relative_to(ROOT) else origin.template_name
                )
                return f"{shown}:{token.lineno}"
    return "page serving (Django/Wagtail)"


def main(urls):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    member = os.environ.get("BENCH_MEMBER")
    if member:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=member))
    results = {}
    for url in urls:
        counts = []
        origins = {}
        status = None
        for attempt in range(2):
            if not member:
                client.cookies.clear()
            seen = []

            def record(execute, sql, params, many, context, seen=seen):
                seen.append(origin_of_current_query())
                return execute(sql, params, many, context)

            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
                response = client.get(url)
            status = response.status_code
            counts.append(len(captured.captured_queries))
            if attempt == 1:
                for origin in seen:
                    origins[origin] = origins.get(origin, 0) + 1
            if os.environ.get("BENCH_SHOW_QUERIES"):
                print(f"--- {url} ({len(captured.captured_queries)} queries)", file=sys.stderr)
                for query, origin in zip(captured.captured_queries, seen, strict=False):
                    print(f"    [{origin}] {query['sql'][:240]}", file=sys.stderr)
        results[url] = {"status": status, "cold": counts[0], "warm": counts[1], "origins": origins}
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

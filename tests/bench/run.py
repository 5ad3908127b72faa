"""The benchmark (`make bench`): a large dataset, served by gunicorn with
production settings on 127.0.0.1, measured with wrk, on SQLite then PostgreSQL.

For each database it:
1. builds the data: migrate, seed_demo, then tests/bench/dataset.py (1,000
   activities, 100 guides, 300 threads of 40 posts);
2. serves it: collectstatic, gunicorn with 2 workers, the anonymous page cache
   in Redis db 9 (flushed first), waits for /healthz;
3. for each page: visits it twice (the second visit must be a cache hit),
   sizes its HTML and its CSS+JS (gzipped), warms both workers with one
   second of wrk, then measures with `wrk -t2 -c8 --latency` and reads the
   workers' RSS; the machine's 1-minute load average before the measurement
   is printed too, since other work on the machine skews the figures;
4. stops gunicorn and counts each page's SQL queries uncached
   (tests/bench/queries.py, test settings, same database);
5. prints a table and the pages that miss a target.
Then it drops the PostgreSQL database and flushes Redis db 9, whatever happened.

Everything stays on 127.0.0.1; every step has a time limit. Exit status 1
when a target is missed, 2 when the run itself failed.

    .venv/bin/python tests/bench/run.py              # issue 10's benchmark (tests/bench/suite.py)
    .venv/bin/python tests/bench/run.py --classic [--databases sqlite,postgres] [--duration 8]

Without --classic it runs tests/bench/suite.py: PostgreSQL, a bare Wagtail
site to compare with, anonymous with and without the page cache and signed
in, the dataset at 1x and 5x, and the writes.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from report import PageResult, asset_urls, gzipped_size, markdown_table, parse_wrk, verdicts  # noqa: E402

from tests.server import PYTHON, ROOT, gunicorn, production_env, scratch_postgres  # noqa: E402

# Overridable, so that two checkouts can run it at once without sharing a
# database, a Redis db or a folder: BENCH_WORK, BENCH_DATABASE, BENCH_REDIS_DB.
WORK = Path(os.environ.get("BENCH_WORK", "/tmp/bench"))  # noqa: S108 - the benchmark's own folder
SQLITE_PATH = WORK / "bench.sqlite3"
PG_DATABASE = os.environ.get("BENCH_DATABASE", "circle_bench")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "9"))
GIT = shutil.which("git") or "git"
CONNECTIONS = 8
THREADS = 2
WORKERS = 2
BUILD_TIMEOUT = 15 * 60


def log(message):
    print(f"[bench] {message}", flush=True)


def base_env(database_url):
    return production_env(
        database_url,
        CACHE_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        MEDIA_ROOT=WORK / "media",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )


def run(command, env, timeout, stream=False):
    """Run a command in the project; return its stdout. With stream=True its
    output is echoed as it comes (progress) and still returned."""
    if not stream:
        completed = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if completed.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")
        return completed.stdout
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        lines.append(line)
        if not line.startswith("{"):
            print("    " + line.rstrip(), flush=True)
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{' '.join(command)} took more than {timeout} s")
    if process.wait():
        raise RuntimeError(f"{' '.join(command)} failed:\n{''.join(lines[-30:])}")
    return "".join(lines)


def manage(env, *args, timeout=600, stream=False):
    return run([PYTHON, "manage.py", *args], env, timeout, stream=stream)


def flush_redis():
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def remove_sqlite():
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


# Serving ------------------------------------------------------------------------


def fetch(url, timeout=30):
    request = urllib.request.Request(url, headers={"User-Agent": "circle-commons-bench"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def worker_pids(master_pid):
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            pids.append(int(status.parent.name))
    return sorted(pids)


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(url, duration):
    completed = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    return parse_wrk(completed.stdout)


def measure_page(base, name, path, duration, master_pid):
    url = base + path
    result = PageResult(name=name, url=path)
    status, headers, body = fetch(url)  # warm: fills the page cache
    if status != 200:
        raise RuntimeError(f"{name}: {url} answered {status}")
    result.sets_cookie = headers.get("Set-Cookie") is not None
    _status, headers, body = fetch(url)
    result.cache = headers.get("X-Page-Cache", "")
    result.html_bytes = len(body)
    for asset in asset_urls(body.decode("utf-8", "replace")):
        _asset_status, _asset_headers, data = fetch(urllib.request.urljoin(url, asset))
        result.assets_gzip_bytes += gzipped_size(data)
    wrk(url, 1)  # one second at the same concurrency: every worker has served it before the measurement
    result.load_before = os.getloadavg()[0]
    figures = wrk(url, duration)
    result.rps, result.p50_ms, result.p99_ms = figures["rps"], figures["p50_ms"], figures["p99_ms"]
    result.requests, result.failed = figures["requests"], figures["non2xx"] + figures["errors"]
    result.worker_rss_mb = [rss_mb(pid) for pid in worker_pids(master_pid)]
    log(
        f"{name}: {result.rps:.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, "
        f"{result.requests} requests, {result.failed} failed, cache {result.cache or 'none'}"
    )
    return result


# One database -----------------------------------------------------------------


def bench_database(label, database_url, duration):
    env = base_env(database_url)
    started = time.monotonic()
    log(f"{label}: migrate")
    manage(env, "migrate", "--noinput")
    log(f"{label}: seed_demo")
    manage(env, "seed_demo", timeout=900)
    log(f"{label}: building the large dataset")
    output = run([PYTHON, "tests/bench/dataset.py"], env, BUILD_TIMEOUT, stream=True)
    dataset = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    build_seconds = time.monotonic() - started
    log(f"{label}: data ready in {build_seconds:.0f} s: {dataset['counts']}")
    manage(env, "collectstatic", "--noinput", "-v0")

    flush_redis()
    results = []
    server = None
    try:
        # BASE_URL follows the port: only requests on BASE_URL fill the page cache.
        server = gunicorn(env, WORK / f"gunicorn-{label.lower()}.log", workers=WORKERS, timeout=60)
        log(f"{label}: gunicorn ({WORKERS} workers) on {server.url}, workers {worker_pids(server.pid)}")
        for name, path in dataset["urls"].items():
            results.append(measure_page(server.url, name, path, duration, server.pid))
    finally:
        if server is not None:
            server.stop()
        flush_redis()

    log(f"{label}: counting SQL queries (uncached, anonymous)")
    query_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    counts = json.loads(
        run([PYTHON, "tests/bench/queries.py", *dataset["urls"].values()], query_env, 300).splitlines()[-1]
    )
    for result in results:
        counted = counts[result.url]
        if counted["status"] != 200:
            raise RuntimeError(f"{result.name}: {result.url} answered {counted['status']} to the test client")
        result.queries, result.queries_first = counted["warm"], counted["cold"]
        result.query_origins = counted["origins"]
    return {"label": label, "counts": dataset["counts"], "build_seconds": build_seconds, "results": results}


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def code_version():
    """The commit measured, and how many tracked files differed from it (the
    checkout is shared with work in progress)."""
    try:
        commit = subprocess.run(  # noqa: S603
            [GIT, "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        changed = subprocess.run(  # noqa: S603
            [GIT, "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown commit"
    return f"commit {commit}" + (f" with {len(changed)} modified files" if changed else "")


def describe(run_result):
    counts = run_result["counts"]
    lines = [
        f"### {run_result['label']}",
        "",
        f"Data: {counts['activities']:,} live activities, {counts['guides']:,} live guides, "
        f"{counts['threads']:,} threads, {counts['posts']:,} posts (built in {run_result['build_seconds']:.0f} s).",
        "",
        markdown_table(run_result["results"]),
        "",
        *verdicts(run_result["results"]),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", "8")))
    parser.add_argument("--classic", action="store_true", help="the page-cache benchmark on each database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        log("wrk is missing: apt-get install -y wrk (make bench does it)")
        return 2
    if not args.classic:
        import suite

        try:
            return suite.main(sys.modules[__name__], code_version())
        except Exception as error:  # noqa: BLE001 - report; suite.main cleaned up
            log(f"the run failed: {error}")
            return 2
    WORK.mkdir(parents=True, exist_ok=True)
    databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    started = time.monotonic()
    version = code_version()
    runs = []
    try:
        for name in databases:
            if name == "sqlite":
                remove_sqlite()
                runs.append(bench_database("SQLite", f"sqlite:///{SQLITE_PATH}", args.duration))
                remove_sqlite()
            elif name == "postgres":
                with scratch_postgres(PG_DATABASE) as database_url:
                    runs.append(bench_database("PostgreSQL", database_url, args.duration))
            else:
                raise ValueError(f"Unknown database {name!r} (sqlite, postgres)")
    except Exception as error:  # noqa: BLE001 - report and clean up, whatever went wrong
        log(f"the run failed: {error}")
        return 2
    finally:
        remove_sqlite()
        flush_redis()

    header = (
        f"Run on {datetime.date.today().isoformat()} ({version}), {os.cpu_count()} cores "
        f"({cpu_name()}), Python {platform.python_version()}: "
        f"gunicorn {WORKERS} sync workers, wrk {THREADS} threads / {CONNECTIONS} connections / "
        f"{args.duration} s per page after one visit and a 1 s warm-up, anonymous, page cache in Redis. "
        f"SQL queries: the second uncached request with the test client (the first, with empty caches, "
        f"in parentheses when it differs)."
    )
    text = "\n\n".join([header, *(describe(run_result) for run_result in runs)])
    (WORK / "results.md").write_text(text + "\n")
    print("\n" + text + "\n", flush=True)
    log(f"total {time.monotonic() - started:.0f} s; tables also in {WORK / 'results.md'}")
    missed = any(result.misses() for run_result in runs for result in run_result["results"])
    if missed:
        log("some targets are missed (see above)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

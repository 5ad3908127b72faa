"""The benchmark of issue 10: how fast the site is for the people who sign
in, against a bare Wagtail site, and how that holds as the data grows.

On PostgreSQL, in one run (about 12 minutes on 2 cores):
1. a bare Wagtail site (`wagtail start`, generated into a temporary folder,
   tests/bench/bare.py) is served by gunicorn beside ours; its home page's
   requests/s, measured just before and just after each of our pages'
   figures (their mean), is the unit that page is reported in ("ratio");
2. the dataset is built at 1x (SCALES: 100 activities, 10 guides, 30
   threads of 40 posts, on top of the demo) and then grown to 5x; after each load the
   database is analysed (ANALYZE), as restore_site does after a restore;
3. at each size, every measured page is served by gunicorn (production
   settings, 2 sync workers, Redis db 9) and measured with
   `wrk -t2 -c8 -d3s --latency` after a 1 s warm-up, gzip accepted:
   anonymous with the page cache on (cached), anonymous with the page
   cache off (uncached) and signed in as a member (never cached), each
   page ROUNDS times in turn (2; BENCH_ROUNDS); the bare home page is
   measured before the first page and after each round of a page, so each
   ratio compares figures taken under the same load, and a page's figures
   are its rounds' means;
4. SQL queries per page, anonymous and member (tests/bench/queries.py), and
   the writes (tests/bench/writes.py: reply, new thread, like, activity
   submission: p50/p99 and queries);
5. prints the tables: per size, the growth from 1x to 5x per page, and the
   writes. The 1-minute load average before each measurement stands beside
   it: the machine is shared, and a busy one makes every figure smaller.
Everything runs on 127.0.0.1 and is bounded in time; the databases are
dropped and Redis db 9 flushed at the end, whatever happened.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bare import bare_site  # noqa: E402
from report import asset_urls, parse_wrk  # noqa: E402

from tests.server import gunicorn, scratch_postgres  # noqa: E402

# Scales: what BENCH_* dataset.py reads (it adds to what exists, so 5x grows 1x).
SCALES = [
    ("1×", {"BENCH_ACTIVITIES": "100", "BENCH_GUIDES": "10", "BENCH_THREADS": "30"}),
    ("5×", {"BENCH_ACTIVITIES": "500", "BENCH_GUIDES": "50", "BENCH_THREADS": "150"}),
]
MODES = ["cached", "uncached", "member"]
DURATION = int(os.environ.get("BENCH_DURATION", "3"))
# Each page is measured this many times in turn, anonymous and signed in,
# each time between two figures of the bare site (serve_and_measure).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
BARE_DATABASE = os.environ.get("BENCH_BARE_DATABASE", "circle_bench_bare")
MEMBER = "bench01"
TARGET_RATIO = 0.6  # of the bare Wagtail home page (issue 10)
TARGET_GROWTH = 0.9  # 5x over 1x
TARGET_FIRST_VISIT_BYTES = 8 * 1024  # CSS and JS a first visit fetches, gzipped
# Pages whose bytes are measured besides the dataset's (a member's tool).
BYTES_ONLY = {"planner": "/en/library/planner/?budget=90&size=10"}


def wrk(url, duration, cookie=None):
    command = [
        shutil.which("wrk") or "wrk",
        "-t2",
        "-c8",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    completed = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, timeout=duration + 30, check=True
    )
    return parse_wrk(completed.stdout)


def measure(url, cookie=None, duration=DURATION):
    wrk(url, 1, cookie)  # warm-up: both workers have served it
    load = os.getloadavg()[0]
    figures = wrk(url, duration, cookie)
    figures["load"] = load
    return figures


def analyze(run, env):
    run.manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; from core.backup import analyze; analyze(connection)",
    )


def member_cookie(run, env):
    session = json.loads(
        run.run([run.PYTHON, "tests/bench/member_session.py", MEMBER], env, 120).splitlines()[-1]
    )
    return f"{session['cookie']}={session['key']}"


def check_signed_in(base, path, cookie):
    if b"/accounts/logout/" not in fetched(base + path, cookie)[1]:
        raise RuntimeError("the member's session cookie does not sign in")


def mean_figures(rounds):
    """One page's figures over its rounds: each value's mean, and `ratio`,
    the mean of each round's requests/s over the bare figure around it."""
    figures = {key: sum(each[key] for each in rounds) / len(rounds) for key in rounds[0]}
    if "bare_rps" in rounds[0]:
        figures["ratio"] = sum(each["rps"] / each["bare_rps"] for each in rounds) / len(rounds)
    figures["rounds"] = len(rounds)
    return figures


def fetched(url, cookie=None):
    """(the body as sent, gzip accepted; the body itself; its Content-Encoding)."""
    import gzip
    import urllib.request

    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        sent, encoding = response.read(), response.headers.get("Content-Encoding", "")
    return sent, gzip.decompress(sent) if encoding == "gzip" else sent, encoding


def page_bytes(url, cookie=None):
    """What a page costs on the wire: its HTML as sent (and whether
    gzipped), and the stylesheets and scripts a first visit fetches, as
    WhiteNoise sends them (its precompressed copies)."""
    import urllib.parse

    sent, html, encoding = fetched(url, cookie)
    assets = sum(len(fetched(urllib.parse.urljoin(url, asset))[0]) for asset in asset_urls(html.decode()))
    return {"html": len(sent), "encoding": encoding, "html_raw": len(html), "assets": assets}


def serve_and_measure(run, env, urls, page_cache, cookie=None, modes=(), bare_base=None, rounds=1):
    """{mode: {page: figures}} for one server (page cache on or off), each
    page measured `rounds` times in turn. With `bare_base`, the bare Wagtail
    home is measured before the first page and after each round of a page:
    each round carries `bare_rps` and `bare_load`, the mean of the two
    measurements around it, so each ratio compares figures taken within
    half a minute of each other (the machine is shared, and its speed drifts
    by a quarter within minutes); the page's figures are the rounds' means
    (mean_figures). `results["bare"]` lists the bare measurements."""
    measured = {mode: {} for mode in modes}
    results = {}
    run.flush_redis()
    server_env = {**env, "PAGE_CACHE_SECONDS": "300" if page_cache else "0"}
    log_path = run.WORK / f"gunicorn-{'cached' if page_cache else 'uncached'}.log"
    with gunicorn(server_env, log_path, workers=2, timeout=60) as server:
        base = server.url
        if "member" in modes:
            check_signed_in(base, "/en/", cookie)
            results["bytes"] = {
                name: {"anon": page_bytes(base + path), "member": page_bytes(base + path, cookie)}
                for name, path in {**urls, **BYTES_ONLY}.items()
            }
        if bare_base:
            results["bare"] = [measure(bare_base + "/")]
        for name, path in urls.items():
            for _round in range(rounds):
                taken = {}
                for mode in modes:
                    figures = taken[mode] = measure(base + path, cookie if mode == "member" else None)
                    measured[mode].setdefault(name, []).append(figures)
                    run.log(
                        f"  {name} [{mode}]: {figures['rps']:.0f} req/s, p50 {figures['p50_ms']:.0f} ms, "
                        f"p99 {figures['p99_ms']:.0f} ms, load {figures['load']:.1f}"
                    )
                if bare_base:
                    before, after = results["bare"][-1], measure(bare_base + "/")
                    results["bare"].append(after)
                    for figures in taken.values():
                        figures["bare_rps"] = (before["rps"] + after["rps"]) / 2
                        figures["bare_load"] = (before["load"] + after["load"]) / 2
                    run.log(f"  bare Wagtail home: {after['rps']:.0f} req/s, load {after['load']:.1f}")
    for mode, pages in measured.items():
        results[mode] = {name: mean_figures(taken) for name, taken in pages.items()}
    return results


def bench_scale(run, env, label, counts, bare_base):
    started = time.monotonic()
    run.log(f"{label}: building the dataset {counts}")
    output = run.run(
        [run.PYTHON, "tests/bench/dataset.py"], {**env, **counts}, run.BUILD_TIMEOUT, stream=True
    )
    dataset = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    analyze(run, env)
    run.log(f"{label}: data ready and analysed in {time.monotonic() - started:.0f} s: {dataset['counts']}")
    urls = dataset["urls"]
    cookie = member_cookie(run, env)

    # The bare home is measured before the first page and after each one,
    # and each page's ratio uses the two figures around it.
    figures = serve_and_measure(
        run,
        env,
        urls,
        page_cache=False,
        cookie=cookie,
        modes=["uncached", "member"],
        bare_base=bare_base,
        rounds=ROUNDS,
    )
    sizes = figures.pop("bytes")
    measured = figures.pop("bare")
    bare = {
        "rps": sum(each["rps"] for each in measured) / len(measured),
        "load": sum(each["load"] for each in measured) / len(measured),
        "range": (min(each["rps"] for each in measured), max(each["rps"] for each in measured)),
    }
    run.log(
        f"{label}: bare Wagtail home {bare['range'][0]:.0f}-{bare['range'][1]:.0f} req/s "
        f"over {len(measured)} measurements (mean {bare['rps']:.0f})"
    )
    figures.update(serve_and_measure(run, env, urls, page_cache=True, modes=["cached"]))

    query_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    anonymous = json.loads(
        run.run([run.PYTHON, "tests/bench/queries.py", *urls.values()], query_env, 300).splitlines()[-1]
    )
    member = json.loads(
        run.run(
            [run.PYTHON, "tests/bench/queries.py", *urls.values()], {**query_env, "BENCH_MEMBER": MEMBER}, 300
        ).splitlines()[-1]
    )
    writes = json.loads(run.run([run.PYTHON, "tests/bench/writes.py"], query_env, 600).splitlines()[-1])
    run.log(f"{label}: writes {writes}")
    return {
        "label": label,
        "counts": dataset["counts"],
        "urls": urls,
        "bare": bare,
        "figures": figures,
        "bytes": sizes,
        "queries": {name: (anonymous[path]["warm"], member[path]["warm"]) for name, path in urls.items()},
        "writes": writes,
    }


# Tables ---------------------------------------------------------------------


def table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def ratio(figures, bare):
    """Requests/s over the bare Wagtail home's: the mean over the rounds of
    each round's over the bare figures measured around it (mean_figures),
    else over the run's mean."""
    if "ratio" in figures:
        return figures["ratio"]
    unit = figures.get("bare_rps", bare["rps"])
    return figures["rps"] / unit if unit else 0.0


def scale_table(result):
    bare = result["bare"]
    rows = [
        [
            "bare Wagtail home (mean; lowest-highest)",
            f"{bare['rps']:.0f} ({bare['range'][0]:.0f}-{bare['range'][1]:.0f})"
            if "range" in bare
            else f"{bare['rps']:.0f}",
            "",
            "",
            "1.00",
            f"{bare['load']:.1f}",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    ]
    for name in result["urls"]:
        cached = result["figures"]["cached"][name]
        uncached = result["figures"]["uncached"][name]
        member = result["figures"]["member"][name]
        anon_q, member_q = result["queries"][name]
        rows.append(
            [
                name,
                f"{uncached['rps']:.0f}",
                f"{uncached['p50_ms']:.0f}",
                f"{uncached['p99_ms']:.0f}",
                f"{ratio(uncached, bare):.2f}",
                f"{uncached['load']:.1f}",
                f"{member['rps']:.0f}",
                f"{member['p50_ms']:.0f} / {member['p99_ms']:.0f}",
                f"{ratio(member, bare):.2f}",
                f"{member['load']:.1f}",
                f"{cached['rps']:.0f} ({cached['load']:.1f})",
                f"{anon_q} / {member_q}",
                f"{uncached.get('bare_rps', bare['rps']):.0f} ({uncached.get('bare_load', bare['load']):.1f})",
            ]
        )
    header = [
        "page",
        "anon req/s",
        "p50 ms",
        "p99 ms",
        "× bare",
        "load",
        "member req/s",
        "p50 / p99 ms",
        "× bare",
        "load",
        "cached req/s (load)",
        "queries anon / member",
        "bare req/s (load)",
    ]
    counts = result["counts"]
    return (
        f"### {result['label']}: {counts['activities']:,} activities, {counts['guides']:,} guides, "
        f"{counts['threads']:,} threads, {counts['posts']:,} posts\n\n"
        "anon = anonymous with the page cache off; member = signed in (never page-cached); "
        "× bare = requests/s over the bare Wagtail home page's, measured just before and just after the "
        "page's anonymous and member figures (their mean, in the last column with the mean load); "
        "each figure the mean of the page's rounds, each round between two bare figures.\n\n"
        + table(header, rows)
    )


def growth_table(small, large):
    rows = []
    for name in small["urls"]:
        row = [name]
        for mode in ("uncached", "member"):
            low, high = small["figures"][mode][name], large["figures"][mode][name]
            # Ratios to the bare site measured at the same time cancel most of the machine's load changes.
            row += [
                f"{ratio(low, small['bare']):.2f}",
                f"{ratio(high, large['bare']):.2f}",
                f"{ratio(high, large['bare']) / ratio(low, small['bare']):.2f}"
                if ratio(low, small["bare"])
                else "",
            ]
        row.append(f"{small['queries'][name][1]} → {large['queries'][name][1]}")
        rows.append(row)
    header = [
        "page",
        "anon 1× (× bare)",
        "anon 5×",
        "5×/1×",
        "member 1×",
        "member 5×",
        "5×/1×",
        "member queries 1× → 5×",
    ]
    return "### Growth: 1× → 5×\n\n" + table(header, rows)


def bytes_table(result):
    """HTML and first-visit CSS+JS as sent (gzip accepted), per page."""
    rows = []
    for name, viewers in result["bytes"].items():
        row = [name]
        for viewer in ("anon", "member"):
            figures = viewers[viewer]
            row.append(
                f"{figures['html']:,} ({figures['encoding'] or 'not compressed'}; {figures['html_raw']:,} raw)"
            )
            row.append(f"{figures['assets']:,}")
        over = [
            viewer for viewer in ("anon", "member") if viewers[viewer]["assets"] >= TARGET_FIRST_VISIT_BYTES
        ]
        row.append("over: " + ", ".join(over) if over else "yes")
        rows.append(row)
    header = ["page", "HTML anon", "CSS+JS anon", "HTML member", "CSS+JS member", "CSS+JS under 8 KB"]
    return (
        f"### Bytes on the wire ({result['label']}; gzip accepted; CSS+JS: every stylesheet and script a first "
        "visit fetches, as WhiteNoise sends them)\n\n" + table(header, rows)
    )


def writes_table(results):
    rows = []
    for kind in results[0]["writes"]:
        row = [kind]
        for result in results:
            figures = result["writes"][kind]
            if figures["p50_ms"] is None:
                row += ["failed", "", ""]
                continue
            queries = str(figures["queries"])
            if figures.get("transactions"):
                queries += f" ({figures['transactions']} tx)"
            row += [f"{figures['p50_ms']:.0f}", f"{figures['p99_ms']:.0f}", queries]
        rows.append(row)
    header = ["write"] + [f"{r['label']} {c}" for r in results for c in ("p50 ms", "p99 ms", "queries")]
    samples = results[0]["writes"][next(iter(results[0]["writes"]))]["n"]
    return (
        f"### Writes ({samples} each, each by another member; in-process test client on the same database; "
        "queries: SQL statements, and in brackets the transactions they ran in, each one BEGIN and one COMMIT more)\n\n"
        + table(header, rows)
    )


def prepare(run, env):
    run.manage(env, "migrate", "--noinput")
    # The search index is filled as the dataset's pages are published; the
    # demo's own pages are left out of it, to keep the run within its time.
    run.manage(env, "seed_demo", "--skip-index", timeout=900)
    run.manage(env, "collectstatic", "--noinput", "-v0")


def main(run, version):
    run.WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = []
    try:
        with (
            scratch_postgres(run.PG_DATABASE) as database_url,
            scratch_postgres(BARE_DATABASE) as bare_database_url,
        ):
            env = run.base_env(database_url)
            run.log("migrate, seed_demo; meanwhile the bare Wagtail site is generated and migrated")
            with ThreadPoolExecutor(max_workers=1) as pool:
                ours = pool.submit(prepare, run, env)
                with bare_site(run.WORK / "bare", bare_database_url) as bare_base:
                    ours.result()
                    for label, counts in SCALES:
                        results.append(bench_scale(run, env, label, counts, bare_base))
    finally:
        run.flush_redis()
    header = (
        f"Run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} ({version}), {os.cpu_count()} cores, "
        f"PostgreSQL, gunicorn 2 sync workers, production settings, wrk 2 threads / 8 connections / "
        f"{DURATION} s per figure after a 1 s warm-up, {ROUNDS} rounds per page, gzip accepted. "
        f"Load = 1-minute load average just before "
        f"each figure. Queries: the second request with the test client, uncached."
    )
    text = "\n\n".join(
        [
            header,
            *(scale_table(result) for result in results),
            growth_table(results[0], results[-1]),
            writes_table(results),
            bytes_table(results[-1]),
        ]
    )
    (run.WORK / "results-issue10.md").write_text(text + "\n")
    print("\n" + text + "\n", flush=True)
    run.log(f"total {time.monotonic() - started:.0f} s; tables also in {run.WORK / 'results-issue10.md'}")
    return 0

"""The benchmark's pure helpers (wrk parsing, percentiles, asset discovery,
tables, targets). Fast: no database, no server."""

import gzip

import pytest

from tests.bench.report import (
    MAX_QUERIES,
    PageResult,
    asset_urls,
    duration_ms,
    gzipped_size,
    markdown_table,
    parse_wrk,
    percentile,
    verdicts,
)

WRK_OUTPUT = """\
Running 8s test @ http://127.0.0.1:41234/en/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.12ms    2.01ms  45.30ms   90.12%
    Req/Sec     0.98k   120.44     1.21k    70.00%
  Latency Distribution
     50%    3.80ms
     75%    4.60ms
     90%    5.90ms
     99%  950.00us
  15632 requests in 8.01s, 120.31MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1951.56
Transfer/sec:     15.02MB
"""


def test_durations_in_every_unit():
    assert duration_ms("850.00us") == pytest.approx(0.85)
    assert duration_ms("1.23ms") == pytest.approx(1.23)
    assert duration_ms("1.02s") == pytest.approx(1020)
    assert duration_ms("2.00m") == pytest.approx(120_000)
    with pytest.raises(ValueError):
        duration_ms("fast")


def test_parse_wrk_reads_throughput_latency_and_failures():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures["rps"] == pytest.approx(1951.56)
    assert figures["p50_ms"] == pytest.approx(3.8)
    assert figures["p99_ms"] == pytest.approx(0.95)
    assert figures["requests"] == 15632
    assert figures["non2xx"] == 4
    assert figures["errors"] == 3


def test_parse_wrk_refuses_output_without_latency_distribution():
    with pytest.raises(ValueError):
        parse_wrk("Requests/sec: 10.0\n")


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile([7], 0.99) == 7
    assert percentile([3, 1, 2], 1.0) == 3
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_asset_urls_finds_stylesheets_and_scripts_once():
    html = """<html><head>
    <link rel="stylesheet" href="/static/css/site.abc.css">
    <link rel="stylesheet" href="/static/css/print.def.css" media="print">
    <link rel="icon" href="/static/favicon.ico">
    <link rel="preload" href="/static/font.woff2">
    <script src="/static/js/site.123.js" defer></script>
    <script>inline()</script>
    </head><body><script src="/static/js/site.123.js"></script></body></html>"""
    assert asset_urls(html) == [
        "/static/css/site.abc.css",
        "/static/css/print.def.css",
        "/static/js/site.123.js",
    ]


def test_gzipped_size_is_the_compressed_length():
    data = b"circle " * 1000
    assert gzipped_size(data) == len(gzip.compress(data, compresslevel=9, mtime=0))
    assert gzipped_size(data) < len(data) / 10


def _result(**changes):
    values = {
        "name": "home",
        "url": "/en/",
        "rps": 900.0,
        "p50_ms": 4.0,
        "p99_ms": 20.0,
        "queries": 9,
        "queries_first": 9,
        "cache": "hit",
        "html_bytes": 6000,
        "assets_gzip_bytes": 4000,
        "worker_rss_mb": [120.4, 118.0],
    }
    values.update(changes)
    return PageResult(**values)


def test_a_page_within_every_target_passes():
    assert _result().misses() == []
    assert verdicts([_result()]) == ["- every page meets every target"]


def test_each_missed_target_is_named_with_its_figure():
    result = _result(
        queries=MAX_QUERIES,
        queries_first=20,
        rps=100.0,
        p99_ms=250.0,
        query_origins={"page serving": 9, "a.py:f": 6},
    )
    assert result.misses() == [
        f"{MAX_QUERIES} (20 first) queries (target: under {MAX_QUERIES})",
        "100 requests/s (target: at least 250)",
        "p99 250 ms (target: under 200 ms)",
    ]
    lines = verdicts([result])
    assert lines[0].startswith("- FAIL home (/en/): 15 (20 first) queries")
    assert lines[1] == f"  - its {MAX_QUERIES} queries: page serving 9, a.py:f 6"


def test_a_costly_first_request_is_a_note_not_a_failure():
    result = _result(queries=9, queries_first=MAX_QUERIES + 5)
    assert result.misses() == []
    assert verdicts([result]) == [
        "- every page meets every target",
        f"- note home: the first request (caches empty, as after a content change) takes {MAX_QUERIES + 5} queries",
    ]


def test_a_page_that_sets_a_cookie_is_reported_as_not_cached():
    misses = _result(cache="", sets_cookie=True).misses()
    assert misses == ["not served from the page cache (it sets a cookie)"]


def test_markdown_table_has_a_row_per_page_and_aligned_columns():
    table = markdown_table([_result(), _result(name="forum latest", url="/en/forum/latest/", queries=30)])
    lines = table.splitlines()
    assert len(lines) == 4
    assert len({len(line) for line in lines}) == 1
    assert lines[0].startswith("| page")
    assert "120 / 118 |" in lines[2]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0][-1] == "targets"
    assert cells[2][-1] == "pass"
    assert cells[3][-1] == "FAIL"
    assert cells[3][4] == "30 (9 first)"

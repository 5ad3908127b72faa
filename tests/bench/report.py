"""Pure helpers of the benchmark: read wrk's output, size assets, print tables,
judge the targets. No Django, no network: tests/bench/test_report.py covers them."""

import gzip
import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Targets from issue 6.
MAX_QUERIES = 15  # every public page: fewer than this many
MIN_CACHED_RPS = 250  # anonymous, cached pages
MAX_P99_MS = 200  # at 8 connections

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = re.compile(r"^([\d.]+)(us|ms|s|m)$")


def duration_ms(text):
    """wrk's '850.00us', '1.23ms', '1.02s', '2.00m' in milliseconds."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(f"Not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output):
    """The figures of `wrk --latency` output: requests/s, p50/p99 latency (ms),
    total requests, non-2xx/3xx responses, socket errors."""
    result = {"rps": None, "p50_ms": None, "p99_ms": None, "requests": 0, "non2xx": 0, "errors": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(line.split()[1])
        elif re.match(r"^50(\.0+)?%\s", line):
            result["p50_ms"] = duration_ms(line.split()[1])
        elif re.match(r"^99(\.0+)?%\s", line):
            result["p99_ms"] = duration_ms(line.split()[1])
        elif re.match(r"^\d+ requests in ", line):
            result["requests"] = int(line.split()[0])
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["non2xx"] = int(line.split(":")[1])
        elif line.startswith("Socket errors:"):
            result["errors"] = sum(int(number) for number in re.findall(r"\d+", line))
    if result["rps"] is None or result["p50_ms"] is None or result["p99_ms"] is None:
        raise ValueError("wrk output has no Requests/sec or latency distribution (was --latency given?)")
    return result


def percentile(values, fraction):
    """Nearest-rank percentile of `values` (fraction in 0..1)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("No values")
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


class _AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def asset_urls(html):
    """The stylesheet and script URLs a page makes a browser fetch, in order, once each."""
    parser = _AssetParser()
    parser.feed(html)
    return list(dict.fromkeys(parser.stylesheets + parser.scripts))


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class PageResult:
    name: str
    url: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    failed: int = 0
    queries: int | None = None
    queries_first: int | None = None
    query_origins: dict = field(default_factory=dict)  # {where: how many} for the counted request
    html_bytes: int = 0
    assets_gzip_bytes: int = 0
    worker_rss_mb: list = field(default_factory=list)
    cache: str = ""  # the X-Page-Cache header on the second visit ("hit" when cached)
    sets_cookie: bool = False
    load_before: float | None = None  # the machine's 1-minute load average before the measurement

    @property
    def cached(self):
        return self.cache == "hit"

    def misses(self):
        """Why this page misses the targets, as short sentences (empty when it meets them)."""
        reasons = []
        if self.queries is None or self.queries >= MAX_QUERIES:
            reasons.append(f"{self.queries_display} queries (target: under {MAX_QUERIES})")
        if not self.cached:
            detail = "it sets a cookie" if self.sets_cookie else f"X-Page-Cache: {self.cache or 'absent'}"
            reasons.append(f"not served from the page cache ({detail})")
        elif self.rps < MIN_CACHED_RPS:
            reasons.append(f"{self.rps:.0f} requests/s (target: at least {MIN_CACHED_RPS})")
        if self.p99_ms >= MAX_P99_MS:
            reasons.append(f"p99 {self.p99_ms:.0f} ms (target: under {MAX_P99_MS} ms)")
        if self.failed:
            reasons.append(f"{self.failed} failed requests")
        return reasons

    def notes(self):
        """What is worth knowing though no target is missed."""
        notes = []
        if self.queries_first is not None and self.queries_first >= MAX_QUERIES:
            notes.append(
                f"the first request (caches empty, as after a content change) takes {self.queries_first} queries"
            )
        return notes

    def origins_display(self):
        return ", ".join(f"{where} {count}" for where, count in self.query_origins.items())

    @property
    def queries_display(self):
        if self.queries is None:
            return "?"
        if self.queries_first is not None and self.queries_first != self.queries:
            return f"{self.queries} ({self.queries_first} first)"
        return str(self.queries)


COLUMNS = [
    ("page", "l"),
    ("req/s", "r"),
    ("p50 ms", "r"),
    ("p99 ms", "r"),
    ("SQL queries", "r"),
    ("HTML bytes", "r"),
    ("CSS+JS gz bytes", "r"),
    ("worker RSS MB", "r"),
    ("cache", "l"),
    ("load", "r"),
    ("targets", "l"),
]


def _row(result):
    return [
        result.name,
        f"{result.rps:.0f}",
        f"{result.p50_ms:.1f}",
        f"{result.p99_ms:.1f}",
        result.queries_display,
        f"{result.html_bytes:,}",
        f"{result.assets_gzip_bytes:,}",
        " / ".join(f"{value:.0f}" for value in result.worker_rss_mb) or "?",
        result.cache or "none",
        "?" if result.load_before is None else f"{result.load_before:.1f}",
        "pass" if not result.misses() else "FAIL",
    ]


def markdown_table(results):
    """A Markdown table (readable as plain text too) of the page results."""
    rows = [[name for name, _align in COLUMNS]] + [_row(result) for result in results]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]

    def line(cells):
        padded = [
            cell.ljust(width) if align == "l" else cell.rjust(width)
            for cell, width, (_name, align) in zip(cells, widths, COLUMNS, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    separator = (
        "|"
        + "|".join(
            ("-" * (width + 1) + ":") if align == "r" else ("-" * (width + 2))
            for width, (_name, align) in zip(widths, COLUMNS, strict=True)
        )
        + "|"
    )
    return "\n".join([line(rows[0]), separator, *(line(row) for row in rows[1:])])


def verdicts(results):
    """One line per page that misses a target (with where its queries come
    from when there are too many) or deserves a note; or one line saying all passed."""
    lines = []
    for result in results:
        misses, notes = result.misses(), result.notes()
        if misses:
            lines.append(f"- FAIL {result.name} ({result.url}): " + "; ".join(misses))
            if result.queries is not None and result.queries >= MAX_QUERIES and result.query_origins:
                lines.append(f"  - its {result.queries} queries: {result.origins_display()}")
        if notes:
            lines.append(f"- note {result.name}: " + "; ".join(notes))
    if not any(result.misses() for result in results):
        lines.insert(0, "- every page meets every target")
    return lines

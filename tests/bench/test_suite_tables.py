"""The issue-10 benchmark's tables (tests/bench/suite.py), from made-up figures."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import suite  # noqa: E402


def figures(rps, load=1.0):
    return {"rps": rps, "p50_ms": 1000 / rps, "p99_ms": 3000 / rps, "load": load}


def result(label, scale):
    urls = {"home": "/en/", "search": "/en/search/?q=x"}
    return {
        "label": label,
        "counts": {
            "activities": 200 * scale,
            "guides": 20 * scale,
            "threads": 60 * scale,
            "posts": 2400 * scale,
        },
        "urls": urls,
        "bare": figures(100),
        "figures": {
            "cached": {name: figures(1500) for name in urls},
            "uncached": {"home": figures(80), "search": figures(40 / scale)},
            "member": {"home": figures(70), "search": figures(35 / scale)},
        },
        "queries": {"home": (10, 12), "search": (7, 9)},
        "bytes": {
            "home": {
                "anon": {"html": 2800, "encoding": "gzip", "html_raw": 9100, "assets": 5600},
                "member": {"html": 2900, "encoding": "gzip", "html_raw": 9500, "assets": 8300},
            }
        },
        "writes": {
            "reply": {"n": 12, "failed": 0, "p50_ms": 40.0, "p99_ms": 90.0, "queries": 18, "transactions": 2}
        },
    }


def test_each_scale_shows_ratios_to_the_bare_site_with_the_load():
    text = suite.scale_table(result("1×", 1))
    assert "| bare Wagtail home" in text
    home = next(line for line in text.splitlines() if line.startswith("| home"))
    assert "| 0.80 " in home  # 80 req/s over the bare site's 100
    assert "| 0.70 " in home
    assert "10 / 12" in home
    assert "1.0" in home  # the load average beside the figure


def test_a_page_is_measured_against_the_bare_figures_taken_around_it():
    measured = result("1×", 1)
    measured["figures"]["member"]["home"]["bare_rps"] = 140  # the machine was faster just then
    measured["figures"]["uncached"]["home"]["bare_rps"] = 140
    measured["figures"]["uncached"]["home"]["bare_load"] = 0.4
    home = next(line for line in suite.scale_table(measured).splitlines() if line.startswith("| home"))
    assert "| 0.57 " in home  # 80 over 140, not over the run's mean of 100
    assert "| 0.50 " in home  # 70 over 140
    assert "140 (0.4)" in home


def test_a_pages_figures_are_the_means_of_its_rounds_each_over_the_bare_figures_around_it():
    rounds = [
        {**figures(80), "bare_rps": 100.0, "bare_load": 1.0},
        {**figures(120), "bare_rps": 200.0, "bare_load": 2.0},
    ]
    mean = suite.mean_figures(rounds)
    assert mean["rps"] == 100
    assert mean["ratio"] == (0.8 + 0.6) / 2  # not 100 / 150
    assert mean["bare_load"] == 1.5
    assert suite.ratio(mean, {"rps": 1.0}) == mean["ratio"]


def test_growth_compares_each_page_at_5x_with_1x():
    text = suite.growth_table(result("1×", 1), result("5×", 5))
    search = next(line for line in text.splitlines() if line.startswith("| search"))
    assert "| 0.20 " in search  # 0.40 of bare at 1x, 0.08 at 5x


def test_bytes_show_the_html_as_sent_and_the_first_visits_css_and_js_against_8_kb():
    text = suite.bytes_table(result("5×", 5))
    home = next(line for line in text.splitlines() if line.startswith("| home"))
    assert "2,800 (gzip; 9,100 raw)" in home and "| 5,600 " in home
    assert home.rstrip(" |").endswith("over: member")  # 8,300 bytes


def test_writes_show_p50_p99_and_queries_per_scale():
    text = suite.writes_table([result("1×", 1), result("5×", 5)])
    reply = next(line for line in text.splitlines() if line.startswith("| reply"))
    assert reply.count("| 40 ") == 2
    assert reply.count("18 (2 tx)") == 2
    assert "1× p99 ms" in text


def test_a_writes_queries_leave_transaction_control_out():
    from tests.bench.queries import statements, transactions

    captured = [
        {"sql": sql}
        for sql in ("BEGIN", 'SAVEPOINT "s1"', "INSERT INTO t VALUES (1)", 'RELEASE SAVEPOINT "s1"', "COMMIT")
    ]
    assert statements(captured) == ["INSERT INTO t VALUES (1)"]
    assert transactions(captured) == 1

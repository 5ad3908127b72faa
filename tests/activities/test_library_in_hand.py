"""The library in a facilitator's hand: filters that apply as they change
where JavaScript runs (activities/static/activities/library.js enhances
the same GET form), a "Show N activities" button that stays in reach
without it, and a time filter that says what it means."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_filter_form_is_a_plain_get_form_the_script_enhances(client, library, make_activity):
    make_activity("Alpha")
    page = soup(client.get(library.url))
    form = page.find("form", attrs={"data-live-filters": True})
    assert form["method"] == "get" and form["action"] == library.url
    # The script swaps this region and says the count in the polite live region,
    # which stays outside what is swapped (a replaced live region is not announced).
    results = page.find(attrs={"data-live-results": True})
    assert results.find(id="results-heading")["tabindex"] == "-1"
    status = page.find(id="library-status")
    assert status["aria-live"] == "polite" and results.find(id="library-status") is None
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    assert any(src.endswith("activities/library.js") for src in scripts)
    # CSP is on: no inline script.
    assert not page.find_all("script", src=False, type=lambda t: t != "application/ld+json")


def test_without_script_a_show_n_activities_button_closes_the_form(client, library, make_activity):
    make_activity("Alpha")
    make_activity("Bravo")
    page = soup(client.get(library.url))
    buttons = page.select("form[data-live-filters] .filter-buttons button[type=submit]")
    assert [button.get_text(strip=True) for button in buttons] == ["Show 2 activities"]
    one = soup(client.get(library.url + "?q=&fits=240&people=&longer=&sort=title&phase=learning&tag=none"))
    assert one.select_one(".filter-buttons button").get_text(strip=True) == "Show 0 activities"


def test_the_button_stays_in_reach_at_the_bottom_of_the_filter_form():
    css = (STATIC / "activities/static/activities/library.css").read_text()
    rule = re.search(r"\.filter-buttons \{([^}]*)\}", css).group(1)
    assert "position: sticky" in rule and "bottom: 0" in rule and "background" in rule


def test_the_time_filter_says_what_it_means(client, library, make_activity):
    make_activity("Alpha")
    help_text = soup(client.get(library.url)).find(id="id_fits_help").get_text()
    assert "typical length" in help_text and "facilitators report" in help_text
    assert "planner schedules" in help_text

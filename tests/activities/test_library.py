"""Browsing the library: facet counts, combined filters, sorting, pagination
and the number of queries, against a small library made here."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.filters import ActivityFilter
from core.translation import translate
from tests.factories.activities import StandardPageFactory, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(make_activity):
    """Five activities whose facets we know by heart."""
    return {
        "A": make_activity(
            "Alpha",
            phase_learning=False,
            phase_check_in=True,
            duration_min=5,
            duration_max=10,
            group_min=2,
            group_max=8,
            setting_online=True,
            no_projector=True,
            tags=["zz-quiet"],
        ),
        "B": make_activity(
            "Bravo",
            duration_min=15,
            duration_max=30,
            group_min=4,
            group_max=None,
            grouping_whole_group=False,
            grouping_small_groups=True,
            no_projector=True,
            no_internet=True,
            tags=["zz-quiet", "zz-pairs"],
        ),
        "C": make_activity(
            "Charlie",
            phase_reflection=True,
            duration_min=10,
            duration_max=20,
            group_min=2,
            group_max=12,
            grouping_whole_group=False,
            grouping_pairs=True,
            setting_in_person=False,
            setting_online=True,
            setting_hybrid=True,
            tags=["zz-pairs"],
        ),
        "D": make_activity(
            "Delta",
            phase_learning=False,
            phase_reflection=True,
            duration_min=3,
            duration_max=5,
            group_min=1,
            group_max=None,
            grouping_whole_group=False,
            grouping_solo=True,
            setting_online=True,
            setting_hybrid=True,
            no_projector=True,
            no_internet=True,
            no_writing_materials=True,
            steps=[("step", {"text": "Scribble on a card.", "minutes": 3})],
        ),
        "E": make_activity(
            "Echo",
            phase_learning=False,
            phase_energizer=True,
            duration_min=3,
            duration_max=5,
            group_min=2,
            group_max=20,
            no_internet=True,
            tags=["zz-quiet"],
            steps=[("step", {"text": "Shake it out.", "minutes": 2})],
        ),
    }


def run(library, query=""):
    return ActivityFilter(QueryDict(query), library.activities())


def titles(library_filter):
    return {page.title for page in library_filter.results}


def counts(library_filter, key):
    facet = next(facet for facet in library_filter.facets if facet.key == key)
    return {option.value: option.count for option in facet.options}


def test_counts_without_filters(library, known):
    result = run(library)
    assert result.total == 5
    assert counts(result, "phase") == {
        "check-in": 1,
        "energizer": 1,
        "learning": 2,
        "reflection": 2,
        "closing": 0,
    }
    assert counts(result, "grouping") == {"solo": 1, "pairs": 1, "small-groups": 1, "whole-group": 2}
    assert counts(result, "setting") == {"in-person": 4, "online": 3, "hybrid": 2}
    assert counts(result, "lowtech") == {"no-projector": 3, "no-internet": 3, "no-writing": 1}
    assert {tag.value: tag.count for tag in result.tags} == {"zz-quiet": 3, "zz-pairs": 2}


def test_options_within_a_facet_combine_with_or(library, known):
    result = run(library, "phase=learning&phase=reflection")
    assert titles(result) == {"Bravo", "Charlie", "Delta"}
    # A facet's own counts ignore its own choice: they say what ticking adds.
    assert counts(result, "phase")["check-in"] == 1
    assert counts(result, "phase")["energizer"] == 1


def test_facets_combine_with_and_and_counts_apply_the_other_facets(library, known):
    result = run(library, "phase=learning&setting=online")
    assert titles(result) == {"Charlie"}
    assert result.total == 1
    # Phase counts among online activities; setting counts among learning activities.
    assert counts(result, "phase") == {
        "check-in": 1,
        "energizer": 0,
        "learning": 1,
        "reflection": 2,
        "closing": 0,
    }
    assert counts(result, "setting") == {"in-person": 1, "online": 1, "hybrid": 1}
    assert counts(result, "grouping") == {"solo": 0, "pairs": 1, "small-groups": 0, "whole-group": 0}


def test_low_tech_needs_add_up(library, known):
    result = run(library, "lowtech=no-projector&lowtech=no-internet")
    assert titles(result) == {"Bravo", "Delta"}
    assert counts(result, "lowtech") == {"no-projector": 2, "no-internet": 2, "no-writing": 1}


def test_tags_narrow_and_count_within_results(library, known):
    result = run(library, "tag=zz-quiet")
    assert titles(result) == {"Alpha", "Bravo", "Echo"}
    assert {tag.value: tag.count for tag in result.tags} == {"zz-quiet": 3, "zz-pairs": 1}
    assert titles(run(library, "tag=zz-quiet&tag=zz-pairs")) == {"Bravo"}
    # A chosen tag that matches nothing stays visible so it can be unticked.
    empty = run(library, "tag=zz-quiet&tag=zz-pairs&phase=energizer")
    assert empty.total == 0
    assert {tag.value for tag in empty.tags if tag.selected} == {"zz-quiet", "zz-pairs"}


@pytest.mark.parametrize(
    "query, expected",
    [
        # "Fits in" means the typical length (rules.typical_minutes), as in the
        # planner: Alpha runs 5 to 10 minutes, typically 8; Charlie 10 to 20, typically 15.
        ("fits=5", {"Delta", "Echo"}),
        ("fits=4", {"Delta", "Echo"}),
        ("fits=8", {"Alpha", "Delta", "Echo"}),
        ("fits=15", {"Alpha", "Charlie", "Delta", "Echo"}),
        ("longer=20", {"Bravo", "Charlie"}),
        ("fits=12&longer=10", {"Alpha"}),
        ("people=12", {"Bravo", "Charlie", "Delta", "Echo"}),
        ("people=1", {"Delta"}),
        ("people=21", {"Bravo", "Delta"}),
        ("phase=learning&people=3", {"Charlie"}),
        ("people=12&fits=10&setting=online", {"Delta"}),
    ],
)
def test_time_and_group_size_filters(library, known, query, expected):
    result = run(library, query)
    assert titles(result) == expected
    assert result.total == len(expected)


def test_counts_follow_time_and_group_filters(library, known):
    result = run(library, "people=12")
    assert counts(result, "phase") == {
        "check-in": 0,
        "energizer": 1,
        "learning": 2,
        "reflection": 2,
        "closing": 0,
    }


def test_full_text_search_combines_with_filters(library, known):
    assert titles(run(library, "q=Charlie")) == {"Charlie"}
    assert titles(run(library, "q=scribble")) == {"Delta"}
    assert titles(run(library, "q=scribble&phase=energizer")) == set()
    assert run(library, "q=Charlie").sort == "relevance"


def test_search_box_understands_what_facilitators_type(library, known):
    """The library searches the site search's index: words are stemmed
    ("scribbles", "cards") and an activity is found by its facet names in
    every language ("dinamizador" and "brise-glace" are Echo, the energizer)."""
    assert titles(run(library, "q=scribbles")) == {"Delta"}
    assert titles(run(library, "q=cards scribbling")) == {"Delta"}
    assert titles(run(library, "q=energizers")) == {"Echo"}
    assert titles(run(library, "q=dinamizador")) == {"Echo"}
    assert titles(run(library, "q=brise-glace")) == {"Echo"}
    assert titles(run(library, "q=dinamizador scribble")) == set()


def test_sorting(library, known):
    def ordered(query):
        page = run(library, query).paginate(1, 10)
        return [activity.title for activity in page.object_list]

    assert ordered("sort=title") == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert ordered("sort=shortest") == ["Delta", "Echo", "Alpha", "Charlie", "Bravo"]
    assert ordered("") == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]  # newest first


def test_bad_input_is_ignored_with_a_message(client, library, known):
    response = client.get(
        library.url, {"fits": "soon", "people": "-3", "phase": "nap-time", "sort": "loudest"}
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_fits_error") is not None
    assert "5 activities" in page.select_one("#results-heading").get_text()


def test_page_shows_counts_chips_and_shareable_state(client, library, known):
    response = client.get(library.url, {"phase": "learning", "setting": "online"})
    page = BeautifulSoup(response.content, "html.parser")
    checkbox = page.select_one("#f-phase-learning")
    assert checkbox.has_attr("checked")
    assert page.select_one('label[for="f-phase-reflection"] .count').get_text() == "(2)"
    assert page.select_one('label[for="f-setting-hybrid"] .count').get_text() == "(1)"
    assert [card.get_text(strip=True) for card in page.select(".activity-card-title")] == ["Charlie"]
    chips = {chip.get_text(" ", strip=True) for chip in page.select(".active-filters .chip")}
    assert any("Online" in chip for chip in chips) and any("Learning activity" in chip for chip in chips)
    # Removing a filter keeps the others.
    online_chip = next(chip for chip in page.select(".active-filters .chip") if "Online" in chip.get_text())
    assert online_chip["href"] == "?phase=learning"
    assert page.select_one("form.filter-form")["method"] == "get"


def test_pagination_keeps_the_filters(client, library, make_activity):
    for number in range(7):
        make_activity(f"Paged {number}", tags=["zz-paged"])
    response = client.get(library.url, {"tag": "zz-paged", "page": 2})
    page = BeautifulSoup(response.content, "html.parser")
    assert len(page.select(".activity-card")) == 2  # per_page is 5
    previous = page.select_one('.pagination a[rel="prev"]')["href"]
    assert "tag=zz-paged" in previous and "page=1" in previous
    assert client.get(library.url, {"page": 99}).status_code == 200


def _queries_for(client, url, params=None):
    # Warm what every visitor shares: per-process caches (content types, site
    # root paths) and the site chrome, which the first request of a new site
    # also creates (its header and footer settings), so it is cached only
    # from the second.
    for _warm_up in range(2):
        client.get(url, params)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "params, own_budget",
    [
        # aggregate counts, tag counts, the page of results
        (None, 3),
        (
            {
                "phase": ["learning", "check-in"],
                "setting": "online",
                "people": 8,
                "tag": "zz-load",
                "sort": "shortest",
            },
            3,
        ),
        # plus the search: its locales and the matching ids
        ({"q": "load", "phase": "learning"}, 6),
    ],
)
def test_query_count_does_not_grow_with_the_library(client, home, library, make_activity, params, own_budget):
    """The library page makes the same number of queries for 5 or 25
    activities. The site's chrome (routing, header navigation, language
    switcher, footer) costs what it costs on any page, measured on an About
    page; the library adds only a fixed handful on top."""
    about = StandardPageFactory(parent=home)
    for code in ("es", "fr"):  # both translated, so the language switcher costs the same
        translate(library, code, {"Test library": f"Test library ({code})"})
        translation_of(about, code, title=f"About ({code})")
    chrome = _queries_for(client, about.url)
    for number in range(5):
        make_activity(f"Load {number}", tags=["zz-load", f"zz-{number}"], setting_online=True)
    small = _queries_for(client, library.url, params)
    for number in range(5, 25):
        make_activity(f"Load {number}", tags=["zz-load", f"zz-{number}"], setting_online=True)
    large = _queries_for(client, library.url, params)
    assert small == large
    assert large - chrome <= own_budget
    assert large < 15


def test_activity_page_query_count_does_not_grow_with_related_activities(client, make_activity):
    page = make_activity("Hub", tags=["zz-hub"])
    for number in range(2):
        make_activity(f"Near {number}", tags=["zz-hub"])
    small = _queries_for(client, page.url)
    for number in range(2, 12):
        make_activity(f"Near {number}", tags=["zz-hub"], derived_from=page)
    large = _queries_for(client, page.url)
    assert small == large
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert len(html.select(".activity-aside .activity-card")) == 4
    assert len(html.select("#derivatives-heading + ul li")) == 10


def test_activity_page_renders_everything(client, library, make_activity):
    base = make_activity("Base activity", tags=["zz-shared"])
    page = make_activity(
        "Full activity",
        tags=["zz-shared", "zz-only"],
        materials="Index cards.",
        tips="Stay calm.",
        variations="Try it outside.",
        credit="Jo Example",
        source_url="https://example.org/activity",
        derived_from=base,
        steps=[
            ("step", {"text": "First step.", "minutes": 3}),
            ("step", {"text": "Second step.", "minutes": None}),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    text = html.get_text(" ", strip=True)
    for expected in [
        "Full activity",
        "Index cards.",
        "Stay calm.",
        "Try it outside.",
        "Jo Example",
        "First step.",
        "Second step.",
        "CC BY-SA 4.0",
        "10–15 min",
    ]:
        assert expected in text
    assert html.select_one('a[rel="license"]')["href"].startswith(
        "https://creativecommons.org/licenses/by-sa/4.0"
    )
    assert "Base activity" in html.select_one(".activity-credit").get_text()
    related = [link.get_text() for link in html.select(".activity-aside .activity-card-title a")]
    assert "Base activity" in related
    tag_link = html.select_one('.activity-tags a[href$="tag=zz-only"]')
    assert tag_link["href"].startswith(library.url)
    assert html.select_one('link[href$="activities/print.css"]')["media"] == "print"


def test_an_activity_page_links_to_its_forum_discussion(client, make_activity):
    from django.urls import reverse

    page = make_activity("Discussable")
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = [a["href"] for a in html.select(".activity-actions a")]
    assert reverse("forum:discuss", kwargs={"page_id": page.pk}) in links


@translation.override("en")
def test_activity_card_include(make_activity, rf):
    from django.template.loader import render_to_string

    page = make_activity("Card", duration_min=5, duration_max=5, group_min=3, group_max=6)
    html = BeautifulSoup(
        render_to_string(
            "activities/includes/activity_card.html", {"activity": page, "request": rf.get("/")}
        ),
        "html.parser",
    )
    assert html.select_one(".activity-card-title a")["href"] == page.url
    text = html.get_text(" ", strip=True)
    assert "5 min" in text and "3–6 people" in text and "In person" in text and "Learning activity" in text


def test_an_activity_page_says_its_typical_length_and_which_meetings_it_suits(client, make_activity):
    norms = make_activity(
        "Group norms", duration_min=15, duration_max=25, meeting_middle=False, meeting_last=False
    )
    page = BeautifulSoup(client.get(norms.url).content, "html.parser")
    facts = page.select_one(".activity-facts").get_text(" ", strip=True)
    assert "15–25 min (typically 20)" in facts
    assert "Best for First meeting" in facts
    anywhere = make_activity("Plus/delta", duration_min=5, duration_max=5)
    facts = (
        BeautifulSoup(client.get(anywhere.url).content, "html.parser")
        .select_one(".activity-facts")
        .get_text()
    )
    assert "Best for" not in facts and "typically" not in facts

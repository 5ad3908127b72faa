"""One search over guides, activities, pages and the forum: one count that
matches the list, type filters with counts, pages, highlighted matches, the
site's vocabulary in three languages, and stemmed words. Runs on SQLite and
on PostgreSQL (full-text search with each language's configuration)."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.factories.activities import (
    ActivityIndexPageFactory,
    ActivityPageFactory,
    in_service,
    translation_of,
)
from tests.factories.forum import ThreadFactory


@pytest.fixture
def library(homes):
    library = in_service(ActivityIndexPageFactory(parent=homes["en"], title="Library"))
    for language in ("es", "fr"):
        translation_of(library, language, title=f"Library {language}")
    return library


@pytest.fixture
def energizer(library):
    """An energizer whose text never says so."""
    activity = ActivityPageFactory(
        parent=library,
        title="Stand up if",
        summary="Everyone stands when a sentence is true for them.",
        purpose="Moves bodies after a long sit.",
        phase_learning=False,
        phase_energizer=True,
    )
    translation_of(
        activity, "es", title="Levántese si", summary="Cada persona se levanta si la frase es cierta."
    )
    translation_of(activity, "fr", title="Levez-vous si", summary="Chacun se lève si la phrase est vraie.")
    return activity


def listed(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [item.a.get_text() for item in soup.select("ol.search-results > li")]


def status(response):
    return (
        BeautifulSoup(response.content, "html.parser").select_one("[role=status]").get_text(" ", strip=True)
    )


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("en", "energizer", "Stand up if"),
        ("en", "energizers", "Stand up if"),
        ("es", "dinamizador", "Levántese si"),
        ("es", "energizer", "Levántese si"),
        ("fr", "brise-glace", "Levez-vous si"),
        ("fr", "remise en énergie", "Levez-vous si"),
    ],
)
def test_the_sites_vocabulary_finds_energizers_in_every_language(client, energizer, language, query, title):
    response = client.get(f"/{language}/search/", {"q": query})
    assert title in listed(response)


def test_stemmed_forms_find_each_other(client, library):
    ActivityPageFactory(
        parent=library, title="Quiet reflections", summary="Each person reflects on the meeting."
    )
    assert "Quiet reflections" in listed(client.get("/en/search/", {"q": "reflection"}))
    assert "Quiet reflections" in listed(client.get("/en/search/", {"q": "reflecting"}))


def test_spanish_stemming(client, library):
    activity = ActivityPageFactory(parent=library, title="Rueda", summary="Una ronda breve.")
    translation_of(
        activity, "es", title="Reflexiones en rueda", summary="Cada persona comparte sus reflexiones."
    )
    assert "Reflexiones en rueda" in listed(client.get("/es/search/", {"q": "reflexión"}))


def test_search_is_in_the_readers_language(client, energizer):
    assert listed(client.get("/en/search/", {"q": "Levántese"})) == []
    assert listed(client.get("/es/search/", {"q": "Levántese"})) == ["Levántese si"]


def test_one_count_that_matches_the_list_including_forum_threads(client, db):
    ThreadFactory(
        title="Who dominates the talk?",
        source="One member dominates every meeting and I do not know what to do.",
    )
    response = client.get("/en/search/", {"q": "dominates"})
    assert listed(response) == ["Who dominates the talk?"]
    assert status(response).startswith("1 result")


def test_type_filters_with_counts(client, library):
    for number in range(3):
        ActivityPageFactory(parent=library, title=f"Circle game {number}")
    ThreadFactory(
        title="Circle questions", source="How do you run a circle when people are shy about speaking?"
    )
    response = client.get("/en/search/", {"q": "circle"})
    soup = BeautifulSoup(response.content, "html.parser")
    filters = {link.get_text(" ", strip=True) for link in soup.select(".search-types a")}
    assert "Activities (3)" in filters and "Forum (1)" in filters
    everything = next(text for text in filters if text.startswith("Everything"))
    total = int(re.search(r"\((\d+)\)", everything).group(1))
    assert status(response).startswith(f"{total} results")
    assert len(listed(response)) == total
    only_forum = client.get("/en/search/", {"q": "circle", "type": "forum"})
    assert listed(only_forum) == ["Circle questions"]
    assert status(only_forum).startswith("1 result")


def test_results_come_in_pages(client, library):
    for number in range(13):
        ActivityPageFactory(parent=library, title=f"Paging drill {number}")
    first = client.get("/en/search/", {"q": "paging"})
    second = client.get("/en/search/", {"q": "paging", "page": 2})
    assert len(listed(first)) == 10 and len(listed(second)) == 3
    assert status(first).startswith("13 results") and status(second).startswith("13 results")
    assert set(listed(first)).isdisjoint(listed(second))
    assert 'href="?q=paging&amp;page=2"' in first.content.decode()


def test_matches_are_highlighted_and_escaped(client, library):
    ActivityPageFactory(
        parent=library, title="Silent <b>brainstorm</b>", summary="Everyone brainstorms on paper first."
    )
    html = client.get("/en/search/", {"q": "brainstorm"}).content.decode()
    assert "<mark>brainstorm</mark>" in html
    assert "<mark>brainstorms</mark>" in html
    assert "&lt;b&gt;" in html and "<b>brainstorm" not in html


def test_a_spanish_thread_is_found_and_marked_spanish(client, db):
    from django.utils import translation

    with translation.override("es"):
        ThreadFactory(
            title="Bibliotecas pequeñas",
            source="¿Cómo empezar un círculo en una biblioteca pequeña del pueblo?",
        )
    response = client.get("/en/search/", {"q": "biblioteca"})
    soup = BeautifulSoup(response.content, "html.parser")
    item = soup.select_one("ol.search-results > li")
    assert item["lang"] == "es"
    assert item.a["href"].startswith("/en/forum/")


def test_hidden_threads_leave_the_search(client, db):
    from forum.models import Thread

    thread = ThreadFactory(
        title="Spammy words here", source="Buy cheap watches, cheap watches everywhere today."
    )
    assert listed(client.get("/en/search/", {"q": "watches"})) == ["Spammy words here"]
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    thread.refresh_from_db()
    thread.update_search_index()
    assert listed(client.get("/en/search/", {"q": "watches"})) == []


def test_odd_input_is_harmless(client, db):
    for query in ["'", '"unclosed', "a" * 1000, "<script>", "AND OR NOT", "!!!", "&|:*"]:
        response = client.get("/en/search/", {"q": query, "page": "x", "type": "nonsense"})
        assert response.status_code == 200


def test_a_search_asked_again_is_kept_until_the_index_changes(client, db, django_capture_on_commit_callbacks):
    """The results are a shared fragment: the same search again runs no
    search query, and an entry the worker rewrites afterwards (a thread
    indexed after the change that emptied the caches) shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import search as site_search
    from forum.models import Thread

    client.get("/en/search/")  # a fresh site's first page creates its header and footer settings
    thread = ThreadFactory(title="Quiet openers", source="How do you open a circle of very quiet people?")
    assert listed(client.get("/en/search/", {"q": "quiet"})) == ["Quiet openers"]
    with CaptureQueriesContext(connection) as context:
        again = client.get("/en/search/", {"q": "quiet"})
    assert listed(again) == ["Quiet openers"]
    assert not [q for q in context.captured_queries if "core_searchentry" in q["sql"]]
    # Another query string (a tracking parameter) is another list: its links keep it.
    tracked = client.get("/en/search/", {"q": "quiet", "ref": "newsletter"}).content.decode()
    assert "ref=newsletter" in tracked

    # The worker renames the thread's entry with nothing else changing.
    Thread.objects.filter(pk=thread.pk).update(title="Openers for quiet circles")
    with django_capture_on_commit_callbacks(execute=True):
        site_search.index_object(Thread.objects.get(pk=thread.pk))
    assert listed(client.get("/en/search/", {"q": "quiet"})) == ["Openers for quiet circles"]

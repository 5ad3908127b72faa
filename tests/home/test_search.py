import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.factories.activities import home_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_pages(django_db_setup, django_db_blocker):
    """The demo's home and standard pages and navigation, seeded once for this module."""
    with home_demo(django_db_blocker) as homes:
        yield homes


@pytest.fixture(autouse=True)
def index():
    call_command("update_index", verbosity=0)


def result_titles(response):
    return [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


def test_search_finds_pages_by_body_words_in_the_active_language(client):
    titles = result_titles(client.get("/en/search/", {"q": "harassment"}))
    assert titles == ["Code of conduct"]
    assert result_titles(client.get("/es/search/", {"q": "acoso"})) == ["Código de conducta"]
    # The English word finds nothing on the Spanish search.
    assert result_titles(client.get("/es/search/", {"q": "harassment"})) == []


def test_empty_search_shows_the_form_only(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert result_titles(response) == []


def test_search_tolerates_odd_input(client):
    for query in ["'", '"unclosed', "a" * 1000, "<script>", "AND OR NOT"]:
        response = client.get("/en/search/", {"q": query, "page": "x"})
        assert response.status_code == 200
        assert b"<script>" not in response.content.split(b"<main")[1].replace(b"&lt;script&gt;", b"")

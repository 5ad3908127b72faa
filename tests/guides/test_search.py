import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index():
    call_command("update_index", verbosity=0)


def result_titles(response):
    assert response.status_code == 200
    return [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


def test_search_finds_a_guide_by_a_word_in_its_body():
    from django.test import Client

    client = Client()
    # "algebra" appears only in the body of one guide (not in its title or summary).
    assert result_titles(client.get("/en/search/", {"q": "algebra"})) == ["Choosing an online course"]


def test_search_finds_guides_in_the_visitors_language(client):
    # "aguantar" is in the body of the Spanish translation only.
    assert result_titles(client.get("/es/search/", {"q": "aguantar"})) == [
        "¿Qué es un círculo de aprendizaje?"
    ]
    assert result_titles(client.get("/en/search/", {"q": "aguantar"})) == []
    assert result_titles(client.get("/es/search/", {"q": "algebra"})) == []
    assert result_titles(client.get("/fr/search/", {"q": "subir"})) == [
        "Qu'est-ce qu'un cercle d'apprentissage ?"
    ]


def test_search_finds_a_new_guide_once_published(client, make_guide):
    make_guide("Snacks", body=[{"type": "paragraph", "value": "<p>Bring clementines to every meeting.</p>"}])
    call_command("update_index", verbosity=0)
    assert result_titles(client.get("/en/search/", {"q": "clementines"})) == ["Snacks"]

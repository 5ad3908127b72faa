import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from core.translation import translate

pytestmark = pytest.mark.django_db


def result_titles(response):
    assert response.status_code == 200
    return [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def test_search_finds_a_guide_by_a_word_in_its_body(client, make_guide):
    # "algebra" appears only in the body of one guide (not in its title or summary).
    make_guide("Choosing an online course", body=[paragraph("Say so if a course expects some algebra.")])
    make_guide("Choosing a room", body=[paragraph("A quiet room with a screen.")])
    call_command("update_index", verbosity=0)
    assert result_titles(client.get("/en/search/", {"q": "algebra"})) == ["Choosing an online course"]


def test_search_finds_guides_in_the_visitors_language(client, handbook, make_guide):
    english = make_guide("What a circle is not", body=[paragraph("It is not a lecture to sit through.")])
    make_guide("Algebra together", body=[paragraph("A circle on algebra.")])
    for language, title, body in [
        ("es", "Lo que un círculo no es", "No es una charla que hay que aguantar."),
        ("fr", "Ce qu'un cercle n'est pas", "Ce n'est pas une conférence à subir."),
    ]:
        translate(
            english, language, {"What a circle is not": title, "It is not a lecture to sit through.": body}
        )
    call_command("update_index", verbosity=0)
    # "aguantar" is in the body of the Spanish translation only.
    assert result_titles(client.get("/es/search/", {"q": "aguantar"})) == ["Lo que un círculo no es"]
    assert result_titles(client.get("/en/search/", {"q": "aguantar"})) == []
    assert result_titles(client.get("/es/search/", {"q": "algebra"})) == []
    assert result_titles(client.get("/fr/search/", {"q": "subir"})) == ["Ce qu'un cercle n'est pas"]


def test_search_finds_a_new_guide_once_published(client, make_guide):
    make_guide("Snacks", body=[paragraph("Bring clementines to every meeting.")])
    call_command("update_index", verbosity=0)
    assert result_titles(client.get("/en/search/", {"q": "clementines"})) == ["Snacks"]

"""Guides in other languages: translated URLs, indexes and interface
strings, and translations made with wagtail-localize that an editor can
continue in the admin (the demo's own are checked in test_demo)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import Translation

from core.translation import translate

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_spanish_guide_is_served_on_its_translated_url(client, handbook):
    page = soup(client.get(handbook.guide("meeting-structure", "es").url))
    assert page.html["lang"] == "es"
    assert page.h1.get_text() == "Estructura de una reunión"
    assert page.select_one(".guide-kicker").get_text() == "Conducir las reuniones"
    # The agenda's minutes are the same in every language; its words are translated.
    assert (
        page.select_one(".agenda caption").get_text() == "Tiempos habituales para una reunión de 90 minutos"
    )
    assert [th.get_text(strip=True) for th in page.select(".agenda tbody th")][0].startswith(
        "Ronda de inicio"
    )
    assert page.select_one(".agenda-total").get_text() == "90 minutos"
    switcher = {a["hreflang"]: a["href"] for a in page.select("nav.language-switcher a")}
    assert switcher["en"] == handbook.guide("meeting-structure").url


def test_french_guide_is_served_in_french(client, handbook):
    page = soup(client.get(handbook.guide("what-is-a-learning-circle", "fr").url))
    assert page.html["lang"] == "fr"
    assert "Personne ne se tient devant la classe." in page.get_text()


def test_a_new_translation_appears_on_the_spanish_url_and_index(client, handbook, make_guide, sections):
    english = make_guide(
        "Choosing a free course",
        section=sections["Planning a circle"],
        body=[
            {"type": "heading", "value": {"text": "Try it before you commit", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Free and open: nobody should have to pay or wait for approval to join.</p>",
            },
        ],
    )
    spanish_index = handbook.index["es"]
    assert (
        "Choosing a free course"
        in soup(client.get(spanish_index.url)).select_one("section.untranslated").get_text()
    )
    spanish = translate(
        english,
        "es",
        {
            "choosing-a-free-course": "elegir-un-curso-en-linea",
            "Choosing a free course": "Elegir un curso en línea",
            "Free and open: nobody should have to pay or wait for approval to join.": (
                "Libre y abierto: nadie debería pagar ni esperar aprobación para entrar."
            ),
        },
    )
    assert spanish.locale.language_code == "es"
    assert spanish.url == f"{spanish_index.url}elegir-un-curso-en-linea/"
    page = soup(client.get(spanish.url))
    assert page.h1.get_text() == "Elegir un curso en línea"
    assert "nadie debería pagar" in page.get_text()
    # Segments without a translation keep the English text for now.
    assert "Try it before you commit" in page.get_text()
    index = soup(client.get(spanish_index.url))
    assert "Elegir un curso en línea" in [a.get_text() for a in index.select(".guide-card h3 a")]
    assert "Choosing a free course" not in index.select_one("section.untranslated").get_text()
    # An editor can open the translation in the admin and carry on.
    assert Translation.objects.filter(
        source__object_id=english.translation_key, target_locale=spanish.locale
    ).exists()


def test_editor_can_continue_a_translation_in_the_admin(client, editor, handbook):
    spanish = translate(
        handbook.guide("wrapping-up-a-circle"), "es", {"Wrapping up a circle": "Cerrar un círculo"}
    )
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    assert response.status_code == 200
    # wagtail-localize replaces the page editor with its translation editor.
    assert b"translation" in response.content.lower()


def test_untranslated_guide_marks_missing_languages_in_the_switcher(client, handbook):
    page = soup(client.get(handbook.guide("wrapping-up-a-circle").url))
    spanish = page.select_one('nav.language-switcher a[hreflang="es"]')
    assert spanish.select_one(".not-translated") is not None


@pytest.mark.parametrize(
    "page, phrases",
    [
        (
            ("meeting-structure", "es"),
            [
                "En esta página",
                "Guías relacionadas",
                "minutos de lectura",
                "Capítulos de esta guía",
                "Anterior",
            ],
        ),
        ("es", ["Por ahora, solo en inglés", "minutos de lectura", "(un capítulo de «"]),
        (
            ("what-is-a-learning-circle", "fr"),
            ["Sur cette page", "Guides associés", "Dernière relecture"],
        ),
        ("fr", ["Pour l'instant, en anglais seulement", "minutes de lecture"]),
    ],
)
def test_interface_strings_are_translated(client, handbook, page, phrases):
    url = handbook.guide(*page).url if isinstance(page, tuple) else handbook.index[page].url
    text = soup(client.get(url)).get_text()
    for phrase in phrases:
        assert phrase in text

"""Guides are translated with wagtail-localize; the demo's translations are
real wagtail-localize objects an editor can continue in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from guides import demo
from guides.models import GuideIndexPage, GuidePage, GuideSection
from home.translation import translate

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def untranslated_segments(translation):
    source = translation.source
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if not StringTranslation.objects.filter(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context
        ).exists():
            missing.append(segment.string.data)
    return missing


@pytest.mark.parametrize(
    "language, slugs",
    [
        (
            "es",
            ["what-is-a-learning-circle", "the-facilitators-role", "meeting-structure", "running-a-check-in"],
        ),
        ("fr", ["what-is-a-learning-circle"]),
    ],
)
def test_demo_guides_are_fully_translated_with_wagtail_localize(language, slugs):
    for slug in slugs:
        page = GuidePage.objects.get(slug=slug, locale__language_code="en")
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale__language_code=language
        )
        assert untranslated_segments(translation) == []
        assert translation.get_target_instance().live
    translated = GuidePage.objects.filter(locale__language_code=language)
    assert translated.count() == len(slugs)


def test_sections_and_index_are_translated_too():
    for language in ["es", "fr"]:
        assert GuideSection.objects.filter(locale__language_code=language).count() == len(demo.SECTIONS)
        index = GuideIndexPage.objects.get(locale__language_code=language)
        source = TranslationSource.objects.get(object_id=index.translation_key)
        translation = Translation.objects.get(source=source, target_locale=index.locale)
        assert untranslated_segments(translation) == []


def test_spanish_guide_is_served_on_its_translated_url(client):
    page = soup(client.get("/es/guias/estructura-de-una-reunion/"))
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
    assert switcher["en"] == "/en/guides/meeting-structure/"


def test_french_guide_is_served_in_french(client):
    page = soup(client.get("/fr/guides/qu-est-ce-qu-un-cercle-d-apprentissage/"))
    assert "Personne ne se tient devant la classe." in page.get_text()


def test_a_new_translation_appears_on_the_spanish_url_and_index(client):
    english = GuidePage.objects.get(slug="choosing-an-online-course", locale__language_code="en")
    spanish = translate(
        english,
        "es",
        {
            "choosing-an-online-course": "elegir-un-curso-en-linea",
            "Choosing an online course": "Elegir un curso en línea",
            "Free and open: nobody should have to pay or wait for approval to join.": (
                "Libre y abierto: nadie debería pagar ni esperar aprobación para entrar."
            ),
        },
    )
    assert spanish.locale.language_code == "es"
    assert spanish.url == "/es/guias/elegir-un-curso-en-linea/"
    page = soup(client.get("/es/guias/elegir-un-curso-en-linea/"))
    assert page.h1.get_text() == "Elegir un curso en línea"
    assert "nadie debería pagar" in page.get_text()
    # Segments without a translation keep the English text for now.
    assert "Try it before you commit" in page.get_text()
    index = soup(client.get("/es/guias/"))
    assert "Elegir un curso en línea" in [a.get_text() for a in index.select(".guide-card h3 a")]
    assert "Choosing an online course" not in index.select_one("section.untranslated").get_text()
    # An editor can open the translation in the admin and carry on.
    assert Translation.objects.filter(
        source__object_id=english.translation_key, target_locale=spanish.locale
    ).exists()


def test_editor_can_continue_a_demo_translation_in_the_admin(client, editor):
    spanish = GuidePage.objects.get(slug="que-es-un-circulo-de-aprendizaje")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    assert response.status_code == 200
    # wagtail-localize replaces the page editor with its translation editor.
    assert b"translation" in response.content.lower()


def test_untranslated_guide_marks_missing_languages_in_the_switcher(client):
    page = soup(client.get("/en/guides/wrapping-up-a-circle/"))
    spanish = page.select_one('nav.language-switcher a[hreflang="es"]')
    assert spanish.select_one(".not-translated") is not None


@pytest.mark.parametrize(
    "path, phrases",
    [
        (
            "/es/guias/estructura-de-una-reunion/",
            [
                "En esta página",
                "Guías relacionadas",
                "minutos de lectura",
                "Capítulos de esta guía",
                "Anterior",
            ],
        ),
        ("/es/guias/", ["Por ahora, solo en inglés", "minutos de lectura", "(un capítulo de «"]),
        (
            "/fr/guides/qu-est-ce-qu-un-cercle-d-apprentissage/",
            ["Sur cette page", "Guides associés", "Dernière relecture"],
        ),
        ("/fr/guides/", ["Pour l'instant, en anglais seulement", "minutes de lecture"]),
    ],
)
def test_interface_strings_are_translated(client, path, phrases):
    text = soup(client.get(path)).get_text()
    for phrase in phrases:
        assert phrase in text

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from home.models import HomePage, StandardPage
from tests.factories.activities import home_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_pages(django_db_setup, django_db_blocker):
    """The demo's home and standard pages and navigation, seeded once for this module."""
    with home_demo(django_db_blocker) as homes:
        yield homes


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_only_under_root():
    assert HomePage.allowed_parent_page_models() == [Page]
    home = HomePage.objects.get(locale__language_code="en")
    assert not HomePage.can_create_at(home)


def test_standard_pages_live_under_home_or_each_other():
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage.objects.get(slug="about")
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(Page.get_first_root_node())
    assert StandardPage.allowed_subpage_models() == [StandardPage]


@pytest.mark.parametrize(
    "language, phrase",
    [
        ("en", "Nobody in the room is the teacher"),
        ("es", "Nadie en la sala es el profesor"),
        ("fr", "Personne dans la salle n'est l'enseignant"),
    ],
)
def test_home_page_renders_in_each_language(client, language, phrase):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert phrase in page.get_text()
    # The home page's blocks are empty-safe and each has its heading.
    assert page.find(id="featured-guides") is not None
    assert page.find(id="newest-activities") is not None
    assert page.find(id="latest-threads") is not None


def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_standard_pages_are_wagtail_localize_translations():
    from wagtail_localize.models import Translation

    about = StandardPage.objects.get(slug="about")
    codes = set(about.get_translations().values_list("locale__language_code", flat=True))
    assert codes == {"es", "fr"}
    assert Translation.objects.filter(source__object_id=about.translation_key).count() == 2


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/en/about/", {"en": "/en/about/", "es": "/es/acerca-de/", "fr": "/fr/a-propos/"}),
        (
            "/fr/code-de-conduite/",
            {"en": "/en/code-of-conduct/", "es": "/es/codigo-de-conducta/", "fr": "/fr/code-de-conduite/"},
        ),
    ],
)
def test_language_switcher_links_each_page_to_its_translations(client, path, expected):
    response = client.get(path)
    switcher = soup(response).select_one("nav.language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == expected
    current = switcher.select_one("a[aria-current]")
    assert current["hreflang"] == path.split("/")[1]


def test_language_switcher_says_when_a_page_is_not_translated(client):
    home = HomePage.objects.get(locale__language_code="en")
    lonely = StandardPage(title="English only", slug="english-only")
    home.add_child(instance=lonely)
    lonely.save_revision().publish()
    switcher = soup(client.get("/en/english-only/")).select_one("nav.language-switcher")
    spanish = switcher.select_one('a[hreflang="es"]')
    assert spanish["href"] == "/es/"
    assert spanish.select_one(".not-translated") is not None
    assert switcher.select_one('a[hreflang="en"] .not-translated') is None


def test_the_switcher_is_looked_up_once_and_follows_a_new_translation_at_once(client):
    """The links are kept for the editorial generation (navigation_tags
    _translations_of): a second visit runs no query for them, and publishing
    a translation moves the generation on."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = HomePage.objects.get(locale__language_code="en")
    lonely = StandardPage(title="English only", slug="english-only")
    home.add_child(instance=lonely)
    lonely.save_revision().publish()
    client.get("/en/english-only/")
    with CaptureQueriesContext(connection) as context:
        switcher = soup(client.get("/en/english-only/")).select_one("nav.language-switcher")
    assert switcher.select_one('a[hreflang="es"] .not-translated') is not None
    assert not [q for q in context.captured_queries if '"translation_key" IN' in q["sql"]]

    spanish = lonely.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title, spanish.slug = "Solo en inglés", "solo-en-ingles"
    spanish.save_revision().publish()
    switcher = soup(client.get("/en/english-only/")).select_one("nav.language-switcher")
    link = switcher.select_one('a[hreflang="es"]')
    assert link["href"] == "/es/solo-en-ingles/" and link.select_one(".not-translated") is None


def test_untranslated_page_links_to_its_nearest_translated_ancestor(client):
    about = StandardPage.objects.get(slug="about")
    chapter = StandardPage(title="Our history", slug="our-history")
    about.add_child(instance=chapter)
    chapter.save_revision().publish()
    switcher = soup(client.get("/en/about/our-history/")).select_one("nav.language-switcher")
    spanish = switcher.select_one('a[hreflang="es"]')
    assert spanish["href"] == "/es/acerca-de/"
    assert spanish.select_one(".not-translated") is not None


def test_language_switcher_on_non_page_views_keeps_the_path(client):
    switcher = soup(client.get("/en/accounts/login/")).select_one("nav.language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links["fr"] == "/fr/accounts/login/"


def test_header_navigation_and_footer_follow_the_language(client):
    page = soup(client.get("/es/"))
    footer_links = [a.get_text() for a in page.select(".footer-links a")]
    assert "Privacidad" in footer_links
    assert "Acerca de Circle Commons" in [a.get_text() for a in page.select(".main-nav a")]


def test_locales_exist_for_every_language():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "es", "fr"}


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Skip to main content"),
        ("es", "Saltar al contenido principal"),
        ("fr", "Aller au contenu principal"),
    ],
)
def test_interface_strings_are_translated(client, language, text):
    # Compiled .mo files are committed, so a fresh clone needs no gettext tools.
    assert text in client.get(f"/{language}/").content.decode()


def test_header_and_footer_links_are_cached_until_settings_change(client, django_assert_max_num_queries):
    from core.models import NavigationSettings

    client.get("/en/about/")
    with django_assert_max_num_queries(9):
        client.get("/en/about/")
    navigation = NavigationSettings.load()
    link = navigation.links.order_by("sort_order").last()
    link.page = StandardPage.objects.get(slug="privacy")
    link.save()
    navigation.save()
    nav = soup(client.get("/en/about/")).select(".main-nav a")
    assert "Privacy" in [a.get_text() for a in nav]

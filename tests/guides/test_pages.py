import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from core import sections as home_sections
from guides.models import GuideIndexPage, GuidePage, GuideRelatedLink, Handbook
from home.models import HomePage
from tests.factories.activities import StandardPageFactory, translation_of
from tests.factories.guides import GuideSectionFactory

pytestmark = pytest.mark.django_db

HANDBOOK_ORDER = [
    "what-is-a-learning-circle",
    "the-facilitators-role",
    "running-circles-in-a-public-library",
    "choosing-an-online-course",
    "group-composition-and-mixed-experience",
    "first-meeting-checklist",
    "meeting-structure",
    "running-a-check-in",
    "plus-delta-reflection",
    "wrapping-up-a-circle",
]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# Page rules -------------------------------------------------------------------


def test_guide_index_lives_under_a_home_page_once(home, en_index):
    assert GuideIndexPage.allowed_parent_page_models() == [HomePage]
    assert GuideIndexPage.allowed_subpage_models() == [GuidePage]
    assert not GuideIndexPage.can_create_at(home)  # one per home page, so one per language
    assert not GuideIndexPage.can_create_at(StandardPageFactory(parent=home))


def test_guides_live_under_the_index_and_chapters_one_level_under_a_guide(home, handbook, en_index):
    assert set(GuidePage.allowed_parent_page_models()) == {GuideIndexPage, GuidePage}
    assert GuidePage.allowed_subpage_models() == [GuidePage]
    structure = handbook.guide("meeting-structure")
    chapter = handbook.guide("running-a-check-in")
    assert GuidePage.can_create_at(en_index)
    assert GuidePage.can_create_at(structure)
    assert not GuidePage.can_create_at(chapter)  # no chapters of chapters
    assert not GuidePage.can_create_at(home)
    assert not GuidePage.can_create_at(Page.get_first_root_node())


def test_moving_guides_keeps_chapters_one_level_deep(handbook, en_index):
    structure = handbook.guide("meeting-structure")
    chapter = handbook.guide("running-a-check-in")
    lonely = handbook.guide("choosing-an-online-course")
    assert lonely.can_move_to(structure)  # becomes a chapter
    assert not structure.can_move_to(handbook.guide("first-meeting-checklist"))  # it has chapters of its own
    assert not lonely.can_move_to(chapter)
    assert chapter.can_move_to(en_index)  # a chapter can become a guide


def test_review_date_cannot_be_in_the_future(make_guide):
    page = make_guide("Dated")
    page.last_reviewed = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "last_reviewed" in error.value.message_dict


def test_section_must_be_in_the_guides_language(make_guide, homes):
    page = make_guide("Mixed languages")
    page.section = GuideSectionFactory(title="Sección", locale=homes["es"].locale)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "section" in error.value.message_dict


def test_a_guide_cannot_be_related_to_itself(make_guide):
    page = make_guide("Meeting structure")
    with pytest.raises(ValidationError):
        GuideRelatedLink(page=page, guide=page).clean()


# The index ---------------------------------------------------------------------


def index_groups(page):
    return [
        (section.select_one("h2").get_text(), [a.get_text() for a in section.select(".guide-card h3 a")])
        for section in page.select("section.guide-section:not(.untranslated)")
    ]


def test_index_groups_guides_by_section_in_the_editors_order(client, handbook):
    groups = index_groups(soup(client.get(handbook.index["en"].url)))
    assert groups == [
        (
            "Getting started",
            ["What is a learning circle?", "The facilitator's role", "Running circles in a public library"],
        ),
        (
            "Planning a circle",
            [
                "Choosing an online course",
                "Group composition and mixed experience",
                "First-meeting checklist",
            ],
        ),
        ("Running meetings", ["Meeting structure"]),
        ("After the circle", ["Wrapping up a circle"]),
    ]


def test_chapters_are_listed_under_their_guide_on_the_index(client, handbook):
    page = soup(client.get(handbook.index["en"].url))
    card = page.find("a", string="Meeting structure").find_parent("li")
    assert [a.get_text() for a in card.select(".chapter-list a")] == [
        "Running a check-in",
        "The plus/delta reflection",
    ]
    assert "2 chapters" in card.get_text()


def test_reordering_sections_reorders_the_index_in_every_language(client, handbook, sections):
    english = sections
    english["After the circle"].sort_order = 0
    english["After the circle"].save()
    english["Getting started"].sort_order = 9
    english["Getting started"].save()
    titles = [title for title, _ in index_groups(soup(client.get(handbook.index["en"].url)))]
    assert titles == ["After the circle", "Planning a circle", "Running meetings", "Getting started"]
    # Spanish sections follow the English order (only sections with Spanish guides show).
    spanish = [title for title, _ in index_groups(soup(client.get(handbook.index["es"].url)))]
    assert spanish == ["Conducir las reuniones", "Primeros pasos"]


def test_guides_follow_their_tree_order_within_a_section(client, handbook):
    role = handbook.guide("the-facilitators-role")
    role.move(handbook.guide("what-is-a-learning-circle"), pos="left")
    groups = dict(index_groups(soup(client.get(handbook.index["en"].url))))
    assert groups["Getting started"][:2] == ["The facilitator's role", "What is a learning circle?"]


def test_guides_without_a_section_come_last(client, handbook, make_guide):
    make_guide("Odds and ends")
    groups = index_groups(soup(client.get(handbook.index["en"].url)))
    assert groups[-1] == ("More guides", ["Odds and ends"])


def test_index_cards_show_summary_and_reading_time(client, handbook):
    card = (
        soup(client.get(handbook.index["en"].url))
        .find("a", string="Choosing an online course")
        .find_parent("li")
    )
    assert handbook.guide("choosing-an-online-course").summary in card.get_text()
    assert "minute read" in card.select_one(".guide-meta").get_text()


def test_spanish_index_lists_spanish_guides_and_points_to_english_ones(client, handbook):
    page = soup(client.get(handbook.index["es"].url))
    assert page.html["lang"] == "es"
    groups = dict(index_groups(page))
    assert groups["Primeros pasos"] == ["¿Qué es un círculo de aprendizaje?", "El papel de quien facilita"]
    assert groups["Conducir las reuniones"] == ["Estructura de una reunión"]
    english = page.select_one("section.untranslated")
    links = english.select("a")
    assert [a.get_text() for a in links] == [
        "Running circles in a public library",
        "Choosing an online course",
        "Group composition and mixed experience",
        "First-meeting checklist",
        "The plus/delta reflection",
        "Wrapping up a circle",
    ]
    assert all(
        a["hreflang"] == "en" and a["lang"] == "en" and a["href"].startswith(handbook.index["en"].url)
        for a in links
    )
    # An English-only chapter says which (Spanish) guide it belongs to.
    chapter = english.find("a", string="The plus/delta reflection").parent
    assert "Estructura de una reunión" in chapter.get_text()


def test_french_index_has_its_one_guide_and_the_rest_in_english(client, handbook):
    page = soup(client.get(handbook.index["fr"].url))
    assert dict(index_groups(page)) == {"Premiers pas": ["Qu'est-ce qu'un cercle d'apprentissage ?"]}
    assert len(page.select("section.untranslated a")) == 9


def test_english_index_has_no_untranslated_section(client, handbook):
    assert soup(client.get(handbook.index["en"].url)).select_one("section.untranslated") is None


# A guide page ------------------------------------------------------------------


def test_previous_and_next_follow_the_handbook_order(handbook, en_index):
    handbook = Handbook(en_index)
    assert [page.slug for page in handbook.guides] == HANDBOOK_ORDER
    first, last = handbook.guides[0], handbook.guides[-1]
    assert handbook.neighbours(first) == (None, handbook.guides[1])
    assert handbook.neighbours(last) == (handbook.guides[-2], None)


@pytest.mark.parametrize(
    "slug, language, previous, following",
    [
        ("what-is-a-learning-circle", "en", None, "The facilitator's role"),
        ("meeting-structure", "en", "First-meeting checklist", "Running a check-in"),
        ("running-a-check-in", "en", "Meeting structure", "The plus/delta reflection"),
        ("plus-delta-reflection", "en", "Running a check-in", "Wrapping up a circle"),
        ("wrapping-up-a-circle", "en", "The plus/delta reflection", None),
        ("meeting-structure", "es", "El papel de quien facilita", "Cómo hacer la ronda de inicio"),
    ],
)
def test_guide_page_links_previous_and_next(client, handbook, slug, language, previous, following):
    nav = soup(client.get(handbook.guide(slug, language).url)).select_one("nav.handbook-nav")
    prev_link = nav.select_one("a[rel=prev]")
    next_link = nav.select_one("a[rel=next]")
    assert (prev_link and prev_link.contents[-1].strip()) == previous
    assert (next_link and next_link.contents[-1].strip()) == following


def test_table_of_contents_is_built_from_the_headings(client, make_guide):
    guide = make_guide(
        "Contents test",
        body=[
            {"type": "heading", "value": {"text": "First part", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {"type": "heading", "value": {"text": "A detail", "level": "h3"}},
            {"type": "heading", "value": {"text": "First part", "level": "h2"}},
            {"type": "heading", "value": {"text": "", "level": "h2"}},
        ],
    )
    page = soup(client.get(guide.url))
    toc = page.select_one("nav.toc")
    top = toc.find("ol").find_all("li", recursive=False)
    assert [li.a.get_text() for li in top] == ["First part", "First part"]
    assert [a.get_text() for a in top[0].select(":scope > ol a")] == ["A detail"]
    targets = [a["href"] for a in toc.select("a")]
    assert targets == ["#first-part", "#a-detail", "#first-part-2"]
    body = page.select_one(".guide-body")
    assert [heading["id"] for heading in body.find_all(["h2", "h3"])] == [
        "first-part",
        "a-detail",
        "first-part-2",
    ]


def test_guide_without_headings_has_no_table_of_contents(client, make_guide):
    assert soup(client.get(make_guide("No headings").url)).select_one("nav.toc") is None


def test_reading_time_counts_the_words_of_the_body_not_its_markup(make_guide):
    words = " ".join(["word"] * 440)
    page = make_guide(
        "Long read",
        summary="Ten words of summary, which count towards the reading time.",
        body=[
            {"type": "paragraph", "value": f"<p><b>{words}</b></p>"},
            {
                "type": "callout",
                "value": {"kind": "tip", "title": "", "text": "<p>" + "more " * 150 + "</p>"},
            },
        ],
    )
    assert page.word_count == 10 + 440 + 150
    assert page.reading_minutes == 3  # 600 words at 200 a minute
    assert make_guide("Short read").reading_minutes == 1


def test_guide_page_shows_section_reading_time_and_review_date(client, handbook):
    page = soup(client.get(handbook.guide("meeting-structure").url))
    assert page.select_one(".guide-kicker").get_text() == "Running meetings"
    meta = page.select_one(".guide-header .guide-meta")
    assert "minute read" in meta.get_text()
    assert meta.find("time")["datetime"] == "2026-10-05"
    assert (
        page.select_one(".guide-body table caption").get_text() == "Typical timings for a 90-minute meeting"
    )
    assert page.select_one(".guide-body .agenda-total").get_text() == "90 minutes"


def test_chapter_shows_its_guide_in_breadcrumb_and_chapter_list(client, handbook):
    page = soup(client.get(handbook.guide("running-a-check-in").url))
    crumbs = [li.get_text(strip=True) for li in page.select("nav.breadcrumb li")]
    assert crumbs == ["Guides", "Meeting structure", "Running a check-in"]
    chapters = page.select_one("nav.chapters")
    assert chapters.select_one("[aria-current=page]").get_text() == "Running a check-in"
    assert [a.get_text() for a in chapters.select("a")] == ["The plus/delta reflection"]


def test_related_guides_are_shown_in_the_pages_language_or_marked(client, handbook):
    english = soup(client.get(handbook.guide("meeting-structure").url))
    assert [a.get_text() for a in english.select(".related a")] == [
        "Running a check-in",
        "The plus/delta reflection",
        "First-meeting checklist",
    ]
    spanish = soup(client.get(handbook.guide("meeting-structure", "es").url))
    cards = spanish.select(".related li")
    assert cards[0].a.get_text() == "Cómo hacer la ronda de inicio"
    assert cards[0].get("lang") is None
    # Not translated yet: the English guide, marked as such.
    assert cards[1].a.get_text() == "The plus/delta reflection"
    assert cards[1]["lang"] == "en"
    assert cards[1].a["href"] == handbook.guide("plus-delta-reflection").url
    assert cards[1].select_one(".badge").get_text() == "En inglés"


def test_unpublished_related_and_neighbouring_guides_are_left_out(client, handbook):
    handbook.guide("plus-delta-reflection").unpublish()
    page = soup(client.get(handbook.guide("running-a-check-in").url))
    assert "The plus/delta reflection" not in page.select_one(".related").get_text()
    assert page.select_one("a[rel=next]").contents[-1].strip() == "Wrapping up a circle"


def test_guides_print_cleanly(client, handbook):
    page = soup(client.get(handbook.guide("meeting-structure").url))
    print_sheets = [link["href"] for link in page.select('link[rel=stylesheet][media="print"]')]
    assert any(href.endswith("guides/print.css") for href in print_sheets)
    assert page.select_one(".print-only").get_text().startswith("Printed from Circle Commons")
    # The print button needs JavaScript, so it starts hidden.
    assert page.select_one(".js-print").has_attr("hidden")


def test_home_page_features_the_first_guides_of_the_handbook(homes, handbook):
    section = next(section for section in home_sections.sections() if section.key == "featured_guides")
    assert [page.slug for page in section.items(homes["en"].locale)] == HANDBOOK_ORDER[:3]
    spanish = homes["es"].locale
    assert [page.title for page in GuidePage.objects.featured(spanish, limit=5)] == [
        "¿Qué es un círculo de aprendizaje?",
        "El papel de quien facilita",
        "Estructura de una reunión",
    ]


# Query budgets ----------------------------------------------------------------


def count_queries(client, path):
    # Warm what any visitor shares, the site chrome included (the first
    # request of a new site also creates its header and footer settings).
    for _warm_up in range(2):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def grow_the_handbook(make_guide, make_activity, sections, target):
    """Add guides, chapters, related links and activity blocks."""
    activities = [make_activity(f"Activity {n}", f"activity-{n}") for n in range(5)]
    extra = [make_guide(f"Extra guide {n}", section=sections["Planning a circle"]) for n in range(6)]
    for n in range(3):
        make_guide(f"Extra chapter {n}", parent=extra[0])
    for order, page in enumerate(extra):
        GuideRelatedLink.objects.create(page=target, guide=page, sort_order=10 + order)
    target.body.extend(("activity", {"activity": activity, "note": "Try it."}) for activity in activities)
    target.save_revision().publish()


def plain_page_like_a_guide(home):
    """A standard page in the same position as a new guide (one level below
    a top-level page, in English only), to compare what each costs."""
    return StandardPageFactory(parent=StandardPageFactory(parent=home), title="Plain").url


def test_guide_page_queries_do_not_grow_with_the_handbook(client, home, make_guide, make_activity, sections):
    target = make_guide(
        "Budget",
        section=sections["Running meetings"],
        body=[
            {"type": "heading", "value": {"text": "One", "level": "h2"}},
            {"type": "activity", "value": {"activity": make_activity("First", "first-activity").pk}},
        ],
    )
    plain = count_queries(client, plain_page_like_a_guide(home))
    before = count_queries(client, target.url)
    grow_the_handbook(make_guide, make_activity, sections, target)
    after = count_queries(client, target.url)
    assert after == before
    # Compared with a plain page in the same place (same routing, header and
    # footer), the handbook, related guides and activity cards cost a handful
    # of queries, far under fifteen.
    assert after - plain <= 6


def test_guide_index_queries_do_not_grow_with_the_handbook(
    client, home, handbook, make_guide, make_activity, sections
):
    about = StandardPageFactory(parent=home)
    spanish_about = translation_of(about, "es", title="Acerca de", slug=f"acerca-de-{about.pk}")
    translation_of(about, "fr", title="À propos", slug=f"a-propos-{about.pk}")
    english_plain = count_queries(client, about.url)
    spanish_plain = count_queries(client, spanish_about.url)
    english_index, spanish_index = handbook.index["en"].url, handbook.index["es"].url
    english_before = count_queries(client, english_index)
    spanish_before = count_queries(client, spanish_index)
    grow_the_handbook(make_guide, make_activity, sections, handbook.guide("meeting-structure"))
    assert count_queries(client, english_index) == english_before
    assert count_queries(client, spanish_index) == spanish_before
    assert english_before - english_plain <= 4
    # The Spanish index also lists the English guides not yet translated.
    assert spanish_before - spanish_plain <= 6

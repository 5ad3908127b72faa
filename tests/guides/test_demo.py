"""The handbook's demo (guides/demo_data) loads, is complete, makes real
wagtail-localize translations, and loading it again changes nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision, WorkflowPage
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from activities.models import ActivityPage
from core import demo_data
from guides import demo
from guides.demo_body import parse
from guides.models import GuideIndexPage, GuidePage, GuideRelatedLink, GuideSection
from guides.workflows import GUIDE_REVIEW
from tests.factories.activities import whole_demo

# In one worker, which seeds the demo once for all of them (whole_demo).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("whole-demo")]


@pytest.fixture(scope="module", autouse=True)
def site_skeleton():
    """No skeleton of the conftest's: the demo makes its own home pages."""


@pytest.fixture(scope="module", autouse=True)
def homes(django_db_setup, django_db_blocker):
    with whole_demo(django_db_blocker) as homes:
        yield homes


def documents():
    return demo_data.load(demo.DATA / "guides")


def counts():
    return {
        "guides": GuidePage.objects.count(),
        "indexes": GuideIndexPage.objects.count(),
        "sections": GuideSection.objects.count(),
        "links": GuideRelatedLink.objects.count(),
        "revisions": Revision.objects.count(),
        "translations": Translation.objects.count(),
        "bodies": sorted((page.pk, str(page.body.raw_data)) for page in GuidePage.objects.all()),
    }


def test_demo_is_idempotent_and_deterministic(homes):
    before = counts()
    output = io.StringIO()
    demo.seed(homes["en"], stdout=output)
    assert counts() == before
    assert "10 in English, 10 in Spanish, 10 in French" in output.getvalue()


def test_every_data_file_is_a_guide_whose_body_keeps_the_blocks_rules():
    english = GuidePage.objects.filter(locale__language_code="en")
    for document in documents():
        page = english.get(slug=document["slug"])
        assert (page.title, page.summary, page.live) == (document["title"], document["summary"], True)
        assert [link.guide.slug for link in page.related_links.all()] == document.get("related", [])
        if document.get("parent"):
            assert page.get_parent().slug == document["parent"]
        page.body.stream_block.clean(page.body)  # what the admin checks (an agenda adds up, ...)
    assert english.count() == len(documents())


def test_demo_block_ids_are_stable():
    page = GuidePage.objects.get(slug="meeting-structure", locale__language_code="en")
    assert page.body.raw_data[0]["id"] == demo.demo_id("meeting-structure", 0)
    agenda = next(block for block in page.body.raw_data if block["type"] == "agenda")
    assert [item["id"] for item in agenda["value"]["phases"]] == [
        demo.demo_id("meeting-structure", 4, number) for number in range(5)
    ]


def test_demo_has_ten_guides_using_a_mix_of_blocks():
    english = GuidePage.objects.filter(locale__language_code="en")
    assert english.count() >= 10
    used = {block.block_type for page in english for block in page.body}
    assert {"heading", "paragraph", "callout", "steps", "faq", "agenda", "quote"} <= used
    kinds = {block.value["kind"] for page in english for block in page.body if block.block_type == "callout"}
    assert kinds == {"tip", "watch_out", "example"}


def test_meeting_structure_agenda_adds_up_to_ninety_minutes():
    page = GuidePage.objects.get(slug="meeting-structure", locale__language_code="en")
    agenda = next(block.value for block in page.body if block.block_type == "agenda")
    assert agenda.total_minutes == agenda["planned_minutes"] == 90
    assert [phase["name"] for phase in agenda["phases"]][0] == "Check-in"


def test_library_guide_carries_the_pilots_figures(client):
    text = (
        BeautifulSoup(client.get("/en/guides/running-circles-in-a-public-library/").content, "html.parser")
        .select_one(".guide-body")
        .get_text()
    )
    for fact in [
        "11 of its branches",
        "17 circles",
        "six to eight weeks",
        "between 2 and 15",
        "45%",
        "5%",
        "65%",
        "90%",
    ]:
        assert fact in text


def test_every_activity_card_shows_an_activity_of_the_demo_library():
    named = {
        value["activity"]
        for document in documents()
        for kind, value in parse(document.body, document.path)
        if kind == "activity"
    }
    embedded = {
        block.value["activity"].slug
        for page in GuidePage.objects.filter(locale__language_code="en")
        for block in page.body
        if block.block_type == "activity"
    }
    assert embedded == named
    assert ActivityPage.objects.filter(slug__in=named, locale__language_code="en").count() == len(named)


def untranslated_segments(translation):
    source = translation.source
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if not StringTranslation.objects.filter(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context
        ).exists():
            missing.append(segment.string.data)
    return missing


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_demo_guide_is_fully_translated_with_wagtail_localize(language):
    english = GuidePage.objects.filter(locale__language_code="en")
    assert english.count() == len(documents())
    for page in english:
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale__language_code=language
        )
        assert untranslated_segments(translation) == [], page.slug
        assert translation.get_target_instance().live
    assert GuidePage.objects.filter(locale__language_code=language).count() == english.count()


def test_every_translation_file_is_a_translated_guide():
    for document in documents():
        page = GuidePage.objects.get(slug=document["slug"], locale__language_code="en")
        for language, translation in document.translations.items():
            translated = GuidePage.objects.get(
                translation_key=page.translation_key, locale__language_code=language
            )
            assert (translated.slug, translated.title) == (translation["slug"], translation["title"])
            assert [block.block_type for block in translated.body] == [
                block.block_type for block in page.body
            ]


def test_sections_and_index_are_translated_too():
    for language in ["es", "fr"]:
        assert GuideSection.objects.filter(locale__language_code=language).count() == len(
            demo_data.load(demo.DATA / "sections")
        )
        index = GuideIndexPage.objects.get(locale__language_code=language)
        source = TranslationSource.objects.get(object_id=index.translation_key)
        translation = Translation.objects.get(source=source, target_locale=index.locale)
        assert untranslated_segments(translation) == []


def test_every_guide_index_of_the_demo_uses_guide_review():
    indexes = GuideIndexPage.objects.all()
    assert {index.locale.language_code for index in indexes} == {"en", "es", "fr"}
    for index in indexes:
        assert WorkflowPage.objects.get(page=index).workflow.name == GUIDE_REVIEW.name

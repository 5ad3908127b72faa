"""Activity tags are shown in the reader's language; a tag's address (its
slug in the filtered library's URL) is the same in every language."""

import pytest
from taggit.models import Tag

from activities.tags import TagName


@pytest.fixture
def icebreaker(make_activity):
    activity = make_activity("Name round", tags=["icebreaker"])
    tag = Tag.objects.get(name="icebreaker")
    TagName.objects.create(tag=tag, name_es="rompehielos", name_fr="brise-glace")
    return activity


@pytest.mark.parametrize(
    ("language", "name"), [("en", "icebreaker"), ("es", "rompehielos"), ("fr", "brise-glace")]
)
def test_the_activity_page_names_its_tags_in_the_readers_language(
    client, library, icebreaker, language, name
):
    from tests.factories.activities import translation_of

    if language != "en":
        translation_of(library, language)
    page = icebreaker if language == "en" else translation_of(icebreaker, language)
    html = client.get(page.url).content.decode()
    assert f'?tag=icebreaker">#{name}</a>' in html


@pytest.mark.parametrize(
    ("language", "name"), [("en", "icebreaker"), ("es", "rompehielos"), ("fr", "brise-glace")]
)
def test_the_library_filter_names_tags_in_the_readers_language(client, library, icebreaker, language, name):
    from tests.factories.activities import translation_of

    shown = library if language == "en" else translation_of(library, language)
    html = client.get(shown.url).content.decode()
    assert 'name="tag" value="icebreaker"' in html
    assert f'{name} <span class="count">(1)</span>' in html


def test_a_tag_without_names_keeps_its_own(client, library, make_activity):
    from tests.factories.activities import translation_of

    translation_of(library, "es")
    activity = make_activity("Walk and talk", tags=["movement"])
    page = translation_of(activity, "es")
    assert '?tag=movement">#movement</a>' in client.get(page.url).content.decode()


def test_every_demo_tag_has_spanish_and_french_names():
    from activities import demo
    from core import demo_data

    named = {row["name"]: row for row in demo_data.parse(demo.DATA / "tags.md")["tags"]}
    used = {
        tag for document in demo_data.load(demo.DATA / "activities") for tag in document.get("tags") or []
    }
    assert used <= set(named), f"tags without names: {sorted(used - set(named))}"
    for row in named.values():
        assert row.get("es") and row.get("fr"), row

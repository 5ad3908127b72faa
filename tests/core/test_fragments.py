"""Fragments the same for every reader (activity cards, the handbook's
outline) are rendered once and kept under the editorial generation
(core.fragments): shown until content changes, never after."""

from unittest import mock

import pytest
from wagtail.models import Page

from core.cache import invalidate
from tests.factories.activities import ActivityIndexPageFactory, ActivityPageFactory, in_service
from tests.factories.core import UserFactory
from tests.factories.guides import GuideIndexPageFactory, GuidePageFactory

pytestmark = pytest.mark.django_db


def rename_quietly(page, title):
    """Change a title without any signal: nothing tells the caches."""
    Page.objects.filter(pk=page.pk).update(title=title)


@pytest.fixture
def library(home):
    library = in_service(ActivityIndexPageFactory(parent=home))
    ActivityPageFactory(parent=library, title="Paired listening")
    return library


def test_activity_cards_are_kept_until_content_changes(client, library):
    activity = library.get_children().first()
    client.force_login(UserFactory(veteran=True))  # a member: no page cache
    client.get(library.url)  # the first visit may make the site's settings rows (a content change)
    assert ">Paired listening</a>" in client.get(library.url).text
    rename_quietly(activity, "Renamed quietly")
    assert ">Paired listening</a>" in client.get(library.url).text  # the card was kept
    invalidate()  # what publishing does
    page = client.get(library.url).text
    assert ">Renamed quietly</a>" in page
    assert ">Paired listening</a>" not in page


def test_a_card_is_rendered_once(client, library):
    client.get(library.url)
    client.get(library.url)
    with mock.patch("django.template.loader.render_to_string", wraps=None) as render:
        render.side_effect = AssertionError("rendered again")
        assert client.get(library.url).status_code == 200


def test_cards_are_rendered_every_time_while_the_cache_is_out(client, library):
    activity = library.get_children().first()
    client.get(library.url)
    client.get(library.url)
    rename_quietly(activity, "Renamed quietly")
    with mock.patch("core.fragments.cache_is_degraded", return_value=True):
        assert ">Renamed quietly</a>" in client.get(library.url).text


def test_the_handbook_outline_is_kept_until_content_changes(client, homes):
    index = in_service(GuideIndexPageFactory(parent=homes["en"]))
    guide = GuidePageFactory(parent=index, title="Running a check-in")
    client.force_login(UserFactory(veteran=True))
    client.get(index.url)
    assert "Running a check-in" in client.get(index.url).text
    rename_quietly(guide, "Renamed quietly")
    assert "Running a check-in" in client.get(index.url).text
    invalidate()
    assert "Renamed quietly" in client.get(index.url).text


def test_a_shelf_keeps_its_own_entries_up_to_its_own_limit(db):
    """What is large (a page of forum posts) is kept on a shelf of its own:
    filling it empties the shelf, never the fragments and routes beside it."""
    from core.cache import CONTENT, per_generation

    computed = []

    def keep(key, shelf="", limit=2000):
        return per_generation(key, lambda: computed.append(key) or key, CONTENT, shelf, limit)

    keep("fragment")
    for number in range(3):
        keep(("page", number), "kept-pages", 3)
    keep(("page", 0), "kept-pages", 3)
    assert computed.count(("page", 0)) == 1  # still kept: the shelf holds 3
    keep(("page", 3), "kept-pages", 3)  # the shelf was full: emptied first
    keep(("page", 0), "kept-pages", 3)
    assert computed.count(("page", 0)) == 2
    keep("fragment")
    assert computed.count("fragment") == 1


def test_a_generation_moves_on_again_when_its_transaction_commits(db, django_capture_on_commit_callbacks):
    """A change moves the generation on at once and again at commit: a
    request that began in between read the rows from before the commit (a
    thread page without the reply just posted) and kept them under the
    number the first move gave; the second move makes them unreachable."""
    from core.cache import CONTENT, bump, generation

    before = generation(CONTENT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bump(CONTENT)
        during = generation(CONTENT)
        assert during != before
    assert len(callbacks) == 1
    assert generation(CONTENT) not in (before, during)

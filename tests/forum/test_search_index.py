"""The forum has one search engine, the site search (core.search): a
thread's words are found there as soon as they are written, and Wagtail's
own index (which serves the admin's page search) holds no thread, so a
forum write costs no second index update."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.models import IndexEntry

from core import search
from forum.models import Thread

from .conftest import TEXT, make_user

pytestmark = pytest.mark.django_db


def test_a_reply_is_found_by_the_site_search_and_wagtails_index_holds_no_thread(category, django_user_model):
    author = make_user(django_user_model, "writer")
    thread = Thread.start(category=category, author=author, title="Mixing beginners", source=TEXT)
    thread.add_reply(
        author=make_user(django_user_model, "answerer"), source="Try heterogeneous triads first."
    )

    found = search.search("heterogeneous triads", "en")
    assert [result.title for result in found.results[0:10]] == ["Mixing beginners"]
    assert not IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Thread)).exists()

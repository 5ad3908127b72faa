"""Known URLs are routed from this process's memory for the editorial
generation (core.routes), pages under no restriction skip Wagtail's
restriction queries, and what a page shows to everyone is rendered once per
generation (shared_fragment): never stale after a change, never personal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.cache import invalidate
from tests.factories.activities import ActivityIndexPageFactory, ActivityPageFactory, in_service
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(home):
    library = in_service(ActivityIndexPageFactory(parent=home))
    return ActivityPageFactory(parent=library, title="Paired listening")


def page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries if "wagtailcore_page" in query["sql"]]


def test_a_known_url_is_routed_with_one_query(client, activity):
    client.force_login(UserFactory(veteran=True))  # no page cache
    client.get(activity.url)
    client.get(activity.url)
    queries = page_queries(client, activity.url)
    # The page itself, by id; no walk down the tree by slug.
    assert not [sql for sql in queries if '"wagtailcore_page"."slug" =' in sql], queries
    assert len(queries) <= 2, queries


def test_an_unpublished_page_is_not_served_from_a_known_route(client, activity):
    client.force_login(UserFactory(veteran=True))
    assert client.get(activity.url).status_code == 200
    url = activity.url
    activity.unpublish()
    assert client.get(url).status_code == 404


def test_a_page_no_longer_live_is_routed_again_even_without_a_change_signal(client, activity):
    client.force_login(UserFactory(veteran=True))
    url = activity.url
    assert client.get(url).status_code == 200
    Page.objects.filter(pk=activity.pk).update(live=False)  # no signal, no new generation
    assert client.get(url).status_code == 404


def test_a_restriction_is_enforced_for_a_known_route(client, activity):
    member = UserFactory(veteran=True)
    client.force_login(member)
    assert client.get(activity.url).status_code == 200
    PageViewRestriction.objects.create(page=activity, restriction_type=PageViewRestriction.GROUPS)
    response = client.get(activity.url)
    assert response.status_code in (302, 403)


def test_shared_content_follows_an_edit(client, activity):
    client.force_login(UserFactory(veteran=True))
    client.get(activity.url)  # the first visit may make the site's settings rows (a content change)
    heading = 'id="activity-title">{}</h1>'
    assert heading.format("Paired listening") in client.get(activity.url).text
    Page.objects.filter(pk=activity.pk).update(title="Renamed quietly")
    # Kept: nothing said it changed.
    assert heading.format("Paired listening") in client.get(activity.url).text
    invalidate()  # what publishing does
    assert heading.format("Renamed quietly") in client.get(activity.url).text


def test_the_library_fragment_is_not_shared_between_visitors_and_members(client, activity):
    library = activity.get_parent()
    visitor_page = client.get(library.url).text
    client.force_login(UserFactory(veteran=True))
    member_page = client.get(library.url).text
    assert "My activities" not in visitor_page
    assert "My activities" in member_page

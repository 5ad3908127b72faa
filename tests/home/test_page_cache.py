import pytest
from django.core.cache import cache
from django.test import override_settings

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(db):
    from core.models import FooterSettings, NavigationSettings

    # The site chrome's settings exist, as on any site that has served a page
    # (made on first use, they would move the cache generation on).
    NavigationSettings.load()
    FooterSettings.load()
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def test_anonymous_pages_are_served_from_the_cache(client, about, django_assert_num_queries):
    first = client.get("/en/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The cached copy still carries the security headers.
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_publishing_invalidates_cached_pages(client, about):
    client.get("/en/about/")
    page = StandardPage.objects.get(pk=about.pk)
    page.title = "About us, revised"
    page.save_revision().publish()
    response = client.get("/en/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "About us, revised" in response.content.decode()


def test_signed_in_members_are_never_served_cached_pages(client, member, about):
    client.get("/en/about/")
    client.force_login(member)
    response = client.get("/en/about/")
    assert "X-Page-Cache" not in response
    assert member.public_name in response.content.decode()


def test_responses_that_set_cookies_are_not_cached(client):
    client.get("/en/accounts/login/")  # sets the CSRF cookie
    client.cookies.clear()
    assert client.get("/en/accounts/login/").get("X-Page-Cache") != "hit"


def test_forum_posts_refresh_cached_pages_but_not_the_site_chrome(client, member, homes):
    from core.cache import CONTENT, PAGES, generation
    from forum.models import ThreadRead
    from tests.factories.forum import ThreadFactory

    thread = ThreadFactory()
    client.get("/en/forum/latest/")
    pages, content = generation(PAGES), generation(CONTENT)
    thread.add_reply(author=member, source="A reply long enough to be accepted by the forum.")
    assert generation(PAGES) == pages
    assert generation(CONTENT) == content + 1
    assert client.get("/en/forum/latest/")["X-Page-Cache"] == "miss"
    # A member's read marker is personal: it leaves cached pages alone.
    ThreadRead.objects.update_or_create(
        user=member, thread=thread, defaults={"last_read_at": thread.last_activity_at}
    )
    assert generation(CONTENT) == content + 1

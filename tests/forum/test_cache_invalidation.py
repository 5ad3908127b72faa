"""What visitors see in the forum changes with moderation, accepted answers and
deletions, which update rows without saving models (no post_save signal): the
anonymous page cache must still move on, or a hidden post stays on show."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the callbacks a commit would run (tests run inside a transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached_thread_page(client, thread):
    # The first page ever shown creates the site chrome's settings (an
    # editorial change, which empties the cache): show one first.
    client.get(reverse("forum:index"))
    url = thread.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    return url


def test_hiding_a_post_refreshes_the_cached_thread(client, committed, thread, reply_post, moderator):
    url = cached_thread_page(client, thread)
    with committed():
        reply_post.set_hidden(True, by=moderator)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ask a one-word question" not in response.content.decode()
    assert "This post was hidden by a moderator." in response.content.decode()


def test_deleting_a_post_refreshes_the_cached_thread(client, committed, thread, reply_post):
    url = cached_thread_page(client, thread)
    with committed():
        reply_post.soft_delete()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ask a one-word question" not in response.content.decode()


@pytest.mark.parametrize("action", ["set_locked", "set_pinned", "set_hidden"])
def test_moderating_a_thread_refreshes_cached_pages(client, committed, thread, moderator, action):
    url = cached_thread_page(client, thread)
    with committed():
        getattr(thread, action)(True, by=moderator)
    assert client.get(url).get("X-Page-Cache") != "hit"


def test_accepting_an_answer_refreshes_the_cached_thread(client, committed, thread, reply_post, author):
    url = cached_thread_page(client, thread)
    with committed():
        thread.accept(reply_post, by=author)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Accepted answer" in response.content.decode()
    with committed():
        thread.unaccept(by=author)
    assert client.get(url)["X-Page-Cache"] == "miss"

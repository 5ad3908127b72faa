"""A thread's posts are shared fragments (forum/includes/post.html): rendered
once for everyone who sees a post the same way, yet each reader gets only the
actions that are theirs and their own CSRF token."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from core import fragments
from tests.factories.core import ModeratorFactory
from tests.factories.forum import MemberFactory, PostFactory

pytestmark = pytest.mark.django_db


def actions(client, thread, post):
    """The labels of a post's actions, and the CSRF tokens of its forms."""
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    item = BeautifulSoup(response.content, "html.parser").find(id=f"post-{post.pk}")
    footer = item.find("footer", class_="post-actions")
    labels = {
        re.sub(r"^\W+", "", element.get_text(" ", strip=True).split(" to #")[0])
        for element in footer.find_all(["a", "button"])
    }
    tokens = {field["value"] for field in footer.find_all("input", attrs={"name": "csrfmiddlewaretoken"})}
    return labels, tokens


def signed_in(user, thread):
    """A member's client after one visit: a fresh site's first request
    creates its header and footer settings, which moves every generation on
    (and so would keep the posts from being shared)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(thread.get_absolute_url())
    return client


def test_each_reader_sees_their_own_actions_whoever_rendered_the_post_first(thread, author, replier):
    reply = PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    moderator = ModeratorFactory(username="mod")
    # In this order, each reading the pages the one before left in the cache.
    seen = {
        name: actions(signed_in(user, thread), thread, reply)
        for name, user in [
            ("replier", replier),
            ("author", author),
            ("moderator", moderator),
            ("replier again", replier),
        ]
    }
    assert {"Edit", "Delete"} <= seen["replier"][0] and "Like" not in seen["replier"][0]
    assert "Edit" not in seen["author"][0] and {"Like", "Flag", "Accept as answer"} <= seen["author"][0]
    assert "Hide" in seen["moderator"][0] and "Hide" not in seen["author"][0]
    assert seen["replier again"][0] == seen["replier"][0]
    anonymous_labels, anonymous_tokens = actions(Client(), thread, reply)
    assert not anonymous_labels & {"Edit", "Delete", "Like", "Hide", "Bookmark"} and not anonymous_tokens


def test_every_form_in_a_shared_post_carries_the_readers_own_csrf_token(thread, author, replier):
    reply = PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    # Two members who may do the same with the post: one rendering for both.
    reader, other_reader = MemberFactory(username="reader"), MemberFactory(username="other-reader")
    first, second = signed_in(reader, thread), signed_in(other_reader, thread)
    labels, first_tokens = actions(first, thread, reply)
    other_labels, second_tokens = actions(second, thread, reply)
    assert labels == other_labels
    assert first_tokens and second_tokens and not first_tokens & second_tokens
    assert not any(fragments.csrf_placeholder() in token for token in first_tokens | second_tokens)
    # The token works: a like from the page's own form is accepted (CSRF checks on).
    response = first.post(reverse("forum:like", args=[reply.pk]), {"csrfmiddlewaretoken": first_tokens.pop()})
    assert response.status_code in (200, 302)
    assert reply.likes.filter(user=reader).exists()


def test_the_placeholder_is_secret_and_never_reaches_a_page(thread, author, replier, settings):
    """A member who could write the placeholder into a post would have each
    reader's token put in its place (an image link would carry it away): it
    is derived from SECRET_KEY, and what leaves the server never holds it."""
    PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    placeholder = fragments.csrf_placeholder()
    page = signed_in(author, thread).get(thread.get_absolute_url()).content.decode()
    assert placeholder not in page and 'name="csrfmiddlewaretoken" value=""' not in page
    fragments.csrf_placeholder.cache_clear()
    try:
        settings.SECRET_KEY = "another-secret-key-" + "x" * 40
        assert fragments.csrf_placeholder() != placeholder
    finally:
        fragments.csrf_placeholder.cache_clear()

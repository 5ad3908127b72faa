"""The thread page's query budget: under 15, and the same for 5 posts as
for 40 (likes counted by annotation, the viewer's likes and bookmarks in one
query), and fewer once a page's posts are kept for every reader."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.models import Like, Notification, Post, Thread

from .conftest import make_user

pytestmark = pytest.mark.django_db

BUDGET = 15


@pytest.fixture
def people(django_user_model):
    return [make_user(django_user_model, f"person{number}") for number in range(4)]


def build_thread(category, people, posts, title, replies_to=False):
    start = timezone.now() - timedelta(days=3)
    thread = Thread.start(
        category=category,
        author=people[0],
        title=title,
        source="Opening post of a thread used to measure queries.",
        is_question=True,
        tags=["budget", "queries"],
        created=start,
    )
    replies = []
    for number in range(posts - 1):
        author = people[number % len(people)]
        # With replies_to, each reply answers an earlier post ("in reply to
        # #n", with a preview), some of them hidden.
        answered = (replies[number // 2] if replies else thread.first_post) if replies_to else None
        replies.append(
            thread.add_reply(
                author=author,
                source=f"Reply number {number} mentioning @person1 with a [link](https://example.org/{number}).",
                created=start + timedelta(minutes=number + 1),
                reply_to=answered,
            )
        )
    for post in replies:
        for liker in people:
            if liker.pk != post.author_id:
                Like.objects.create(user=liker, post=post)
        Notification.objects.create(recipient=people[0], kind="reply", post=post, actor=post.author)
    if len(replies) > 1:
        thread.accept(replies[1], by=people[0])
    if replies_to:
        Post.objects.filter(pk__in=[post.pk for post in replies[2::5]]).update(is_hidden=True)
    thread.refresh_from_db()
    return thread


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def warm_up(client):
    """Warm caches that are per process, not per request. The first page ever
    shown also creates the site chrome's settings (as the demo would have),
    which empties the cached header and footer: show a page twice."""
    for _time in range(2):
        client.get(reverse("forum:index"))


def layout_queries(client):
    """What the site's shared layout costs this viewer (header navigation,
    footer, account menu, notification count, Wagtail user bar): a forum page
    that runs no query of its own, the unsubscribe page for a bad token."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("forum:unsubscribe", args=["not-a-token"]))
    assert response.status_code == 404
    return len(context.captured_queries)


@pytest.mark.parametrize("replies_to", [False, True], ids=["replies", "replies-to-posts"])
@pytest.mark.parametrize("viewer", ["anonymous", "member", "moderator"])
def test_thread_page_queries_do_not_grow_with_posts(client, category, people, moderator, viewer, replies_to):
    small = build_thread(category, people, 5, "A short thread for counting", replies_to)
    large = build_thread(category, people, 40, "A long thread for counting", replies_to)
    if viewer == "member":
        client.force_login(people[0])  # has unread notifications about these posts
    elif viewer == "moderator":
        client.force_login(moderator)
    warm_up(client)

    # First visits read the page's posts (and the thread's post count) and
    # keep them for every reader until members' writing changes; visits
    # after that read only what is the viewer's.
    pages = [("small", small, 1), ("large", large, 1), ("large-2", large, 2)]
    first = {
        name: count_queries(client, thread.get_absolute_url() + f"?page={page}")
        for name, thread, page in pages
    }
    again = {
        name: count_queries(client, thread.get_absolute_url() + f"?page={page}")
        for name, thread, page in pages
    }
    # The thread's row, its tags and its post count are kept for all its pages.
    assert first["small"] == first["large"] == first["large-2"] + 3, first
    # Once every page was seen, none has unread notifications left to mark:
    # a member's visit is who they are, their state on the thread (with
    # their notification counts) and their likes and bookmarks on the page.
    assert again == dict.fromkeys(again, 0 if viewer == "anonymous" else 3), again

    layout = layout_queries(client)
    own = first["small"] - layout
    # A first visit: the thread, its tags, the post count, the posts with
    # their likes; for a member also their state on the thread (watch, read
    # marker, draft, notification counts), their likes and bookmarks on the
    # page, and the read marker and notifications written.
    assert own <= (4 if viewer == "anonymous" else 6), first
    assert first["small"] < BUDGET, first


def test_thread_lists_do_not_grow_with_threads(client, category, people):
    client.force_login(people[0])
    warm_up(client)
    build_thread(category, people, 3, "First thread in the list")
    url = reverse("forum:category", args=[category.slug])
    client.get(url)
    few = count_queries(client, url)
    for number in range(6):
        build_thread(category, people, 2, f"Another thread in the list {number}")
    client.get(url)  # new content: the cached header and footer are rebuilt once
    assert count_queries(client, url) == few
    layout = layout_queries(client)
    # Category, watch state, thread count, threads (with unread markers).
    assert few - layout <= 4
    # Thread count and threads; categories with their counts and the latest threads.
    assert count_queries(client, reverse("forum:latest")) - layout <= 2
    assert count_queries(client, reverse("forum:index")) - layout <= 2
    assert few < BUDGET

"""A thread page's posts and a thread list's rows are read from the
database once for every reader and kept until members' writing changes
(forum/views/common.py kept_page): each reader still sees their own likes,
bookmarks and unread markers, only what their visibility allows, and a
like, an edit, a reply or a new thread shows at once."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache as page_cache
from forum.models import Bookmark, Like
from tests.factories.core import ModeratorFactory
from tests.factories.forum import MemberFactory, NotificationFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_item(client, thread, post):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id=f"post-{post.pk}")


def pressed(item, label):
    """Whether the post's button for `label` ("Like", "Bookmark") shows as
    pressed."""
    button = next(
        button for button in item.find_all("button") if label in button.get_text(strip=True).lstrip("♥♡ ")
    )
    return button["aria-pressed"] == "true"


def likes(item):
    shown = item.find(class_="likes")
    return shown.get_text(strip=True) if shown else ""


def test_a_second_reader_costs_no_query_for_the_posts_yet_sees_their_own_marks(thread, author, replier):
    reply = PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    liker, other = MemberFactory(username="liker"), MemberFactory(username="other")
    Like.objects.create(user=liker, post=reply)
    Bookmark.objects.create(user=liker, post=reply)
    first, second = signed_in(liker), signed_in(other)
    for client in (first, second):
        client.get(reverse("forum:index"))  # the site chrome's settings exist (see test_post_fragments)
    liked_item = post_item(first, thread, reply)  # reads and keeps the page's posts
    with CaptureQueriesContext(connection) as context:
        other_item = post_item(second, thread, reply)
    post_reads = [
        q["sql"] for q in context.captured_queries if 'FROM "forum_post"' in q["sql"].split("WHERE")[0]
    ]
    assert not post_reads, post_reads
    assert pressed(liked_item, "Like") and pressed(liked_item, "Bookmark")
    assert not pressed(other_item, "Like") and not pressed(other_item, "Bookmark")
    assert likes(liked_item) == likes(other_item) == "1 like"


def test_a_like_an_edit_and_a_reply_show_at_once_to_the_next_reader(thread, author, replier):
    reply = PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    reader, liker = signed_in(MemberFactory(username="reader")), MemberFactory(username="liker")
    reader.get(reverse("forum:index"))
    before = post_item(reader, thread, reply)
    assert "one question each" in before.get_text()

    signed_in(liker).post(reverse("forum:like", args=[reply.pk]))
    assert likes(post_item(reader, thread, reply)) == "1 like"

    reply.edit("Keep it to two questions each.", by=replier)
    assert "two questions each" in post_item(reader, thread, reply).get_text()

    newer = thread.add_reply(author=author, source="Thanks, we will try a timer too.")
    page = reader.get(thread.get_absolute_url()).content.decode()
    assert f'id="post-{newer.pk}"' in page and "try a timer too" in page


def test_nothing_is_kept_while_the_shared_cache_is_out(thread, author, replier, monkeypatch):
    """One process cannot tell another that a post changed: with the
    shared cache degraded, every page reads its posts."""
    reply = PostFactory(thread=thread, author=replier, source="Keep it to one question each.")
    reader = signed_in(MemberFactory(username="reader"))
    reader.get(reverse("forum:index"))
    reader.get(thread.get_absolute_url())
    monkeypatch.setattr(page_cache, "cache_is_degraded", lambda: True)
    with CaptureQueriesContext(connection) as context:
        item = post_item(reader, thread, reply)
    assert any('FROM "forum_post"' in q["sql"].split("WHERE")[0] for q in context.captured_queries)
    assert "one question each" in item.get_text()


def latest_titles(client):
    response = client.get(reverse("forum:latest"))
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("li.thread-row")
    return {row.select_one(".thread-title").get_text(strip=True): "is-unread" in row["class"] for row in rows}


def test_a_thread_list_is_kept_per_visibility_with_each_members_unread_markers(thread, author, replier):
    hidden = ThreadFactory(category=thread.category, author=author, title="A thread moderators hid")
    hidden.set_hidden(True, by=ModeratorFactory(username="mod-a"))
    moderator = signed_in(ModeratorFactory(username="mod-b"))
    moderator.get(reverse("forum:index"))
    assert "A thread moderators hid" in latest_titles(moderator)  # kept first, for moderators

    reader, newcomer = MemberFactory(username="reader"), MemberFactory(username="newcomer")
    reader_client, newcomer_client = signed_in(reader), signed_in(newcomer)
    assert "A thread moderators hid" not in latest_titles(newcomer_client)  # kept apart, for members
    reader_client.get(thread.get_absolute_url())  # has read the thread
    PostFactory(thread=thread, author=replier, source="A reply the reader has not seen yet.")
    assert latest_titles(reader_client)[thread.title] is True  # unread since their visit
    newcomer_client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as context:
        seen = latest_titles(newcomer_client)
    thread_reads = [q["sql"] for q in context.captured_queries if 'FROM "forum_thread"' in q["sql"]]
    assert not thread_reads, thread_reads  # the rows were kept for them
    assert seen[thread.title] is False  # read up to the latest reply
    assert "A thread moderators hid" not in seen

    ThreadFactory(category=thread.category, author=replier, title="A thread started just now")
    assert "A thread started just now" in latest_titles(newcomer_client)


def test_the_empty_reply_form_is_shared_yet_a_draft_is_each_members_own(thread, author, replier):
    from forum.models import Draft

    first, second = MemberFactory(username="first"), MemberFactory(username="second")
    with_draft = MemberFactory(username="drafter")
    Draft.keep(with_draft, thread, "My unsent answer about timers.")
    forms = {}
    for user in (first, second, with_draft):
        client = signed_in(user)
        client.get(reverse("forum:index"))
        page = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
        form = page.find(id="thread-reply-form")
        forms[user.username] = (
            form.find("textarea").get_text(),
            form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"],
        )
    assert forms["first"][0].strip() == forms["second"][0].strip() == ""
    assert forms["first"][1] and forms["first"][1] != forms["second"][1]  # each their own token
    assert "My unsent answer about timers." in forms["drafter"][0]


def test_the_kept_thread_follows_a_hide_and_a_new_title_at_once(
    thread, author, replier, django_capture_on_commit_callbacks
):
    reader = signed_in(MemberFactory(username="reader"))
    moderator_user = ModeratorFactory(username="mod-c")
    moderator = signed_in(moderator_user)
    reader.get(reverse("forum:index"))
    assert reader.get(thread.get_absolute_url()).status_code == 200  # kept
    thread.title = "How short can a check-in be?"
    thread.save(update_fields=["title"])
    page = reader.get(thread.get_absolute_url(), follow=True).content.decode()
    assert "How short can a check-in be?" in page
    with django_capture_on_commit_callbacks(execute=True):
        thread.set_hidden(True, by=moderator_user)
    assert reader.get(thread.get_absolute_url()).status_code == 404
    assert moderator.get(thread.get_absolute_url()).status_code == 200


def test_a_thread_that_does_not_exist_is_a_404_and_keeps_nothing(client, db):
    from core.cache import CONTENT, local_values

    assert client.get("/en/forum/t/999999-nothing/").status_code == 404
    assert not [key for key in local_values(CONTENT, "kept-pages") if 999999 in key]


def test_the_forum_nav_is_shared_yet_shows_each_reader_their_own_links(client, thread, author, replier):
    """One rendering per kind of reader (forum/includes/forum_nav.html): a
    visitor, a member with their unread count, a moderator with the
    moderation link; a new notification shows at once."""

    def nav(user=None):
        client.logout()
        if user is not None:
            client.force_login(user)
        page = BeautifulSoup(client.get(reverse("forum:latest")).content, "html.parser")
        return page.select_one("nav.forum-nav")

    assert nav().select_one('a[href$="/forum/notifications/"]') is None
    assert "unread" not in nav(author).get_text()
    NotificationFactory(recipient=author, post=PostFactory(thread=thread, author=replier))
    assert "1 unread" in nav(author).get_text(" ", strip=True)
    assert nav(author).select_one('a[href$="/forum/moderation/"]') is None
    assert nav(ModeratorFactory()).select_one('a[href$="/forum/moderation/"]') is not None
    assert nav(author).select_one('a[href$="/forum/latest/"]')["aria-current"] == "page"

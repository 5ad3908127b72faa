"""A hidden or deleted post is read by its author and moderators only, on
every URL that shows a post (issue 11, item 2): the thread, the flag page,
a quote, the history, the permalink, feeds, search and e-mail.

One rule decides (forum/permissions.py: readable_posts / can_read_post,
Post.objects.visible_to); each test here is one URL that used to ignore it
or could."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from forum import actions
from forum.models import ForumProfile, Notification, Post, Thread
from forum.tasks import send_digest_email, send_notification_email
from tests.factories.forum import PostFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db

SECRET = "The zanzibar-quokka password is under the mat."


@pytest.fixture
def hidden(thread, replier, moderator):
    post = PostFactory(thread=thread, author=replier, source=SECRET)
    post.edit(SECRET + " Edited once.", by=replier)
    post.set_hidden(True, by=moderator)
    return post


@pytest.fixture
def deleted(thread, replier):
    post = PostFactory(thread=thread, author=replier, source=SECRET + " Then deleted.")
    post.soft_delete()
    return post


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def shows_secret(client, url):
    response = client.get(url, follow=True)
    return response.status_code == 200 and "zanzibar-quokka" in text(response)


# --- One rule, as a query and for a post in hand -----------------------------------


def test_visible_to_is_the_one_rule(hidden, deleted, replier, veteran, moderator):
    from django.contrib.auth.models import AnonymousUser

    from forum import permissions

    for user, sees_hidden, sees_deleted in [
        (AnonymousUser(), False, False),
        (veteran, False, False),
        (replier, True, False),  # the author
        (moderator, True, True),
    ]:
        readable = set(Post.objects.visible_to(user).filter(pk__in=[hidden.pk, deleted.pk]))
        assert (hidden in readable, deleted in readable) == (sees_hidden, sees_deleted), user
        for post in (hidden, deleted):
            assert permissions.can_read_post(user, post) == (post in readable), (user, post)
    assert set(Post.objects.visible()) == set(Post.objects.visible_to(None))


# --- Each URL ---------------------------------------------------------------------


@pytest.mark.parametrize("which", ["hidden", "deleted"])
def test_flag_page(client, request, which, veteran):
    post = request.getfixturevalue(which)
    client.logout()
    assert not shows_secret(client, reverse("forum:flag", args=[post.pk]))
    client.force_login(veteran)
    assert client.get(reverse("forum:flag", args=[post.pk])).status_code == 404
    assert client.post(reverse("forum:flag", args=[post.pk]), {"reason": "spam"}).status_code == 404


def test_flag_page_for_moderators(client, hidden, moderator):
    client.force_login(moderator)
    assert shows_secret(client, reverse("forum:flag", args=[hidden.pk]))


def test_quote(client, hidden, deleted, veteran, replier, thread):
    for member in (veteran, replier):
        client.force_login(member)
        for post in (hidden, deleted):
            response = client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={post.pk}")
            assert response.status_code == 200
            assert "zanzibar-quokka" not in response.content.decode()


def test_history(client, hidden, deleted, veteran, replier, moderator):
    for post in (hidden, deleted):
        url = reverse("forum:post_history", args=[post.pk])
        client.logout()
        assert not shows_secret(client, url)
        client.force_login(veteran)
        assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert shows_secret(client, reverse("forum:post_history", args=[hidden.pk]))


def test_permalink_and_thread_page(client, hidden, deleted, veteran, replier, moderator, thread):
    for post in (hidden, deleted):
        url = reverse("forum:post", args=[post.pk])
        client.logout()
        assert not shows_secret(client, url)
        client.force_login(veteran)
        assert not shows_secret(client, url)
    assert not shows_secret(client, thread.get_absolute_url())
    client.force_login(replier)  # the author reads their hidden post
    assert shows_secret(client, reverse("forum:post", args=[hidden.pk]))
    client.force_login(moderator)
    assert shows_secret(client, reverse("forum:post", args=[hidden.pk]))


def test_meta_description_of_a_thread_whose_opening_post_is_hidden(client, category, author, moderator):
    thread = Thread.start(
        category=category, author=author, title="An opening post hidden later", source=SECRET
    )
    thread.first_post.set_hidden(True, by=moderator)
    page = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
    assert "zanzibar" not in str(page.head)


def test_feeds(client, category, author, moderator):
    thread = Thread.start(
        category=category, author=author, title="A thread whose opening is hidden", source=SECRET
    )
    thread.first_post.set_hidden(True, by=moderator)
    for url in (reverse("forum:feed_latest"), reverse("forum:feed_category", args=[category.slug])):
        response = client.get(url)
        assert response.status_code == 200
        assert b"zanzibar" not in response.content


def test_search(client, homes, thread, veteran, moderator):
    post = actions.reply(thread, author=veteran, source=TEXT + " Mention the zanzibar-quokka here.").post

    def hits():
        response = client.get("/en/search/", {"q": "zanzibar"})
        page = BeautifulSoup(response.content, "html.parser")
        main = page.find("main") or page
        return [thread.title] if thread.title in main.get_text(" ") else []

    assert hits() == [thread.title]
    post.set_hidden(True, by=moderator)
    assert hits() == []
    post.set_hidden(False, by=moderator)
    assert hits() == [thread.title]
    post.soft_delete()
    assert hits() == []


def test_notification_email_about_a_post_hidden_before_it_was_sent(hidden, author):
    """The worker sends e-mail later than the reply: by then the post may be
    hidden, and its text must not go out."""
    mail.outbox.clear()
    notification = Notification.objects.create(
        recipient=author, kind="reply", post=hidden, actor=hidden.author
    )
    assert send_notification_email.call(notification.pk) == "skipped"
    assert mail.outbox == []


def test_digest_leaves_out_hidden_and_deleted_posts(hidden, deleted, author, thread, veteran):
    ForumProfile.objects.create(user=author, email_notifications=ForumProfile.Email.DIGEST)
    visible = PostFactory(thread=thread, author=veteran, source=TEXT)
    for post in (hidden, deleted, visible):
        Notification.objects.create(recipient=author, kind="reply", post=post, actor=post.author)
    mail.outbox.clear()
    assert send_digest_email.call(author.pk) == 1
    body = mail.outbox[0].body
    assert f"/p/{visible.pk}/" in body
    assert f"/p/{hidden.pk}/" not in body and f"/p/{deleted.pk}/" not in body
    call_command("send_forum_digest", stdout=io.StringIO())  # nothing more to send

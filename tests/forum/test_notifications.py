"""Mentions, watching, in-app notifications, e-mail (immediate and digest)
and the one-click unsubscribe link."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from forum.mail import unsubscribe_token
from forum.models import CategoryWatch, ForumProfile, Notification, ThreadWatch

from .conftest import TEXT, age

pytestmark = pytest.mark.django_db


def reply(client, thread, text):
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"source": text, "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return thread.posts.latest("created")


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_mention_links_the_member_and_notifies_them(client, veteran, member, thread, author):
    client.force_login(veteran)
    post = reply(client, thread, "I agree with @member here, and @nosuchperson too.")
    link = BeautifulSoup(post.html, "html.parser").find("a", class_="mention")
    assert link.get_text() == "@member" and link["href"] == "/members/member/"
    assert kinds(member) == ["mention"]
    # The thread's author watches it (they started it): told about the reply.
    assert kinds(author) == ["reply"]
    assert kinds(veteran) == []  # never about your own post


def test_mention_link_leads_to_the_profile_in_the_readers_language(client, member):
    response = client.get("/members/member/", headers={"accept-language": "es"})
    assert response.status_code == 302 and response["Location"] == "/es/members/member/"


def test_a_mentioned_watcher_is_told_once(client, veteran, author, thread):
    client.force_login(veteran)
    reply(client, thread, "Thanks @author, this helped me a lot with my group.")
    assert kinds(author) == ["mention"]


def test_posting_watches_the_thread_and_watchers_hear_about_replies(client, veteran, replier, thread):
    client.force_login(veteran)
    reply(client, thread, TEXT)
    assert ThreadWatch.objects.filter(user=veteran, thread=thread).exists()
    client.force_login(replier)
    reply(client, thread, "A reply from someone else, which the veteran should hear about.")
    assert kinds(veteran) == ["reply"]


def test_unwatching_stops_notifications(client, veteran, replier, thread, author):
    client.force_login(author)
    client.post(reverse("forum:watch_thread", args=[thread.pk]), {"action": "unwatch"})
    client.force_login(replier)
    reply(client, thread, TEXT)
    assert kinds(author) == []


def test_category_watchers_hear_about_new_threads(client, veteran, member, category):
    CategoryWatch.objects.create(user=member, category=category)
    client.force_login(veteran)
    response = client.post(
        reverse("forum:new_thread"),
        {"category": category.pk, "title": "Breakout rooms for eight people?", "source": TEXT, "submit": "1"},
    )
    assert response.status_code == 302
    assert kinds(member) == ["new_thread"]


def test_accepting_an_answer_notifies_its_author(client, author, replier, thread, reply_post):
    client.force_login(author)
    response = client.post(reverse("forum:accept", args=[thread.pk, reply_post.pk]))
    assert response.status_code == 302
    assert "accepted" in kinds(replier)


def test_editing_in_a_mention_notifies_only_the_new_name(client, veteran, member, other_member, thread):
    client.force_login(veteran)
    post = reply(client, thread, "Hello @member, what do you think about this?")
    client.post(
        reverse("forum:edit_post", args=[post.pk]),
        {"source": "Hello @member and @other, what do you think about this?", "submit": "1"},
    )
    assert kinds(member) == ["mention"]
    assert kinds(other_member) == ["mention"]


def test_header_shows_unread_count_and_reading_clears_it(client, veteran, author, thread):
    client.force_login(veteran)
    post = reply(client, thread, "Hello @author, a question for you about check-ins.")
    client.force_login(author)
    page = BeautifulSoup(client.get(reverse("forum:index")).content, "html.parser")
    link = page.select_one(".account-menu .notifications-link")
    assert "1" in link.get_text() and "unread" in link.get_text()
    client.get(post.permalink().split("#")[0])
    page = BeautifulSoup(client.get(reverse("forum:index")).content, "html.parser")
    assert "unread" not in page.select_one(".account-menu .notifications-link").get_text()


def test_notifications_page_and_mark_all_read(client, veteran, author, thread):
    client.force_login(veteran)
    reply(client, thread, TEXT)
    client.force_login(author)
    response = client.get(reverse("forum:notifications"))
    assert "veteran replied in" in response.content.decode()
    notification = Notification.objects.get(recipient=author)
    opened = client.get(reverse("forum:open_notification", args=[notification.pk]))
    assert opened.status_code == 302 and f"#post-{notification.post_id}" in opened["Location"]
    notification.refresh_from_db()
    assert notification.read_at is not None
    Notification.objects.filter(pk=notification.pk).update(read_at=None)
    client.post(reverse("forum:notifications"))
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()


def test_immediate_email_with_unsubscribe_link_and_headers(client, veteran, author, thread):
    mail.outbox.clear()
    client.force_login(veteran)
    reply(client, thread, TEXT)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert thread.title in message.subject
    match = re.search(r"http://testserver(/en/forum/unsubscribe/\S+/)", message.body)
    assert match, message.body
    link = match.group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(recipient=author).emailed_at is not None

    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200 and b"Unsubscribe from forum e-mails" in page.content
    assert (
        ForumProfile.for_user(author).email_notifications == ForumProfile.Email.IMMEDIATE
    )  # GET changes nothing
    done = anonymous.post(link)
    assert done.status_code == 200
    assert ForumProfile.for_user(author).email_notifications == ForumProfile.Email.NONE

    mail.outbox.clear()
    client.force_login(veteran)
    age(thread.posts.latest("created"), 60)  # past the cooldown
    reply(client, thread, "Another reply after the author unsubscribed from e-mail.")
    assert mail.outbox == []
    assert kinds(author) == ["reply", "reply"]


def test_one_click_unsubscribe_needs_no_csrf_token(author):
    client = Client(enforce_csrf_checks=True)
    url = reverse("forum:unsubscribe", args=[unsubscribe_token(author)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert ForumProfile.for_user(author).email_notifications == ForumProfile.Email.NONE


@pytest.mark.parametrize("token", ["garbage", "MQ:1abc:forged", None])
def test_bad_unsubscribe_tokens_change_nothing(client, author, token):
    if token is None:  # a real token with one character changed
        real = unsubscribe_token(author)
        token = real[:-1] + ("A" if real[-1] != "A" else "B")
    response = client.post(reverse("forum:unsubscribe", args=[token]))
    assert response.status_code == 404
    assert not ForumProfile.objects.filter(user=author, email_notifications="none").exists()


def test_email_language_follows_the_members_setting(client, veteran, author, thread):
    ForumProfile.objects.create(user=author, email_language="es")
    mail.outbox.clear()
    client.force_login(veteran)
    reply(client, thread, TEXT)
    assert "/es/forum/unsubscribe/" in mail.outbox[0].body
    assert "Hola" in mail.outbox[0].body


def test_digest_members_get_no_immediate_mail_and_one_summary(client, veteran, author, thread):
    ForumProfile.objects.create(user=author, email_notifications=ForumProfile.Email.DIGEST)
    mail.outbox.clear()
    client.force_login(veteran)
    reply(client, thread, TEXT)
    assert mail.outbox == []
    call_command("send_forum_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [author.email] and "1 forum update" in digest.subject
    assert thread.title in digest.body and "List-Unsubscribe" in digest.extra_headers
    mail.outbox.clear()
    call_command("send_forum_digest", stdout=io.StringIO())
    assert mail.outbox == []  # nothing new, and not twice a day


def test_members_who_chose_none_get_no_mail(client, veteran, author, thread):
    ForumProfile.objects.create(user=author, email_notifications=ForumProfile.Email.NONE)
    mail.outbox.clear()
    client.force_login(veteran)
    reply(client, thread, TEXT)
    call_command("send_forum_digest", stdout=io.StringIO())
    assert mail.outbox == []
    assert kinds(author) == ["reply"]


def test_preferences_form(client, author):
    client.force_login(author)
    response = client.post(
        reverse("forum:preferences"), {"email_notifications": "digest", "email_language": "fr"}
    )
    assert response.status_code == 302
    profile = ForumProfile.for_user(author)
    assert (profile.email_notifications, profile.email_language) == ("digest", "fr")


def test_recipient_without_settings_gets_mail_in_the_default_language(client, veteran, author, thread):
    mail.outbox.clear()
    client.force_login(veteran)
    response = client.post(f"/fr/forum/t/{thread.pk}/reply/", {"source": TEXT, "submit": "1"})
    assert response.status_code == 302
    assert "/en/forum/unsubscribe/" in mail.outbox[0].body  # not the poster's French
    assert not ForumProfile.objects.filter(user=author).exists()


def test_unsubscribe_page_does_not_show_the_address(client, author):
    """Whoever holds the link (a forwarded e-mail) does not learn the address."""
    url = reverse("forum:unsubscribe", args=[unsubscribe_token(author)])
    page = client.get(url)
    assert page.status_code == 200 and b"Unsubscribe from forum e-mails" in page.content
    assert author.email.encode() not in page.content
    done = client.post(url)
    assert done.status_code == 200 and author.email.encode() not in done.content
    assert ForumProfile.for_user(author).email_notifications == ForumProfile.Email.NONE


def test_unsubscribe_links_expire_and_offer_to_sign_in(client, author):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    from forum.mail import UNSUBSCRIBE_MAX_AGE

    long_ago = timezone.now() - UNSUBSCRIBE_MAX_AGE - timedelta(days=1)
    with mock.patch("django.core.signing.time.time", return_value=long_ago.timestamp()):
        old = unsubscribe_token(author)
    for method in (client.get, client.post):
        response = method(reverse("forum:unsubscribe", args=[old]))
        assert response.status_code == 410
        page = BeautifulSoup(response.content, "html.parser")
        assert "has expired" in page.get_text()
        sign_in = page.find("a", string="Sign in to manage your e-mails")
        assert sign_in["href"].startswith(reverse("account_login") + "?next=")
        assert author.email not in page.get_text()
    assert not ForumProfile.objects.filter(user=author, email_notifications="none").exists()
    recent = unsubscribe_token(author)  # a link from a recent e-mail still works
    assert client.get(reverse("forum:unsubscribe", args=[recent])).status_code == 200


def test_reading_a_thread_page_marks_only_its_posts_notifications_read(client, category):
    """The thread page reads the member's unread count with their state on
    the thread, and which of the page's posts they have unread
    notifications about: those are marked read, the rest (another thread's,
    this thread's next page) stay unread, and a second visit writes nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.models import POSTS_PER_PAGE
    from tests.factories.forum import MemberFactory, NotificationFactory, PostFactory, ThreadFactory

    member = MemberFactory()
    here, elsewhere = ThreadFactory(category=category), ThreadFactory(category=category)
    replies = [PostFactory(thread=here) for _ in range(POSTS_PER_PAGE + 1)]
    first_page, next_page = replies[:2], replies[-1:]  # the opening post is the page's first
    for post in [*first_page, *next_page, *(PostFactory(thread=elsewhere) for _ in range(3))]:
        NotificationFactory(recipient=member, post=post)
    client.force_login(member)

    page = BeautifulSoup(client.get(here.get_absolute_url()).content, "html.parser")
    assert "4 unread" in page.select_one(".account-menu .notifications-link").get_text(" ", strip=True)
    unread = Notification.objects.filter(recipient=member, read_at__isnull=True)
    assert set(unread.values_list("post", flat=True)) == {
        next_page[0].pk,
        *elsewhere.posts.exclude(pk=elsewhere.first_post_id).values_list("pk", flat=True),
    }

    with CaptureQueriesContext(connection) as again:
        client.get(here.get_absolute_url())
    assert not [query for query in again.captured_queries if query["sql"].startswith(("UPDATE", "INSERT"))]
    client.get(here.get_absolute_url() + "?page=2")
    assert unread.count() == 3

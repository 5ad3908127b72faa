"""Bookmarks with an optional reminder date."""

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum.models import Bookmark, Notification

pytestmark = pytest.mark.django_db


def bookmark_button(client, thread, post):
    page = BeautifulSoup(client.get(thread.get_absolute_url()).content, "html.parser")
    return page.select_one(
        f"#post-{post.pk} form[action='{reverse('forum:bookmark', args=[post.pk])}'] button"
    )


def test_a_member_bookmarks_a_post_and_takes_it_back(client, veteran, thread, reply_post):
    client.force_login(veteran)
    assert bookmark_button(client, thread, reply_post)["aria-pressed"] == "false"
    response = client.post(reverse("forum:bookmark", args=[reply_post.pk]))
    assert response.status_code == 302
    assert Bookmark.objects.filter(user=veteran, post=reply_post).exists()
    assert bookmark_button(client, thread, reply_post).get_text(strip=True) == "Bookmarked"
    client.post(reverse("forum:bookmark", args=[reply_post.pk]))
    assert not Bookmark.objects.exists()


def test_visitors_see_no_bookmark_button(client, thread, reply_post):
    assert bookmark_button(client, thread, reply_post) is None


def test_the_bookmarks_page_sets_a_reminder_and_refuses_a_past_day(client, veteran, reply_post):
    bookmark = Bookmark.objects.create(user=veteran, post=reply_post)
    client.force_login(veteran)
    page = client.get(reverse("forum:bookmarks")).content.decode()
    assert "How long should a check-in take?" in page
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        reverse("forum:bookmarks"), {"bookmark": bookmark.pk, f"b{bookmark.pk}-remind_on": yesterday}
    )
    assert response.status_code == 200 and "Choose today or a day to come." in response.content.decode()
    soon = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(reverse("forum:bookmarks"), {"bookmark": bookmark.pk, f"b{bookmark.pk}-remind_on": soon})
    bookmark.refresh_from_db()
    assert bookmark.remind_on.isoformat() == soon


def test_another_members_bookmark_cannot_be_changed(client, veteran, replier, reply_post):
    theirs = Bookmark.objects.create(user=replier, post=reply_post)
    client.force_login(veteran)
    response = client.post(reverse("forum:bookmarks"), {"bookmark": theirs.pk, f"b{theirs.pk}-remind_on": ""})
    assert response.status_code == 404


def test_reminders_are_sent_once_on_the_day(veteran, reply_post):
    due = Bookmark.objects.create(user=veteran, post=reply_post, remind_on=timezone.localdate())
    later = Bookmark.objects.create(
        user=veteran, post=reply_post.thread.first_post, remind_on=timezone.localdate() + timedelta(days=2)
    )
    call_command("send_bookmark_reminders", stdout=io.StringIO())
    call_command("send_bookmark_reminders", stdout=io.StringIO())
    (notification,) = Notification.objects.filter(recipient=veteran, kind="reminder")
    assert notification.post == due.post
    assert (
        notification.describe() == "Reminder: the post you bookmarked in “How long should a check-in take?”"
    )
    later.refresh_from_db()
    assert later.reminded_at is None

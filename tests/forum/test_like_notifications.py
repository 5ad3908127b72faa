"""Likes are notified in batches: "3 people liked your post"."""

import pytest
from django.core import mail
from django.utils import timezone

from forum import actions
from forum.models import ForumProfile, Notification
from forum.tasks import send_digest_email
from tests.factories.forum import MemberFactory

pytestmark = pytest.mark.django_db


def likes_for(user):
    return list(Notification.objects.filter(recipient=user, kind=Notification.Kind.LIKED))


def test_a_like_tells_the_author_without_an_e_mail(reply_post, replier, veteran):
    mail.outbox.clear()
    actions.toggle_like(reply_post, by=veteran)
    (notification,) = likes_for(replier)
    assert notification.describe() == "veteran liked your post in “How long should a check-in take?”"
    assert mail.outbox == []


def test_likes_are_batched_while_unread(reply_post, replier):
    for _ in range(3):
        actions.toggle_like(reply_post, by=MemberFactory())
    (notification,) = likes_for(replier)
    assert notification.count == 3
    assert notification.describe() == "3 people liked your post in “How long should a check-in take?”"
    Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    actions.toggle_like(reply_post, by=MemberFactory())
    assert sorted(n.count for n in likes_for(replier)) == [1, 3]


def test_taking_a_like_back_and_liking_again_does_not_count_twice_in_a_row(reply_post, replier, veteran):
    actions.toggle_like(reply_post, by=veteran)
    actions.toggle_like(reply_post, by=veteran)  # taken back: nobody is told
    assert likes_for(replier)[0].count == 1


def test_the_daily_digest_includes_likes(reply_post, replier):
    ForumProfile.objects.update_or_create(user=replier, defaults={"email_notifications": "digest"})
    for _ in range(2):
        actions.toggle_like(reply_post, by=MemberFactory())
    mail.outbox.clear()
    send_digest_email.call(replier.pk)
    assert "2 people liked your post" in mail.outbox[0].body


def test_the_notifications_page_shows_the_batch_in_spanish(client, reply_post, replier):
    for _ in range(2):
        actions.toggle_like(reply_post, by=MemberFactory())
    client.force_login(replier)
    page = client.get("/es/forum/notifications/").content.decode()
    assert "A 2 personas les ha gustado tu publicación" in page

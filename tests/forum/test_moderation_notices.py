"""A post's author hears when a moderator hides or edits it, with the reason."""

import pytest
from django.core import mail
from django.urls import reverse

from forum.models import Notification

pytestmark = pytest.mark.django_db


def test_hiding_a_post_tells_its_author_with_the_reason(client, moderator, reply_post, replier):
    mail.outbox.clear()
    client.force_login(moderator)
    response = client.post(
        reverse("forum:moderate_post", args=[reply_post.pk]),
        {"action": "hide", "note": "Off-topic advertising"},
    )
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=replier, kind="hidden")
    assert notification.describe() == (
        "A moderator hid your post in “How long should a check-in take?” Reason: Off-topic advertising"
    )
    (message,) = [message for message in mail.outbox if message.to == [replier.email]]
    assert "Reason: Off-topic advertising" in message.body
    assert message.reply_to == []  # a reply would be posted in the thread: none


def test_a_moderators_edit_tells_the_author_and_their_own_edits_do_not(
    client, moderator, reply_post, replier
):
    client.force_login(moderator)
    url = reverse("forum:edit_post", args=[reply_post.pk])
    assert "Reason for the author" in client.get(url).content.decode()
    client.post(
        url,
        {"source": "Ask a one-word question and go round once; no links please.", "reason": "Removed a link"},
    )
    notification = Notification.objects.get(recipient=replier, kind="edited")
    assert notification.describe().endswith("Reason: Removed a link")
    client.post(
        url, {"source": "Ask a one-word question and go round once; no links please.", "reason": "Again"}
    )
    assert Notification.objects.filter(recipient=replier, kind="edited").count() == 1  # nothing changed
    client.force_login(replier)
    assert "Reason for the author" not in client.get(url).content.decode()
    client.post(url, {"source": "Ask a one-word question and go round the circle once, in turn."})
    assert Notification.objects.filter(recipient=replier, kind="edited").count() == 1

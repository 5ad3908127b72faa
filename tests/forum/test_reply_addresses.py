"""Every notification e-mail carries the recipient's own signed reply
address (forum/reply_addresses.py), and its links are absolute on BASE_URL."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import override_settings

from forum import actions, reply_addresses
from forum.reply_addresses import AddressRefused, ReplyTo, StartIn, reply_address, resolve
from tests.factories.forum import CategoryFactory, MemberFactory, ThreadWatchFactory

from .conftest import TEXT

pytestmark = pytest.mark.django_db


def notified(thread, *members):
    for member in members:
        ThreadWatchFactory(user=member, thread=thread)
    writer = MemberFactory()
    mail.outbox.clear()
    outcome = actions.reply(thread, author=writer, source=TEXT)
    return outcome.post, {message.to[0]: message for message in mail.outbox}


def test_each_recipient_gets_their_own_signed_reply_address(thread, author):
    other = MemberFactory()
    post, sent = notified(thread, other)
    addresses = {to: message.reply_to for to, message in sent.items()}
    assert set(addresses) == {author.email, other.email}
    mine, theirs = addresses[author.email][0], addresses[other.email][0]
    assert mine != theirs
    assert mine.startswith("reply+") and mine.endswith("@testserver")
    assert resolve(mine) == ReplyTo(author, post)
    assert resolve(theirs) == ReplyTo(other, post)
    assert len(mine.partition("@")[0]) <= 70


def test_notification_e_mail_says_it_can_be_answered_and_links_are_absolute(thread, author):
    _post, sent = notified(thread)
    message = sent[author.email]
    assert "Or reply to this e-mail" in message.body
    assert "Read and reply: http://testserver/en/forum/p/" in message.body
    assert "http://testserver/en/forum/unsubscribe/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["References"] == f"<forum-thread-{thread.pk}@testserver>"


@override_settings(FORUM_MAIL_DOMAIN="Mail.CircleCommons.example")
def test_the_mail_domain_is_a_setting(thread, author):
    _post, sent = notified(thread)
    assert sent[author.email].reply_to[0].endswith("@mail.circlecommons.example")


def test_digest_has_no_reply_address(thread, author):
    """A summary is about many threads: it has no single thread to reply in."""
    from forum.models import ForumProfile
    from forum.tasks import send_digest_email

    ForumProfile.objects.update_or_create(user=author, defaults={"email_notifications": "digest"})
    notified(thread)
    mail.outbox.clear()
    send_digest_email.call(author.pk)
    assert len(mail.outbox) == 1 and mail.outbox[0].reply_to == []


def test_a_changed_token_is_refused(thread, author, reply_post):
    address = reply_address(author, reply_post)
    local, _at, domain = address.partition("@")
    forged = f"{local[:-1]}{'A' if local[-1] != 'A' else 'B'}@{domain}"
    with pytest.raises(AddressRefused, match="not valid") as refused:
        resolve(forged)
    assert refused.value.smtp.startswith("550 5.7.1 ")
    # Another member's id under this member's signature is no better.
    other = MemberFactory()
    token = local.removeprefix("reply+")
    swapped = token.replace(
        reply_addresses.int_to_base36(author.pk), reply_addresses.int_to_base36(other.pk), 1
    )
    with pytest.raises(AddressRefused, match="not valid"):
        resolve(f"reply+{swapped}@{domain}")


def test_an_old_token_has_expired_and_says_where_to_reply(thread, author, reply_post, monkeypatch):
    address = reply_address(author, reply_post)
    later = signing.time.time() + timedelta(days=61).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(AddressRefused, match="expired") as refused:
        resolve(address)
    assert refused.value.post == reply_post


@override_settings(FORUM_MAIL_REPLY_DAYS=100)
def test_how_long_a_token_lasts_is_a_setting(thread, author, reply_post, monkeypatch):
    address = reply_address(author, reply_post)
    later = signing.time.time() + timedelta(days=61).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert resolve(address).user == author


def test_category_addresses_and_unknown_ones():
    category = CategoryFactory(email_name="questions")
    assert resolve("Questions@TestServer") == StartIn(category)
    assert reply_addresses.category_address(category) == "questions@testserver"
    with pytest.raises(AddressRefused, match="no forum address nobody@testserver"):
        resolve("nobody@testserver")
    with pytest.raises(AddressRefused, match="takes mail for testserver only"):
        resolve("questions@elsewhere.example")


def test_a_deactivated_member_s_address_takes_no_more_mail(thread, author, reply_post):
    address = reply_address(author, reply_post)
    author.is_active = False
    author.save()
    with pytest.raises(AddressRefused, match="no longer exists"):
        resolve(address)


def test_the_reply_line_is_translated(thread, author):
    from forum.models import ForumProfile

    ForumProfile.objects.update_or_create(user=author, defaults={"email_language": "fr"})
    _post, sent = notified(thread)
    assert "Ou répondez à cet e-mail" in sent[author.email].body

"""Replies and new threads by e-mail, through real SMTP to the forum's
aiosmtpd server on 127.0.0.1 (tests/forum/mailbox.py), and through
`manage.py receive_mail` on standard input."""

import io
import smtplib
import sys
from datetime import timedelta
from email import policy

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from forum import actions
from forum.models import ForumProfile, InboundMessage, Post, Thread
from forum.reply_addresses import ReplyTo, reply_address, resolve
from tests.factories.forum import CategoryFactory, MemberFactory

from .conftest import TEXT, age
from .mailbox import message, send, smtp

pytestmark = pytest.mark.django_db

REPLY = "We keep ours to one round of one word each; it takes five minutes."
QUOTED = (
    f"{REPLY}\n\n-- \nLucia, Springfield library\n\n"
    "On Tue, 1 Dec 2026 at 10:00, Circle Commons <reply+x@testserver> wrote:\n> Our check-in takes half the meeting.\n"
)


@pytest.fixture
def reply_to(thread, replier):
    """The reply address of the notification the replier got about the opening post."""
    return reply_address(replier, thread.first_post)


def test_a_reply_by_e_mail_is_posted_as_the_member_and_watchers_are_told(thread, author, replier, reply_to):
    mail.outbox.clear()
    send(
        message(
            to=reply_to,
            sender=f"Replier <{replier.email.upper()}>",
            body=QUOTED,
            message_id="<one@example.com>",
        )
    )
    post = thread.posts.latest("created")
    assert post.author == replier and post.source == REPLY
    assert post.html.startswith("<p>We keep ours") and "wrote" not in post.html and "Lucia" not in post.html
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_poster == replier
    # The same notifications as a reply on the site: the author watches the thread.
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert resolve(mail.outbox[0].reply_to[0]) == ReplyTo(author, post)
    record = InboundMessage.objects.get()
    assert (record.message_id, record.status, record.post, record.sender) == (
        "<one@example.com>",
        "posted",
        post,
        replier,
    )


def test_the_same_message_twice_is_posted_once(thread, replier, reply_to):
    email = message(to=reply_to, sender=replier.email, body=REPLY, message_id="<again@example.com>")
    send(email)
    send(email)
    assert thread.posts.count() == 2


def test_a_message_without_message_id_is_known_by_its_content(thread, replier, reply_to):
    email = message(to=reply_to, sender=replier.email, body=REPLY)
    del email["Message-ID"]
    raw = email.as_bytes(policy=policy.SMTP)
    smtp(lambda connection: connection.sendmail(replier.email, [reply_to], raw))
    smtp(lambda connection: connection.sendmail(replier.email, [reply_to], raw))
    assert thread.posts.count() == 2
    assert InboundMessage.objects.get().message_id.startswith("sha256:")


def test_the_reply_is_sanitised_as_on_the_site(thread, replier, reply_to):
    send(
        message(
            to=reply_to,
            sender=replier.email,
            body=f"{REPLY}\n\n<script>alert(1)</script> [x](javascript:alert(1))",
        )
    )
    soup = BeautifulSoup(thread.posts.latest("created").html, "html.parser")
    assert soup.find("script") is None
    assert all(not link.get("href", "").startswith("javascript") for link in soup.find_all("a"))
    assert "<script>alert(1)</script>" in soup.get_text()  # shown as text, never run


def refused(email, exception=smtplib.SMTPRecipientsRefused):
    with pytest.raises(exception) as error:
        send(email)
    if exception is smtplib.SMTPRecipientsRefused:
        ((code, text),) = error.value.recipients.values()
    else:  # SMTPSenderRefused, SMTPDataError
        code, text = error.value.smtp_code, error.value.smtp_error
    return code, text.decode()


def test_an_address_we_do_not_have_is_refused_at_rcpt(replier):
    code, text = refused(message(to="nobody@testserver", sender=replier.email, body=REPLY))
    assert code == 550 and "There is no forum address nobody@testserver" in text


def test_a_forged_reply_address_is_refused(thread, replier, reply_to):
    forged = reply_to.replace("reply+", "reply+x", 1)
    code, text = refused(message(to=forged, sender=replier.email, body=REPLY))
    assert code == 550 and "This reply address is not valid" in text
    assert thread.posts.count() == 1


def test_an_expired_reply_address_is_refused(thread, replier, reply_to, monkeypatch):
    later = signing.time.time() + timedelta(days=90).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    code, text = refused(message(to=reply_to, sender=replier.email, body=REPLY))
    assert code == 550 and "expired" in text and "reply on the website" in text
    assert thread.posts.count() == 1


def test_someone_else_using_a_members_reply_address_is_refused(thread, reply_to):
    code, text = refused(
        message(to=reply_to, sender="someone@else.example", body=REPLY), smtplib.SMTPDataError
    )
    assert code == 550 and "belongs to another member" in text
    assert thread.posts.count() == 1 and not InboundMessage.objects.exists()


@override_settings(FORUM_MAIL_MAX_BYTES=2000)
def test_an_oversized_message_is_refused(thread, replier, reply_to):
    email = message(to=reply_to, sender=replier.email, body=REPLY + " x" * 2000)
    # A client that says the size (ESMTP SIZE) is refused before sending it.
    code, text = refused(email, smtplib.SMTPSenderRefused)
    assert code == 552 and "too big for the forum (at most 1 KB)" in text

    # One that does not is refused at the end of the data.
    def without_size(connection):
        connection.ehlo()
        connection.mail(replier.email)
        connection.rcpt(reply_to)
        return connection.data(email.as_bytes(policy=policy.SMTP))  # (code, reply), not raised

    code, text = smtp(without_size)
    assert code == 552 and "too big for the forum" in text.decode()
    assert thread.posts.count() == 1


def test_an_html_only_message_is_refused(thread, replier, reply_to):
    email = message(to=reply_to, sender=replier.email, html=f"<p>{REPLY}</p>")
    code, text = refused(email, smtplib.SMTPDataError)
    assert code == 550 and "plain-text e-mail only" in text
    assert thread.posts.count() == 1


def test_plain_text_is_preferred_to_html(thread, replier, reply_to):
    send(message(to=reply_to, sender=replier.email, body=REPLY, html="<p>The HTML version</p>"))
    assert thread.posts.latest("created").source == REPLY


def bounce_to(member):
    (bounce,) = [message for message in mail.outbox if message.to == [member.email]]
    return bounce


def test_a_locked_thread_takes_no_reply_and_the_member_gets_their_text_back(thread, replier, reply_to):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    mail.outbox.clear()
    send(message(to=reply_to, sender=replier.email, body=QUOTED, subject="Re: check-in"))
    assert thread.posts.count() == 1
    bounce = bounce_to(replier)
    assert bounce.subject == "[Circle Commons] Not posted: check-in"
    assert "This thread is locked: it no longer takes replies." in bounce.body
    assert REPLY in bounce.body and "http://testserver/en/forum/t/" in bounce.body
    assert InboundMessage.objects.get().status == "refused"


def test_an_over_limit_member_is_told_in_their_language(thread, reply_to, replier):
    ForumProfile.objects.update_or_create(user=replier, defaults={"email_language": "es"})
    actions.reply(thread, author=replier, source=TEXT)  # moments ago: the cooldown applies
    mail.outbox.clear()
    send(message(to=reply_to, sender=replier.email, body=REPLY))
    assert thread.posts.count() == 2
    bounce = bounce_to(replier)
    assert "Hola" in bounce.body and REPLY in bounce.body
    assert "segundo" in bounce.body  # "Espere N segundos" in Spanish
    assert "Tu respuesta por correo a «How long should a check-in take?» no se ha publicado:" in bounce.body
    assert "Este es el texto que escribiste" in bounce.body


def test_a_silenced_member_cannot_reply_by_e_mail(thread, replier, reply_to, moderator):
    ForumProfile.for_user(replier).silence(
        timezone.now() + timedelta(days=1), by=moderator, reason="Cooling off"
    )
    mail.outbox.clear()
    send(message(to=reply_to, sender=replier.email, body=REPLY))
    assert thread.posts.count() == 1
    assert "Cooling off" in bounce_to(replier).body


def test_a_hidden_thread_takes_no_reply_by_e_mail(thread, replier, reply_to):
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    mail.outbox.clear()
    send(message(to=reply_to, sender=replier.email, body=REPLY))
    assert thread.posts.count() == 1
    assert "no longer in the forum" in bounce_to(replier).body


def test_automatic_replies_are_accepted_and_ignored(thread, replier, reply_to):
    mail.outbox.clear()
    send(
        message(
            to=reply_to,
            sender=replier.email,
            body="I am away until Monday, with no e-mail.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    assert thread.posts.count() == 1 and mail.outbox == []


# --- New threads by e-mail -----------------------------------------------------


@pytest.fixture
def questions(db):
    return CategoryFactory(name="Questions by mail", slug="questions-by-mail", email_name="questions")


def test_a_category_address_starts_a_thread(questions, replier):
    watcher = MemberFactory()
    questions.watches.create(user=watcher)
    mail.outbox.clear()
    send(
        message(
            to="questions@testserver",
            sender=replier.email,
            subject="How do you end a session on time?",
            body=QUOTED,
        )
    )
    thread = Thread.objects.get(category=questions)
    assert thread.title == "How do you end a session on time?" and thread.is_question
    assert thread.author == replier and thread.first_post.source == REPLY
    assert [message.to for message in mail.outbox] == [[watcher.email]]


def test_an_unknown_sender_cannot_start_a_thread(questions):
    code, text = refused(
        message(
            to="questions@testserver",
            sender="stranger@example.net",
            subject="Buy cheap watches now",
            body=REPLY,
        ),
        smtplib.SMTPDataError,
    )
    assert (
        code == 550 and "No member of Circle Commons has the confirmed address stranger@example.net" in text
    )
    assert not Thread.objects.filter(category=questions).exists()


def test_an_unconfirmed_address_cannot_start_a_thread(questions):
    member = MemberFactory(confirmed=False)
    code, text = refused(
        message(to="questions@testserver", sender=member.email, subject="A question for all", body=REPLY),
        smtplib.SMTPDataError,
    )
    assert "No member" in text


def test_a_short_title_comes_back_with_the_text(questions, replier):
    mail.outbox.clear()
    send(message(to="questions@testserver", sender=replier.email, subject="Help", body=REPLY))
    assert not Thread.objects.filter(category=questions).exists()
    bounce = bounce_to(replier)
    assert (
        "A title needs at least 15 characters" in bounce.body
        and "subject of your e-mail is the thread's title" in bounce.body
    )
    assert REPLY in bounce.body


@override_settings(FORUM_MAIL_AUTHSERV_ID="mx.testserver")
def test_with_an_authserv_id_a_new_thread_needs_the_mta_to_vouch_for_the_sender(questions, replier):
    subject = "How do you end a session on time?"
    code, text = refused(
        message(to="questions@testserver", sender=replier.email, subject=subject, body=REPLY),
        smtplib.SMTPDataError,
    )
    assert "did not prove" in text
    forged = {"Authentication-Results": "mx.elsewhere; dmarc=pass header.from=example.com"}
    refused(
        message(to="questions@testserver", sender=replier.email, subject=subject, body=REPLY, headers=forged),
        smtplib.SMTPDataError,
    )
    vouched = {"Authentication-Results": "mx.testserver; dkim=pass header.d=example.com; spf=pass"}
    send(
        message(to="questions@testserver", sender=replier.email, subject=subject, body=REPLY, headers=vouched)
    )
    assert Thread.objects.filter(category=questions, author=replier).exists()


# --- Standard input ---------------------------------------------------------------


def pipe(monkeypatch, email, *recipients):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(email.as_bytes())))
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("receive_mail", *recipients, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_receive_mail_reads_one_message_from_standard_input(monkeypatch, thread, replier, reply_to):
    status, out, _err = pipe(monkeypatch, message(to=reply_to, sender=replier.email, body=QUOTED))
    assert status == 0 and "posted" in out
    assert thread.posts.latest("created").source == REPLY


def test_receive_mail_exits_with_the_reason_for_the_mta(monkeypatch, thread, replier, reply_to):
    status, _out, err = pipe(
        monkeypatch, message(to="x@testserver", sender=replier.email, body=REPLY), "nobody@testserver"
    )
    assert status == 67 and "There is no forum address nobody@testserver" in err
    status, _out, err = pipe(monkeypatch, message(to=reply_to, sender=replier.email, html="<p>Hi</p>"))
    assert status == 65 and "plain-text e-mail only" in err
    assert thread.posts.count() == 1
    assert Post.objects.filter(author=replier).count() == 0


def test_a_reply_by_e_mail_answers_the_post_the_e_mail_was_about(
    thread, replier, reply_post, author, moderator
):
    """The notification was about a post: the reply is "in reply to" it,
    unless the member may no longer read it (then it answers the thread)."""
    send(message(to=reply_address(author, reply_post), sender=author.email, body=REPLY, message_id="<r1@x>"))
    first = thread.posts.latest("created")
    assert first.reply_to == reply_post
    age(first, 600)  # past the cooldown
    reply_post.set_hidden(True, by=moderator)
    other = f"{REPLY} And a second thought, sent later."
    send(message(to=reply_address(author, reply_post), sender=author.email, body=other, message_id="<r2@x>"))
    latest = thread.posts.latest("created")
    assert latest.source == other and latest.reply_to is None

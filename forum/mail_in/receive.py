"""One e-mail to some forum addresses: posted, or refused with a reason.

`receive(raw, recipients)` returns one Result per address. What a
reply or a new thread by e-mail goes through is what it goes through on
the site: the write operations in forum/actions.py (Reply, StartThread),
with their permissions, limits, Markdown sanitising and notifications.

Two kinds of refusal:

- Refused: the message cannot be tied to a member (unknown sender, a
  forged or expired reply address, an address we do not have), or it is
  not something we read (too big, no plain text). The SMTP server answers
  5xx with the reason, so the sender's own mail server writes the bounce;
  we never send mail to an address we could not tie to a member (a forged
  From would turn us into a source of backscatter).
- A member's message that the forum refuses (a locked or hidden thread,
  a limit, a post too short, a paused member): accepted (250), not posted,
  and the member gets a bounce e-mail in their language with the reasons
  and the text they wrote, so nothing is lost.

A message is processed once per address (InboundMessage: its Message-ID,
or a hash of the message when it has none): a second delivery is accepted
and ignored. Automatic replies (vacation notices, bounces) are accepted
and ignored, so that no two robots write to each other through the forum.
"""

import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from .. import actions, mail, permissions
from ..models import ForumProfile, InboundMessage
from ..reply_addresses import AddressRefused, ReplyTo, resolve
from .text import reply_text

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|tr|rv|aw|wg)\s*:\s*)+", re.IGNORECASE)
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


def max_bytes():
    return int(getattr(settings, "FORUM_MAIL_MAX_BYTES", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


def too_big_reason():
    return (
        f"This message is too big for the forum (at most {max_bytes() // 1024} KB). "
        "Send your text without attachments or pictures."
    )


class Refused(Exception):
    """A message we will not read: the SMTP reply says why (in English, as
    SMTP replies are ASCII)."""

    def __init__(self, reason, code="550 5.7.1"):
        super().__init__(reason)
        self.reason, self.code = reason, code

    @property
    def smtp(self):
        return f"{self.code} {self.reason}"


@dataclass
class Result:
    address: str
    status: str  # posted, duplicate, ignored, bounced (accepted, not posted, the member told) or refused
    smtp: str
    post: object = None

    @property
    def refused(self):
        return self.status == "refused"


class Message:
    """The parts of an e-mail the forum reads."""

    def __init__(self, raw):
        if len(raw) > max_bytes():
            raise Refused(too_big_reason(), code="552 5.3.4")
        self.raw = raw
        self.email = BytesParser(policy=policy.default).parsebytes(raw)
        message_id = (self.email.get("Message-ID") or "").strip()
        self.message_id = message_id or "sha256:" + hashlib.sha256(raw).hexdigest()
        self.sender = parseaddr(str(self.email.get("From", "")))[1].strip().lower()
        self.subject = SUBJECT_PREFIX.sub("", str(self.email.get("Subject", ""))).strip()

    @property
    def is_automatic(self):
        """RFC 3834 auto-replies, delivery reports, bulk mail."""
        headers = self.email
        auto = str(headers.get("Auto-Submitted", "no")).strip().lower()
        precedence = str(headers.get("Precedence", "")).strip().lower()
        return (
            auto != "no"
            or precedence in AUTOMATIC_PRECEDENCE
            or headers.get("X-Autoreply") is not None
            or headers.get("X-Autorespond") is not None
            or headers.get_content_type() == "multipart/report"
        )

    def text(self):
        """The member's own words: the plain-text body, quotes and signature
        cut. An HTML-only message is refused, not converted: what a member
        sees in their mail program is not what Markdown would make of it."""
        part = self.email.get_body(preferencelist=("plain",))
        if part is None:
            raise Refused(
                "The forum reads plain-text e-mail only, and this message has none (only HTML or "
                "attachments). Set your mail program to send plain text (or plain text and HTML) "
                "and send it again.",
                code="550 5.6.1",
            )
        try:
            body = part.get_content()
        except (LookupError, UnicodeError):
            raise Refused(
                "The forum could not read the text of this message (unknown character set). "
                "Send it again as UTF-8.",
                code="550 5.6.1",
            ) from None
        return reply_text(body)

    def authenticated(self):
        """Whether the MTA vouches for the From address: with
        settings.FORUM_MAIL_AUTHSERV_ID, an Authentication-Results header of
        that server saying dmarc=pass, or dkim=pass for the sender's domain
        (RFC 8601; the MTA removes any such header the sender put in).
        Without the setting, the From address is taken as it is."""
        authserv_id = getattr(settings, "FORUM_MAIL_AUTHSERV_ID", "")
        if not authserv_id:
            return True
        domain = self.sender.rpartition("@")[2]
        for header in self.email.get_all("Authentication-Results", []):
            server, _semicolon, results = str(header).partition(";")
            if server.strip().lower() != authserv_id.lower():
                continue
            results = results.lower()
            if re.search(r"\bdmarc=pass\b", results):
                return True
            for result in results.split(";"):
                if re.search(r"\bdkim=pass\b", result) and re.search(
                    rf"\bheader\.d={re.escape(domain)}\b", result
                ):
                    return True
        return False


def _verified_addresses(user):
    addresses = {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    return addresses or ({user.email.lower()} if user.email else set())


def member_for(target, message):
    """The member this message is from, or Refused."""
    if isinstance(target, ReplyTo):
        if message.sender not in _verified_addresses(target.user):
            raise Refused(
                "This reply address belongs to another member of the forum: reply from the address "
                "the notification was sent to (a forwarded notification cannot be answered by e-mail)."
            )
        return target.user
    address = (
        EmailAddress.objects.filter(email__iexact=message.sender, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if address is None:
        raise Refused(
            f"No member of {settings.WAGTAIL_SITE_NAME} has the confirmed address {message.sender or '(none)'}. "
            "Send from the address of your account, or start the thread on the website."
        )
    if not message.authenticated():
        raise Refused(
            "Your mail server did not prove that this message is from you (no passing DKIM or DMARC). "
            "Start the thread on the website instead."
        )
    return address.user


def _write(target, member, message, text):
    if isinstance(target, ReplyTo):
        thread = target.thread
        if not permissions.can_view_thread(member, thread):
            raise PermissionDenied(_("This thread is no longer in the forum."))
        # A reply to the e-mail about a post answers that post ("in reply
        # to #7"), when the member may still read it.
        answered = target.post if permissions.can_reply_to(member, target.post, thread) else None
        return actions.Reply(thread, by=member, source=text, reply_to=answered)
    return actions.StartThread(
        by=member,
        category=target.category,
        title=message.subject,
        source=text,
        is_question=message.subject.endswith("?"),
    )


def _bounce(member, language, target, message, text, reasons):
    """Tell the member why their e-mail was not posted, with their text."""
    post = target.post if isinstance(target, ReplyTo) else None
    context = {
        "reasons": reasons,
        "text": text,
        "subject": message.subject,
        "thread": post.thread if post is not None else None,
        "thread_url": mail.absolute_url(post.thread.get_absolute_url()) if post is not None else "",
        "category": getattr(target, "category", None),
    }
    mail.send(member, language, "bounce", context, post=post)


def deliver(message, address):
    """Post `message` as sent to `address`; a Result."""
    try:
        target = resolve(address)
    except AddressRefused as refusal:
        return Result(address, "refused", refusal.smtp)
    try:
        member = member_for(target, message)
        text = message.text()
    except Refused as refusal:
        return Result(address, "refused", refusal.smtp)
    record, created = InboundMessage.claim(message.message_id, address, member)
    if not created:
        return Result(address, "duplicate", "250 2.0.0 Already received; not posted again.")
    profile = ForumProfile.objects.filter(user=member).first()
    language = profile.email_language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            outcome = _write(target, member, message, text).run()
        except (ValidationError, PermissionDenied) as error:
            reasons = (
                error.messages
                if isinstance(error, ValidationError)
                else [str(error) or _("You may not do that.")]
            )
            record.finish(InboundMessage.Status.REFUSED, reason=" ".join(reasons))
            _bounce(member, language, target, message, text, reasons)
            return Result(address, "bounced", "250 2.0.0 Not posted; the reasons were sent to you by e-mail.")
    record.finish(InboundMessage.Status.POSTED, post=outcome.post)
    return Result(address, "posted", "250 2.0.0 Posted in the forum.", post=outcome.post)


def check_address(address):
    """The SMTP reply refusing mail to `address` (at RCPT time), or None."""
    try:
        resolve(address)
    except AddressRefused as refusal:
        return refusal.smtp
    return None


def receive(raw, recipients):
    """Deliver one message (bytes, as it came) to each of the forum
    addresses it was sent to; a list of Results."""
    try:
        message = Message(raw)
    except Refused as refusal:
        return [Result(address, "refused", refusal.smtp) for address in recipients]
    if message.is_automatic:
        return [
            Result(address, "ignored", "250 2.0.0 Automatic replies are not posted.")
            for address in recipients
        ]
    return [deliver(message, address) for address in recipients]


def smtp_reply(results):
    """One SMTP reply for a message's results: the first refusal, else 250."""
    for result in results:
        if result.refused:
            return result.smtp
    return results[0].smtp if len(results) == 1 else "250 2.0.0 OK"

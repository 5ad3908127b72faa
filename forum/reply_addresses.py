"""The forum's e-mail addresses: the signed reply address every notification
e-mail carries, and the addresses that start threads in a category.

A reply address is reply+<token>@<mail domain>. The token is signed with
django.core.signing (the site's SECRET_KEY, a salt of its own) and carries
the member it was sent to and the post the e-mail was about, base 36, with
the time it was signed: the inbound side (forum/mail_in/) checks the
signature and its age (settings.FORUM_MAIL_REPLY_DAYS) and posts the reply
as that member in that post's thread. A token cannot be guessed or moved to
another member, so it is the member's proof of identity together with the
From address; it is not stored anywhere.

The token is about 60 characters (the RFC 5321 limit of a local part is 64
for the shortest ids; mainstream MTAs take longer ones, as GitHub's reply
addresses show). It is case-sensitive: an MTA must deliver the local part
as it came (Postfix, Exim and OpenSMTPD do).

This module imports no write operation, so that outgoing mail
(forum/mail.py) and incoming mail (forum/mail_in/) can both use it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.http import base36_to_int, int_to_base36

from core.urls import base_parts

REPLY_SALT = "forum.reply-by-email"
REPLY_PREFIX = "reply+"
DEFAULT_REPLY_DAYS = 60


def mail_domain():
    """The domain of the forum's addresses: settings.FORUM_MAIL_DOMAIN, else
    the host of BASE_URL."""
    return (getattr(settings, "FORUM_MAIL_DOMAIN", "") or base_parts()[1]).lower()


def reply_days():
    return int(getattr(settings, "FORUM_MAIL_REPLY_DAYS", DEFAULT_REPLY_DAYS) or DEFAULT_REPLY_DAYS)


def _signer():
    return signing.TimestampSigner(salt=REPLY_SALT, sep=".")


def reply_token(user, post):
    return _signer().sign(f"{int_to_base36(user.pk)}-{int_to_base36(post.pk)}")


def reply_address(user, post):
    """The address that posts a reply in `post`'s thread as `user`."""
    return f"{REPLY_PREFIX}{reply_token(user, post)}@{mail_domain()}"


def category_address(category):
    """The address that starts a thread in the category, or "" when it has none."""
    return f"{category.email_name}@{mail_domain()}" if category.email_name else ""


class AddressRefused(Exception):
    """An address that takes no mail, with the reason in plain words (for the
    SMTP reply, and so for the bounce the sender's server writes)."""

    def __init__(self, reason, code="550 5.1.1", post=None):
        super().__init__(reason)
        self.reason, self.code, self.post = reason, code, post

    @property
    def smtp(self):
        return f"{self.code} {self.reason}"


@dataclass(frozen=True)
class ReplyTo:
    """A reply address: post in this post's thread as this member."""

    user: object
    post: object

    @property
    def thread(self):
        return self.post.thread


@dataclass(frozen=True)
class StartIn:
    """A category's address: start a thread there."""

    category: object


def _from_token(token):
    """(user pk, post pk) from a reply token, or AddressRefused."""
    from .models import Post

    def ids(value):
        user_part, _dash, post_part = value.partition("-")
        return base36_to_int(user_part), base36_to_int(post_part)

    signer = _signer()
    try:
        return ids(signer.unsign(token, max_age=timedelta(days=reply_days())))
    except signing.SignatureExpired:
        # Genuine but old: say where the thread is, so the member can reply there.
        try:
            _user_pk, post_pk = ids(signer.unsign(token))
        except (signing.BadSignature, ValueError):
            post_pk = None
        post = Post.objects.filter(pk=post_pk).select_related("thread").first() if post_pk else None
        raise AddressRefused(
            f"This reply address has expired (they last {reply_days()} days). "
            "Please reply on the website instead.",
            code="550 5.7.1",
            post=post,
        ) from None
    except (signing.BadSignature, ValueError):
        raise AddressRefused(
            "This reply address is not valid: it was changed or made up. "
            "Reply to the forum's e-mail as it came, or reply on the website.",
            code="550 5.7.1",
        ) from None


def resolve(address):
    """What mail to `address` does: ReplyTo or StartIn; AddressRefused for an
    address of ours that takes no mail or that is not ours at all."""
    from .models import Category, Post

    local, _at, domain = (address or "").strip().strip("<>").rpartition("@")
    if not local or domain.lower() != mail_domain():
        raise AddressRefused(f"This server takes mail for {mail_domain()} only.", code="550 5.7.1")
    if local[: len(REPLY_PREFIX)].lower() == REPLY_PREFIX:
        user_pk, post_pk = _from_token(local[len(REPLY_PREFIX) :])
        user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
        post = Post.objects.filter(pk=post_pk).select_related("thread").first()
        if user is None or post is None:
            raise AddressRefused(
                "This reply address belongs to a post or account that no longer exists.", code="550 5.1.1"
            )
        return ReplyTo(user, post)
    category = Category.objects.filter(email_name__iexact=local).first()
    if category is None:
        raise AddressRefused(f"There is no forum address {local}@{mail_domain()}.")
    return StartIn(category)

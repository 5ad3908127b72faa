"""Forum e-mail: composing and sending a message in the member's language,
with the signed one-click unsubscribe link (RFC 2369 and RFC 8058) and,
for a message about a post, the member's own signed reply address
(forum/reply_addresses.py) as its Reply-To: replying to the e-mail posts
in the thread (forum/mail_in/).

Every absolute URL comes from the configured base URL through
core.urls.absolute_url, never from a request's Host header.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.urls import absolute_url

from .reply_addresses import mail_domain, reply_address

__all__ = [
    "UNSUBSCRIBE_MAX_AGE",
    "absolute_url",
    "item",
    "read_unsubscribe_token",
    "send",
    "unsubscribe_token",
    "unsubscribe_url",
    "user_from_unsubscribe_token",
]

UNSUBSCRIBE_SALT = "forum.unsubscribe"

# How long the one-click link in a forum e-mail works: long enough for
# an old digest in someone's inbox, short enough that a forwarded or leaked
# e-mail does not keep working for ever. After that, signing in does it.
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(member, problem): the active member the token names and None, or
    None and "expired" or "invalid"."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    member = get_user_model().objects.filter(pk=pk, is_active=True).first()
    return member, (None if member else "invalid")


def user_from_unsubscribe_token(token):
    return read_unsubscribe_token(token)[0]


def unsubscribe_url(user, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(user)}))


def send(user, language, template, context, *, post=None):
    """Render subject and body in the member's language and send, with the
    one-click unsubscribe headers. An e-mail about a `post` gets the
    member's reply address as Reply-To (and says so: `reply_address` in the
    template) and a References header that threads it with the others about
    the same thread in the member's mail program."""
    with translation.override(language):
        link = unsubscribe_url(user, language)
        context = {
            **context,
            "member": user,
            "unsubscribe_url": link,
            "preferences_url": absolute_url(reverse("forum:preferences")),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "reply_address": reply_address(user, post) if post is not None else "",
        }
        subject = " ".join(render_to_string(f"forum/email/{template}_subject.txt", context).split())
        body = render_to_string(f"forum/email/{template}.txt", context)
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # RFC 3834: no vacation responder should answer (and so post) this.
        "Auto-Submitted": "auto-generated",
    }
    if post is not None:
        headers["References"] = f"<forum-thread-{post.thread_id}@{mail_domain()}>"
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        reply_to=[context["reply_address"]] if post is not None else None,
        headers=headers,
    )
    message.send()


def item(notification):
    """One notification as plain text (call under the member's language)."""
    return {
        "text": notification.describe(),
        "excerpt": notification.post.source[:400],
        "url": absolute_url(reverse("forum:post", kwargs={"pk": notification.post_id})),
    }

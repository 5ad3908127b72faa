"""Forum e-mail, sent through django-tasks (immediate in development and
tests, the database worker in production)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .notifications import absolute_url, unsubscribe_url


def _send(user, language, template, context):
    """Render subject and body in the member's language and send, with the
    one-click unsubscribe headers (RFC 2369 and RFC 8058)."""
    with translation.override(language):
        link = unsubscribe_url(user, language)
        context = {
            **context,
            "member": user,
            "unsubscribe_url": link,
            "preferences_url": absolute_url(reverse("forum:preferences")),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = " ".join(render_to_string(f"forum/email/{template}_subject.txt", context).split())
        body = render_to_string(f"forum/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


def _item(notification):
    """One notification as plain text (call under the member's language)."""
    return {
        "text": notification.describe(),
        "excerpt": notification.post.source[:400],
        "url": absolute_url(reverse("forum:post", kwargs={"pk": notification.post_id})),
    }


@task()
def send_notification_email(notification_id):
    from .models import ForumProfile, Notification

    notification = (
        Notification.objects.select_related("recipient", "actor", "post__thread")
        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
        .first()
    )
    if notification is None:
        return "skipped"
    recipient = notification.recipient
    # Not for_user(): a profile created here would take the language of
    # whoever triggered the notification, not the recipient's.
    profile = ForumProfile.objects.filter(user=recipient).first() or ForumProfile(user=recipient)
    if profile.email_notifications != ForumProfile.Email.IMMEDIATE or not recipient.email:
        return "skipped"
    with translation.override(profile.email_language):
        item = _item(notification)
    _send(recipient, profile.email_language, "notification", {"item": item})
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return "sent"


@task()
def send_digest_email(user_id):
    from .models import ForumProfile, Notification

    profile = ForumProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or profile.email_notifications != ForumProfile.Email.DIGEST or not profile.user.email:
        return 0
    pending = list(
        Notification.objects.unread()
        .filter(recipient_id=user_id, emailed_at__isnull=True)
        .select_related("actor", "post__thread")
        .order_by("created", "pk")[:50]
    )
    if pending:
        with translation.override(profile.email_language):
            items = [_item(notification) for notification in pending]
        _send(profile.user, profile.email_language, "digest", {"items": items})
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    ForumProfile.objects.filter(pk=profile.pk).update(last_digest_at=timezone.now())
    return len(pending)

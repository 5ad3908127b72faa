"""Forum e-mail, sent through django-tasks (immediate in development and
tests, the database worker in production)."""

from django.utils import timezone, translation
from django_tasks import task

from . import mail
from .models import ForumProfile, Notification
from .permissions import can_read_post, readable_posts


@task()
def send_notification_emails(notification_ids):
    """The e-mails for one write's notifications: one task however many
    members are told, so that a reply costs the same to enqueue whether a
    thread has two watchers or two hundred."""
    return [send_notification_email.call(pk) for pk in notification_ids]


@task()
def send_notification_email(notification_id):
    notification = (
        Notification.objects.select_related("recipient", "actor", "post__thread")
        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
        .first()
    )
    if notification is None:
        return "skipped"
    recipient = notification.recipient
    if not can_read_post(recipient, notification.post):
        return "skipped"  # hidden or deleted since: its text is not sent
    # Not for_user(): a profile created here would take the language of
    # whoever triggered the notification, not the recipient's.
    profile = ForumProfile.objects.filter(user=recipient).first() or ForumProfile(user=recipient)
    if profile.email_notifications != ForumProfile.Email.IMMEDIATE or not recipient.email:
        return "skipped"
    with translation.override(profile.email_language):
        item = mail.item(notification)
    # A reply posts in the thread: moderators' notices about a post are not answered there.
    answerable = notification.kind not in (Notification.Kind.HIDDEN, Notification.Kind.EDITED)
    mail.send(
        recipient,
        profile.email_language,
        "notification",
        {"item": item},
        post=notification.post if answerable else None,
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return "sent"


@task()
def send_digest_email(user_id):
    profile = ForumProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or profile.email_notifications != ForumProfile.Email.DIGEST or not profile.user.email:
        return 0
    pending = list(
        Notification.objects.unread()
        .filter(recipient_id=user_id, emailed_at__isnull=True)
        .filter(readable_posts(profile.user, prefix="post__"))
        .select_related("actor", "post__thread")
        .order_by("created", "pk")[:50]
    )
    if pending:
        with translation.override(profile.email_language):
            items = [mail.item(notification) for notification in pending]
        mail.send(profile.user, profile.email_language, "digest", {"items": items})
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    ForumProfile.objects.filter(pk=profile.pk).update(last_digest_at=timezone.now())
    return len(pending)

"""Who hears about a new post, and the signed links in forum e-mails."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import translation

UNSUBSCRIBE_SALT = "forum.unsubscribe"


def notify(recipient_ids, kind, post, *, actor=None):
    """Create in-app notifications and queue e-mail for members who want it
    immediately. Returns the notifications created."""
    from .models import ForumProfile, Notification
    from .tasks import send_notification_email

    ids = set(recipient_ids)
    if actor is not None:
        ids.discard(actor.pk)
    if not ids:
        return []
    active = get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    notifications = Notification.objects.bulk_create(
        [Notification(recipient_id=pk, kind=kind, post=post, actor=actor) for pk in sorted(active)]
    )
    not_immediate = set(
        ForumProfile.objects.filter(user_id__in=ids)
        .exclude(email_notifications=ForumProfile.Email.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    for notification in notifications:
        if notification.recipient_id not in not_immediate:
            send_notification_email.enqueue(notification.pk)
    return notifications


def notify_mentions(post, usernames):
    from .models import Notification

    ids = get_user_model().objects.filter(username__in=list(usernames)).values_list("pk", flat=True)
    return notify(ids, Notification.Kind.MENTION, post, actor=post.author)


def notify_new_post(post, *, mentioned=(), new_thread=False):
    """Tell mentioned members, then watchers of the thread (or, for a new
    thread, of its category). Nobody is told twice about one post."""
    from .models import CategoryWatch, Notification, ThreadWatch

    actor = post.author
    mentioned_ids = set()
    if mentioned:
        mentioned_ids = {n.recipient_id for n in notify_mentions(post, mentioned)}
    if new_thread:
        watchers = CategoryWatch.objects.filter(category_id=post.thread.category_id)
        kind = Notification.Kind.NEW_THREAD
    else:
        watchers = ThreadWatch.objects.filter(thread_id=post.thread_id)
        kind = Notification.Kind.REPLY
    watcher_ids = set(watchers.values_list("user_id", flat=True)) - mentioned_ids
    notify(watcher_ids, kind, post, actor=actor)


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(user, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(user)}))

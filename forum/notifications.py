"""Who hears about what a member did.

`announce` is the one place where the outcome of a write operation
(forum/actions.py) becomes in-app notifications and, for members who want
them straight away, queued e-mail. Nobody is told twice about one post, and
nobody about their own.
"""

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet
from django.utils import timezone

from .mail import unsubscribe_token, user_from_unsubscribe_token
from .models import CategoryWatch, ForumProfile, Notification, ThreadWatch
from .outcomes import Action
from .tasks import send_notification_emails

# The signed links in forum e-mails live in forum/mail.py; other apps' tests
# know them from here.
__all__ = ["announce", "notify", "notify_mentions", "unsubscribe_token", "user_from_unsubscribe_token"]


def announce(outcome):
    """Tell the members concerned: those newly @mentioned, then the
    watchers of the thread (a reply) or of its category (a new thread), or
    the author of an accepted answer. Returns the notifications created."""
    post, actor = outcome.post, outcome.actor
    told = notify_mentions(post, outcome.mentioned) if outcome.mentioned else []
    mentioned_ids = {notification.recipient_id for notification in told}
    if outcome.action == Action.START_THREAD:
        watchers = CategoryWatch.objects.filter(category_id=post.thread.category_id)
        kind = Notification.Kind.NEW_THREAD
    elif outcome.action == Action.REPLY:
        watchers = ThreadWatch.objects.filter(thread_id=post.thread_id)
        kind = Notification.Kind.REPLY
    elif outcome.action == Action.ACCEPT:
        recipients = [post.author_id] if post.author_id else []
        return told + notify(recipients, Notification.Kind.ACCEPTED, post, actor=actor)
    elif outcome.action == Action.LIKE:
        return notify_like(post, actor)
    elif outcome.action == Action.EDIT and outcome.changed and post.author_id and post.author_id != actor.pk:
        return told + notify_moderated(post, Notification.Kind.EDITED, by=actor, note=outcome.note)
    else:
        return told
    # A subquery: the watchers are read with the recipients' e-mail wishes, in one query.
    watcher_ids = watchers.exclude(user_id__in=mentioned_ids).values("user_id")
    return told + notify(watcher_ids, kind, post, actor=actor)


def notify(recipient_ids, kind, post, *, actor=None, note=""):
    """Create in-app notifications and queue e-mail for members who want it
    immediately. `recipient_ids`: ids, or a queryset of them (read as a
    subquery). Returns the notifications created."""
    if isinstance(recipient_ids, QuerySet):
        recipients = get_user_model().objects.filter(pk__in=recipient_ids)
        if actor is not None:
            recipients = recipients.exclude(pk=actor.pk)
    else:
        ids = set(recipient_ids)
        if actor is not None:
            ids.discard(actor.pk)
        if not ids:
            return []
        recipients = get_user_model().objects.filter(pk__in=ids)
    # The active recipients and how each wants e-mail (no profile yet:
    # immediately, the default), in one query.
    wants = dict(recipients.filter(is_active=True).values_list("pk", "forum_profile__email_notifications"))
    if not wants:
        return []
    notifications = Notification.objects.bulk_create(
        [Notification(recipient_id=pk, kind=kind, post=post, actor=actor, note=note) for pk in sorted(wants)]
    )
    immediate = [n.pk for n in notifications if wants[n.recipient_id] in (None, ForumProfile.Email.IMMEDIATE)]
    if immediate:
        send_notification_emails.enqueue(immediate)
    return notifications


def notify_mentions(post, usernames):
    ids = get_user_model().objects.filter(username__in=list(usernames)).values_list("pk", flat=True)
    return notify(ids, Notification.Kind.MENTION, post, actor=post.author)


def notify_like(post, actor):
    """Tell the author their post was liked, batched: while they have not
    read it, one notification per post counts the likes ("3 people liked
    your post"), and moves up to the top. Likes are not e-mailed as they
    happen; the daily digest includes them."""
    author_id = post.author_id
    if (
        not author_id
        or author_id == actor.pk
        or not get_user_model().objects.filter(pk=author_id, is_active=True).exists()
    ):
        return []
    pending = Notification.objects.unread().filter(
        recipient_id=author_id, kind=Notification.Kind.LIKED, post=post
    )
    if pending.update(count=F("count") + 1, actor=actor, created=timezone.now(), emailed_at=None):
        return list(pending)
    return [
        Notification.objects.create(
            recipient_id=author_id, kind=Notification.Kind.LIKED, post=post, actor=actor
        )
    ]


def notify_moderated(post, kind, *, by, note=""):
    """Tell a post's author that a moderator hid (HIDDEN) or edited (EDITED)
    it, with the moderator's reason."""
    if not post.author_id:
        return []
    return notify([post.author_id], kind, post, actor=by, note=(note or "")[:500])

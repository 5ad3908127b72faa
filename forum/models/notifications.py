"""In-app notifications: who was told what about which post. Who is told
about a new post is decided in forum/notifications.py."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .viewer import Mine, read_values, viewer_count


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        MENTION = "mention", _("Mention")
        ACCEPTED = "accepted", _("Accepted answer")
        NEW_THREAD = "new_thread", _("New thread")
        LIKED = "liked", _("Likes")
        HIDDEN = "hidden", _("Post hidden by a moderator")
        EDITED = "edited", _("Post edited by a moderator")
        REMINDER = "reminder", _("Bookmark reminder")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Likes are batched: one unread notification per post counts its likers.
    count = models.PositiveIntegerField(default=1)
    # A moderator's reason, for HIDDEN and EDITED.
    note = models.CharField(max_length=500, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        # Unread counts by the first; a member's newest notifications (their
        # list, the digest) by the second, reading their recent rows only.
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created"], name="forum_notif_recipient_recent"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id} on post {self.post_id}"

    @classmethod
    def unread_count_of(cls, user):
        """The member's unread notifications, counted by a scalar subquery
        (viewer.viewer_count) that a page's own statement can carry
        (Thread.put_viewer_state)."""
        return viewer_count(cls.unread_of(), user)

    @classmethod
    def unread_of(cls):
        """The member's unread notifications, for viewer.viewer_ids (which
        posts of a page the member has some about)."""
        return Mine(cls, member="recipient", unset=("read_at",))

    @classmethod
    def unread_count(cls, user):
        """The header's count: one statement, nothing for the ORM to build."""
        return read_values(count=cls.unread_count_of(user))["count"]

    def describe(self):
        actor = self.actor.public_name if self.actor else _("Someone")
        title = self.post.thread.title
        messages = {
            self.Kind.REPLY: _("%(actor)s replied in “%(title)s”"),
            self.Kind.MENTION: _("%(actor)s mentioned you in “%(title)s”"),
            self.Kind.ACCEPTED: _("%(actor)s accepted your answer in “%(title)s”"),
            self.Kind.NEW_THREAD: _("%(actor)s started “%(title)s”"),
            self.Kind.HIDDEN: _("A moderator hid your post in “%(title)s”"),
            self.Kind.EDITED: _("A moderator edited your post in “%(title)s”"),
            self.Kind.REMINDER: _("Reminder: the post you bookmarked in “%(title)s”"),
        }
        if self.kind == self.Kind.LIKED:
            if self.count > 1:
                return ngettext(
                    "%(count)d person liked your post in “%(title)s”",
                    "%(count)d people liked your post in “%(title)s”",
                    self.count,
                ) % {"count": self.count, "title": title}
            return _("%(actor)s liked your post in “%(title)s”") % {"actor": actor, "title": title}
        text = messages[self.kind] % {"actor": actor, "title": title}
        if self.note:
            text += " " + _("Reason: %(reason)s") % {"reason": self.note}
        return text

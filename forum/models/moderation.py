"""Flags raised by members and the log of what moderators did."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("It is spam or advertising")
        RUDE = "rude", _("It is rude, hostile or harassing")
        OFF_TOPIC = "off_topic", _("It is off-topic for this thread")
        OTHER = "other", _("Something else (please explain)")

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The reporter's trust level when they flagged, and what their flag
    # weighs in the queue (forum/trust.py: new members' flags weigh less).
    reporter_level = models.PositiveSmallIntegerField(default=0)
    weight = models.PositiveSmallIntegerField(default=2)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="forum_flag_once")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"

    @classmethod
    def resolve_for_post(cls, post, *, by, note=""):
        count = cls.objects.open().filter(post=post).update(resolved_by=by, resolved_at=timezone.now())
        if count:
            ModerationLog.record(
                by, ModerationLog.Action.RESOLVE_FLAGS, thread=post.thread, post=post, note=note
            )
        return count


class ModerationLog(models.Model):
    class Action(models.TextChoices):
        HIDE_POST = "hide_post", _("hid a post")
        UNHIDE_POST = "unhide_post", _("unhid a post")
        EDIT_POST = "edit_post", _("edited someone else's post")
        HIDE_THREAD = "hide_thread", _("hid a thread")
        UNHIDE_THREAD = "unhide_thread", _("unhid a thread")
        LOCK = "lock", _("locked a thread")
        UNLOCK = "unlock", _("unlocked a thread")
        PIN = "pin", _("pinned a thread")
        UNPIN = "unpin", _("unpinned a thread")
        MOVE = "move", _("moved a thread")
        ACCEPT = "accept", _("accepted an answer")
        UNACCEPT = "unaccept", _("removed an accepted answer")
        RESOLVE_FLAGS = "resolve_flags", _("resolved flags")
        SILENCE = "silence", _("paused a member's posting")
        TRUST_LEVEL = "trust_level", _("set a member's trust level")
        AUTO_HIDE = "auto_hide", _("hid a post automatically after flags from trusted members")
        EDIT_THREAD = "edit_thread", _("changed a thread's title or tags")
        UNSILENCE = "unsilence", _("let a member post again")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    thread = models.ForeignKey("Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target = models.CharField(max_length=250, blank=True, help_text=_("What was acted on, as it was then."))
    note = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.moderator} {self.get_action_display()} ({self.target})"

    @classmethod
    def record(cls, moderator, action, *, thread=None, post=None, member=None, note=""):
        if member is not None:
            target = f"@{member.username}"
        elif post is not None:
            target = f"#{post.pk} in “{(thread or post.thread).title}”"
        else:
            target = f"“{thread.title}”" if thread else ""
        return cls.objects.create(
            moderator=moderator,
            action=action,
            thread=thread,
            post=post,
            member=member,
            target=target[:250],
            note=(note or "")[:500],
        )

"""What is personal to a member: forum settings, what they watch and how far
they have read. None of it changes a public page."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .moderation import ModerationLog


class ForumProfile(models.Model):
    """A member's forum settings, kept here so accounts.User stays the
    accounts app's business."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Send each notification by e-mail as it happens")
        DIGEST = "digest", _("Send one summary e-mail a day")
        NONE = "none", _("No e-mail; I will check the site")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    email_notifications = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE
    )
    email_language = models.CharField(
        _("language of e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    silenced_until = models.DateTimeField(null=True, blank=True)
    silence_reason = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return f"Forum settings of {self.user_id}"

    @classmethod
    def for_user(cls, user):
        known = getattr(user, "_forum_profile", None)  # read by this write's limits (forum.limits)
        if known is not None:
            return known
        profile, _created = cls.objects.get_or_create(
            user=user, defaults={"email_language": translation.get_language() or settings.LANGUAGE_CODE}
        )
        return profile

    @classmethod
    def ensure_for(cls, user):
        """Make sure the member has forum settings, in their e-mail language
        the one they write in now; a write calls it after its limits read
        the profile (forum.limits), so an existing one costs nothing and a
        new one one INSERT ... ON CONFLICT DO NOTHING."""
        if getattr(user, "_forum_profile", None) is not None:
            return
        if not hasattr(user, "_forum_profile"):
            cls.for_user(user)
            return
        language = translation.get_language() or settings.LANGUAGE_CODE
        cls.objects.bulk_create([cls(user=user, email_language=language)], ignore_conflicts=True)

    @property
    def is_silenced(self):
        return bool(self.silenced_until and self.silenced_until > timezone.now())

    def silence(self, until, *, by, reason=""):
        self.silenced_until, self.silence_reason = until, reason
        self.save(update_fields=["silenced_until", "silence_reason"])
        ModerationLog.record(by, ModerationLog.Action.SILENCE, member=self.user, note=reason)

    def unsilence(self, *, by, note=""):
        self.silenced_until, self.silence_reason = None, ""
        self.save(update_fields=["silenced_until", "silence_reason"])
        ModerationLog.record(by, ModerationLog.Action.UNSILENCE, member=self.user, note=note)


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="watches")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_watch_thread_once")]

    def __str__(self):
        return f"{self.user_id} watches thread {self.thread_id}"


class CategoryWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("Category", on_delete=models.CASCADE, related_name="watches")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="forum_watch_category_once")]

    def __str__(self):
        return f"{self.user_id} watches category {self.category_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread, for unread markers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="reads")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_once")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_at}"

    @classmethod
    def put_on(cls, threads, user):
        """Set `viewer_last_read_at` on threads read without a viewer, as
        ThreadQuerySet.for_list(user) annotates it (None: never opened), in
        one query; nothing for a visitor."""
        if not user.is_authenticated:
            return threads
        ids = [thread.pk for thread in threads]
        marks = cls.objects.filter(user=user, thread__in=ids).values_list("thread_id", "last_read_at")
        read = dict(marks) if ids else {}
        for thread in threads:
            thread.viewer_last_read_at = read.get(thread.pk)
        return threads

    @classmethod
    def mark(cls, user, thread, when):
        """Record reading up to `when` in one upsert query."""
        cls.objects.bulk_create(
            [cls(user=user, thread=thread, last_read_at=when)],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["last_read_at"],
        )

"""Drafts: the reply a member is writing in a thread, kept on the server so
that it survives navigation and a closed tab (personal, never public).

One per member and thread. Saved by the reply form's autosave script and
when the member previews; offered back when they return; deleted when the
reply is posted (forum/actions.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

# A draft holds what the reply form may hold: forum/limits.py's maximum
# post length is checked before saving (forum/views/composing.py).


class DraftQuerySet(models.QuerySet):
    def of(self, user, thread):
        """The member's draft in this thread, or None."""
        if not getattr(user, "is_authenticated", False):
            return None
        return self.filter(user=user, thread=thread).first()


class Draft(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts")
    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="drafts")
    source = models.TextField(blank=True)
    reply_to = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated = models.DateTimeField(default=timezone.now)

    objects = DraftQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_draft_once")]

    def __str__(self):
        return f"Draft by {self.user_id} in {self.thread_id}"

    @classmethod
    def keep(cls, user, thread, source, reply_to=None):
        """Save (or, for an empty text, discard) the member's draft."""
        source = (source or "").strip()
        if not source:
            cls.discard(user, thread)
            return None
        draft, _created = cls.objects.update_or_create(
            user=user,
            thread=thread,
            defaults={"source": source, "reply_to": reply_to, "updated": timezone.now()},
        )
        return draft

    @classmethod
    def discard(cls, user, thread):
        cls.objects.filter(user=user, thread=thread).delete()

"""Bookmarks: posts a member keeps to come back to, with an optional
reminder date (personal, never public)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_bookmarks"
    )
    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="bookmarks")
    remind_on = models.DateField(
        _("remind me on"), null=True, blank=True, help_text=_("You get a notification that day.")
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="forum_bookmark_once")]

    def __str__(self):
        return f"{self.user_id} bookmarked {self.post_id}"

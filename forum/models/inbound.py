"""E-mail that came in (forum/mail_in/): one row per message and address,
so that a message delivered twice (an MTA retrying, two MX hosts) is
processed once."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "received"
        POSTED = "posted", "posted"
        REFUSED = "refused", "refused"

    message_id = models.CharField(
        max_length=255, help_text="The Message-ID header (or a hash of the message)."
    )
    address = models.CharField(max_length=254, help_text="The forum address it was sent to.")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    reason = models.CharField(max_length=500, blank=True)
    post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-received"]
        constraints = [
            models.UniqueConstraint(fields=["message_id", "address"], name="forum_inbound_message_once")
        ]

    def __str__(self):
        return f"{self.message_id} to {self.address}: {self.status}"

    @classmethod
    def claim(cls, message_id, address, sender):
        """The row for this message and address, and whether this call made
        it (False: it was processed before, or is being processed now)."""
        return cls.objects.get_or_create(
            message_id=message_id[:255], address=address.lower()[:254], defaults={"sender": sender}
        )

    def finish(self, status, *, post=None, reason=""):
        self.status, self.post, self.reason = status, post, str(reason)[:500]
        self.save(update_fields=["status", "post", "reason"])

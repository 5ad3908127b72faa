from django.core.management.base import BaseCommand
from django.utils import timezone

from forum.models import Bookmark, Notification
from forum.notifications import notify


class Command(BaseCommand):
    help = "Notify members of the bookmarks whose reminder date has come (once each). Run it daily."

    def handle(self, *args, **options):
        due = Bookmark.objects.filter(
            remind_on__lte=timezone.localdate(), reminded_at__isnull=True, post__deleted_at__isnull=True
        ).select_related("post")
        count = 0
        for bookmark in due:
            notify([bookmark.user_id], Notification.Kind.REMINDER, bookmark.post)
            Bookmark.objects.filter(pk=bookmark.pk).update(reminded_at=timezone.now())
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {count} bookmark reminders."))

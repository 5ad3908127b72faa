from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from forum.models import ForumProfile
from forum.tasks import send_digest_email


class Command(BaseCommand):
    help = (
        "Queue the daily forum summary e-mail for every member who chose the daily digest "
        "and has unread notifications not yet e-mailed. Run it once a day (cron or a scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send even to members who had a digest less than 20 hours ago.",
        )

    def handle(self, *args, force=False, **options):
        profiles = ForumProfile.objects.filter(
            email_notifications=ForumProfile.Email.DIGEST,
            user__is_active=True,
            user__forum_notifications__read_at__isnull=True,
            user__forum_notifications__emailed_at__isnull=True,
        )
        if not force:
            # A margin under a day, so a cron job that runs a little early still sends.
            recent = timezone.now() - timedelta(hours=20)
            profiles = profiles.filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=recent))
        user_ids = list(profiles.values_list("user_id", flat=True).distinct())
        for user_id in user_ids:
            send_digest_email.enqueue(user_id)
        self.stdout.write(self.style.SUCCESS(f"Queued {len(user_ids)} forum digests."))

from django.core.management.base import BaseCommand

from forum.models import Thread


class Command(BaseCommand):
    help = (
        "Recompute every thread's reply count, last post, last poster and last activity "
        "from its posts (hidden and deleted posts do not count)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--thread", type=int, action="append", help="Only these thread ids.")

    def handle(self, *args, thread=None, **options):
        threads = Thread.objects.all()
        if thread:
            threads = threads.filter(pk__in=thread)
        updated = threads.recount()
        self.stdout.write(self.style.SUCCESS(f"Recounted {updated} threads."))

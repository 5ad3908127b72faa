from django.core.management.base import BaseCommand

from core import search


class Command(BaseCommand):
    help = "Index every page and forum thread for the site search again (core.search)."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Site search: {count} entries.")

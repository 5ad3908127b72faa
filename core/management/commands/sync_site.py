from django.core.management.base import BaseCommand

from core.sites import sync_site
from core.urls import base_url


class Command(BaseCommand):
    help = (
        "Point the default Wagtail Site at BASE_URL (hostname and port), so full page URLs, "
        "printouts and e-mails use it. migrate does this too; run it after changing BASE_URL."
    )

    def handle(self, **options):
        site = sync_site(stdout=self.stdout)
        if site is None:
            self.stderr.write("No default site yet: run migrate first.")
            return
        self.stdout.write(self.style.SUCCESS(f"BASE_URL {base_url()}: the default site is {site.root_url}"))

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from activities import demo as activities_demo
from core import indexing
from forum import demo as forum_demo
from guides import demo as guides_demo
from home import demo as home_demo
from reports import demo as reports_demo

# Each app's demo module has `seed(home, stdout=None)`. Order matters: guides
# embed activities, forum threads point at both, field reports are on activities.
APP_DEMOS = [accounts_demo, activities_demo, guides_demo, forum_demo, reports_demo]


class Command(BaseCommand):
    help = (
        "Load the demo content: locales, pages in English, Spanish and French, demo "
        "accounts and each app's examples. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-index", action="store_true", help="Do not rebuild the search and reference indexes."
        )

    def handle(self, *args, skip_index=False, **options):
        # Wagtail's indexes are rebuilt once at the end, not on every save.
        with transaction.atomic(), indexing.paused():
            home = home_demo.seed_home()
            for module in APP_DEMOS:
                module.seed(home, stdout=self.stdout)
            home_demo.seed_navigation(home)
        if not skip_index:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
            call_command("rebuild_site_search", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

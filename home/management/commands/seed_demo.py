import importlib

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo as home_demo

# Each app that has demo content has a `demo` module with `seed(stdout=None)`.
# Order matters: guides embed activities, forum threads point at both.
APP_DEMO_MODULES = ["accounts.demo", "activities.demo", "guides.demo", "forum.demo"]


def app_demo_modules():
    for name in APP_DEMO_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


class Command(BaseCommand):
    help = (
        "Load the demo content: locales, pages in English, Spanish and French, demo "
        "accounts and each app's examples. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-index", action="store_true", help="Do not rebuild the search index.")

    def handle(self, *args, skip_index=False, **options):
        with transaction.atomic():
            home = home_demo.seed_home()
            for module in app_demo_modules():
                module.seed(stdout=self.stdout)
            home_demo.seed_navigation(home)
        if not skip_index:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

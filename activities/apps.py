from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activity library")

    def ready(self):
        from core import cache, sections

        from . import search, signals
        from .models import ActivityIndexPage, ActivityPage
        from .workflows import ACTIVITY_REVIEW

        signals.connect()
        search.register(ActivityPage, ActivityIndexPage)
        ACTIVITY_REVIEW.attach_to_new(ActivityIndexPage)
        cache.register_editorial("activities")
        # Members' plans: shared ones are public pages (a revoked link must stop
        # answering at once), but they are no editorial content of the site's chrome.
        cache.register_member_content(
            "activities.savedplan", "activities.circleplan", "activities.circleweek"
        )
        sections.register(
            "newest_activities",
            "activities/includes/home_section.html",
            ActivityPage.objects.newest,
            order=20,
            stylesheet="activities/activities.css",
        )

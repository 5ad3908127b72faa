"""What the home page shows from the other apps.

Each function is empty-safe: until the app that owns the content defines its
model, it returns an empty list and the home page says there is nothing yet.
"""

from django.apps import apps


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def featured_guides(locale, limit=3):
    """The first guides of the handbook (in the editors' section order)."""
    from guides.models import GuidePage

    return GuidePage.objects.featured(locale, limit)


def newest_activities(locale, limit=4):
    """The latest activities of the library in `locale` (with the default
    language's activities that are not translated yet)."""
    from activities.models import ActivityPage

    return ActivityPage.objects.newest(locale, limit)


def latest_threads(limit=5):
    from forum.models import Thread

    return list(Thread.objects.visible().select_related("category").by_activity()[:limit])

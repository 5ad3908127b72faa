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
    ActivityPage = _model("activities", "ActivityPage")
    if ActivityPage is None:
        return []
    return list(
        ActivityPage.objects.live().public().filter(locale=locale).order_by("-first_published_at")[:limit]
    )


def latest_threads(limit=5):
    from forum.models import Thread

    return list(Thread.objects.visible().select_related("category").by_activity()[:limit])

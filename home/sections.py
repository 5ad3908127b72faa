"""What the home page shows from the other apps, each asked through the
owning app's own queryset. An empty result is fine: the home page's includes
say there is nothing yet. (Imports are local: those apps import home.)
"""


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

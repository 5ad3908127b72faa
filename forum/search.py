"""Forum threads in the site-wide search (home/views.py)."""

from .models import Thread

SITE_SEARCH_LIMIT = 5


def search_threads(query, limit=SITE_SEARCH_LIMIT):
    """Visible threads matching a query (a string or a parsed Wagtail query)
    by title, tags and the text of their visible posts: one query."""
    if not query:
        return []
    return list(Thread.objects.visible().select_related("category").search(query)[:limit])

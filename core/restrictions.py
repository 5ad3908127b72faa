"""Which pages have a view restriction (a password, members only, groups),
as the list of their tree paths: every page whose path starts with one of
them is restricted too.

Listing pages "public only" in SQL (activities' public_in_sql) used to join
every page to the restrictions table per row (a NOT EXISTS whose condition
no index can serve); with the few restricted paths known up front the
condition is a plain prefix filter on the rows already selected, and none
at all when nothing is restricted (the usual case). The list is cached under
the editorial generation (a restriction saved or deleted is an editorial
change, core.cache) and read once per request (core.memo).
"""

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from . import memo
from .cache import generation

SECONDS = 60 * 60


def restricted_paths():
    def read():
        key = f"restricted-paths:{generation()}"
        paths = cache.get(key)
        if paths is None:
            paths = tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
            cache.set(key, paths, SECONDS)
        return paths

    return memo.remember("restricted-paths", read)

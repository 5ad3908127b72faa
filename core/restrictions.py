"""Which pages have a view restriction (a password, members only, groups),
as the list of their tree paths: every page whose path starts with one of
them is restricted too.

Listing pages "public only" in SQL (activities' public_in_sql) used to join
every page to the restrictions table per row (a NOT EXISTS whose condition
no index can serve); with the few restricted paths known up front the
condition is a plain prefix filter on the rows already selected, and none
at all when nothing is restricted (the usual case). The list is kept by the
process for the editorial generation (core.cache.per_generation: a
restriction saved or deleted is an editorial change) and read once per
request (core.memo).
"""

from wagtail.models import PageViewRestriction

from . import memo
from .cache import per_generation


def restricted_paths():
    def read():
        return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))

    return memo.remember("restricted-paths", lambda: per_generation("restricted-paths", read))

import hashlib
import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from core import fragments
from core import search as site_search
from core.cache import SEARCH, generation

SEARCH_PAGE_SIZE = 10
_PREFIX = re.compile(r"^/[a-z]{2}/")


def _shown(result, query, language):
    """A result as the page lists it: its link in the reader's language
    (a forum thread's is stored without one), the matches highlighted."""
    url = result.url if _PREFIX.match(result.url) else f"/{language}{result.url}"
    return {
        "kind": result.kind,
        "url": url,
        "language": result.language,
        "title": site_search.highlight(result.title, query, result.language),
        "snippet": site_search.highlight(
            result.snippet, query, result.language, length=site_search.SNIPPET_LENGTH
        ),
        "date": result.date,
    }


def _listing(query, language, chosen, number):
    """What the search page lists: the page of results asked for, how many
    there are, and the count of each type."""
    found = site_search.search(query, language, chosen or None)
    page_obj = Paginator(found.results, SEARCH_PAGE_SIZE).get_page(number)
    types = [
        {"key": kind.key, "label": kind.label, "count": found.counts.get(kind.key, 0)}
        for kind in site_search.kinds()
        if found.counts.get(kind.key)
    ]
    return {
        "page_obj": page_obj,
        "results": [_shown(result, found.query, language) for result in page_obj.object_list],
        "types": types,
        "total": found.total,
    }


def search(request):
    """One search over guides, activities, pages and the forum, in the
    reader's language: one list, one count, a filter by type with the count
    of each, and pages of SEARCH_PAGE_SIZE. The list is the same for everyone
    who asks the same (its links keep the rest of the query string), so it
    is a shared fragment keyed by the query string, kept until content or
    members' writing changes: a search asked again runs no query."""
    query = request.GET.get("q", "").strip()[:200]
    language = get_language()
    chosen = request.GET.get("type", "")
    if site_search.kind(chosen) is None:
        chosen = ""
    number = request.GET.get("page")
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "chosen_type": chosen,
            # The results change with content and with the search index,
            # which the worker may rewrite after content changed.
            "asked": f"{generation(SEARCH)}:{hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]}",
            "listing": fragments.lazy(lambda: _listing(query, language, chosen, number)),
        },
    )

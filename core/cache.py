"""A whole-page cache for anonymous visitors.

Anonymous GET requests that carry no session cookie get the same HTML, so
their responses are kept in the cache (Redis in production) for
PAGE_CACHE_SECONDS. Any change to published content (a page published or
unpublished, a forum post, ...) bumps a generation number that is part of every
key, so stale pages are never served after an edit; they simply expire.
A change to a member's profile (their display name) shows on cached pages
when those expire; profile saves happen at every sign-in (last_login), so they
do not invalidate.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import memo
from .urls import is_canonical_request

EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")

# Two generations: PAGES changes when editorial content changes (pages,
# settings, sections, tags) and keys what is built from it alone (the header
# and footer links, the handbook outline); CONTENT changes with that and with
# what members write, and keys whole cached pages.
PAGES = "pagecache:generation:pages"
CONTENT = "pagecache:generation:content"
# Two more counters a member's request reads, kept here so that all
# come in one round trip: who may do what (core.access) and the cached
# sessions (core.sessions).
ACCESS = "access:generation"
SESSIONS = "sessions:generation"
# And one that moves with the site search's index (core.search), whose
# entries a worker rewrites after the change that emptied the caches: the
# search page's results are keyed by it too.
SEARCH = "search:generation"
GENERATIONS = (PAGES, CONTENT, ACCESS, SESSIONS, SEARCH)

# What each app contributes, registered from its AppConfig.ready(): labels of
# apps ("guides") or of single models ("forum.post"), lower case.
# Saved rows of EDITORIAL labels change editorial content; saved rows of
# MEMBER_CONTENT labels change what visitors see of members' writing. Rows of
# any other model (read markers, notifications, watches, sessions) are
# personal and change no public page.
_EDITORIAL = set()
_MEMBER_CONTENT = set()
_DERIVED = set()


def register_editorial(*labels):
    """Saving or deleting a row of these apps or models empties every cache
    built from editorial content."""
    _EDITORIAL.update(label.lower() for label in labels)


def register_member_content(*labels):
    """Saving or deleting a row of these apps or models changes public pages
    (not the site chrome)."""
    _MEMBER_CONTENT.update(label.lower() for label in labels)


def register_derived(*labels):
    """Rows of these models are derived from content whose own change
    already empties the caches (core's search entries, rewritten when a
    page is published or a post saved): saving them changes nothing more."""
    _DERIVED.update(label.lower() for label in labels)


def _scope(model):
    """A model registered by its own label is what it was registered as,
    whatever its app is; else its app decides."""
    meta = model._meta
    if meta.label_lower in _DERIVED:
        return None
    for name in (meta.label_lower, meta.app_label):
        for labels, scope in ((_EDITORIAL, PAGES), (_MEMBER_CONTENT, CONTENT)):
            if name in labels:
                return scope
    return None


def generation(name=PAGES):
    """The generation's current number, read from the cache once per request
    (core.memo): the page cache, the header, the footer and the handbook
    outline all key on it, a member's permissions and session too. All the
    generations come in one round trip."""
    return memo.remember(name, lambda: _read_generations()[name])


def _read_generations():
    values = cache.get_many(GENERATIONS)
    for name in GENERATIONS:
        if name not in values:
            # A fresh number, not 1: whatever this process kept in memory
            # under an earlier generation (per_generation) can never be taken
            # for the new one after the cache was emptied.
            cache.add(name, secrets.randbelow(2**31) + 1, timeout=None)
            values[name] = cache.get(name, 1)
    for name, value in values.items():
        memo.remember(name, lambda value=value: value)
    return values


# What this process keeps in memory for as long as a generation lasts:
# {scope: (generation, since, {key: value})}. Emptied after LOCAL_SECONDS
# too, so that what no generation tracks (a member's new display name in a
# cached fragment) shows within minutes, as with the page cache.
_LOCAL = {}
LOCAL_ENTRIES = 2000
LOCAL_SECONDS = 300


def local_values(scope=PAGES, shelf="", limit=LOCAL_ENTRIES):
    """This process's dict of what is built from `scope`'s content, for its
    current generation (a new, empty one when the generation moved on).
    The generation is read from the shared cache at every request, so a
    change anywhere reaches every process at its next request. While the
    shared cache is out, a throwaway dict: nothing is kept, as one process
    could not tell the others that content changed. A `shelf` is a dict of
    its own with its own `limit` of entries (emptied when full), for what is
    large (a page of rows) and must not crowd out the rest."""
    if cache_is_degraded():
        return {}
    current = generation(scope)
    now = time.monotonic()
    held = _LOCAL.get((scope, shelf))
    if held is None or held[0] != current or now - held[1] > LOCAL_SECONDS:
        held = _LOCAL[(scope, shelf)] = (current, now, {})
    values = held[2]
    if len(values) > limit:
        values.clear()
    return values


def per_generation(key, compute, scope=PAGES, shelf="", limit=LOCAL_ENTRIES):
    """`compute()` once per generation of `scope` in this process (see
    local_values): for what is built from that content alone (a page's
    route, a rendered fragment)."""
    values = local_values(scope, shelf, limit)
    try:
        return values[key]
    except KeyError:
        value = compute()
        if len(values) >= limit:
            values.clear()
        values[key] = value
        return value


def bump(name):
    """Move a generation on: whatever was kept under the old number is
    never read again (in this request either). Inside a transaction, moved
    on again when it commits: a request that began after the first move
    but read the rows before the commit kept them under the new number
    (a thread page without the reply just posted), and must not be read."""
    _move_on(name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _move_on(name))


def _move_on(name):
    memo.forget(name)
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, secrets.randbelow(2**31) + 1, timeout=None)


def invalidate(**kwargs):
    """Editorial content changed: everything built from it is stale."""
    bump(PAGES)
    bump(CONTENT)


def changed(model):
    """Rows of `model` changed (also for QuerySet.update(), which sends no
    signal): refresh whatever public pages show them."""
    scope = _scope(model)
    if scope == PAGES:
        invalidate()
    elif scope == CONTENT:
        bump(CONTENT)


def invalidate_for_model(sender, **kwargs):
    """post_save / post_delete receiver (core.signals)."""
    changed(sender)


def cache_is_degraded():
    """Whether this process cannot count on a cache that every process
    serving the site shares: the shared cache is out and this process is on
    local memory (core.cache_backends), or there is none (production
    without CACHE_URL: settings.CACHE_IS_SHARED). What one process kept then
    could not be invalidated by the others, so the page cache, the kept
    fragments and pages, and the cached sessions and permissions stand
    aside."""
    if not settings.CACHE_IS_SHARED:
        return True
    is_degraded = getattr(cache, "is_degraded", None)
    return bool(is_degraded and is_degraded())


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    # Signed-in members, and anyone with a session or pending messages, see personal pages.
    return not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))


def response_is_cacheable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not request_is_cacheable(request):
            return self.get_response(request)
        request.get_host()  # a Host not in ALLOWED_HOSTS is refused (400) before any cached page
        # The key is the path alone: nothing a visitor sends in a header
        # chooses or varies what others are served.
        key = f"pagecache:{generation(CONTENT)}:{request.method}:{request.get_full_path()}"
        if cache_is_degraded():
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        # Only a request on the configured base URL may fill the cache: a page
        # rendered for another Host (or X-Forwarded-Proto) could carry links to it.
        if response_is_cacheable(response) and is_canonical_request(request):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

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

from django.conf import settings
from django.core.cache import cache

EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")

# Two generations: PAGES changes when editorial content changes (pages,
# settings, sections, tags) and keys what is built from it alone (the header
# and footer links, the handbook outline); CONTENT changes with that and with
# what members write, and keys whole cached pages.
PAGES = "pagecache:generation:pages"
CONTENT = "pagecache:generation:content"
# Saved rows of these apps change editorial content...
EDITORIAL_APPS = {"wagtailcore", "home", "guides", "activities", "taggit"}
# ...and of these models, what visitors see in the forum. Read markers,
# notifications, watches and settings are personal and change no public page.
MEMBER_CONTENT_MODELS = {"forum.category", "forum.thread", "forum.post", "forum.like"}


def generation(name=PAGES):
    value = cache.get(name)
    if value is None:
        cache.add(name, 1, timeout=None)
        value = cache.get(name, 1)
    return value


def _bump(name):
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, 2, timeout=None)


def invalidate(**kwargs):
    """Editorial content changed: everything built from it is stale."""
    _bump(PAGES)
    _bump(CONTENT)


def invalidate_for_model(sender, **kwargs):
    if sender._meta.app_label in EDITORIAL_APPS:
        invalidate()
    elif sender._meta.label_lower in MEMBER_CONTENT_MODELS:
        _bump(CONTENT)


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
        key = f"pagecache:{generation(CONTENT)}:{request.method}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response_is_cacheable(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

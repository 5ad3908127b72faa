"""A whole-page cache for anonymous visitors.

Anonymous GET requests that carry no session cookie get the same HTML, so
their responses are kept in the cache (Redis in production) for
PAGE_CACHE_SECONDS. Any change to published content (a page published or
unpublished, a forum post, ...) bumps a generation number that is part of every
key, so stale pages are never served after an edit; they simply expire.
"""

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")
# Apps whose saved rows appear on public pages.
INVALIDATING_APPS = {"wagtailcore", "home", "guides", "activities", "forum", "taggit"}


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate_for_model(sender, **kwargs):
    if sender._meta.app_label in INVALIDATING_APPS:
        invalidate()


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
        key = f"pagecache:{generation()}:{request.method}:{request.get_full_path()}"
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

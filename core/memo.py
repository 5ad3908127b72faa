"""Per-request memoisation: what a page asks the cache (or the database) for
several times while it is served is fetched once per request.

RequestMemoMiddleware opens a memo for each request (a context variable, so
each thread and each request has its own, and nothing outlives the
response); `remember(key, compute)` returns the value computed the first
time in that request, `forget(key)` drops it (a write that changes it in the
same request, e.g. a cache generation moving on). Outside a request (a
management command, a task, a test calling a function directly) there is no
memo and `remember` simply computes.

Memoised here:
- Wagtail's site root paths (`Site.get_site_root_paths`, core.sites): every
  `page.url` without a request reads them, 3 to 6 times per page;
- the page-cache generations (core.cache.generation), read by the page
  cache, the header, the footer and the handbook outline.
"""

import contextvars

_memo = contextvars.ContextVar("core_request_memo", default=None)
_MISSING = object()


def remember(key, compute):
    memo = _memo.get()
    if memo is None:
        return compute()
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        value = memo[key] = compute()
    return value


def forget(key):
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class request_memo:  # noqa: N801 - used like a function, as a context manager
    """A memo for the code inside (what the middleware opens per request)."""

    def __enter__(self):
        self._token = _memo.set({})
        return self

    def __exit__(self, *exc_info):
        _memo.reset(self._token)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            return self.get_response(request)

"""Rendered fragments that are the same for every visitor and member (an
activity card, the handbook's outline), cached under the editorial
generation (core.cache): publishing a page or saving editorial content
moves it on, so a fragment is never shown stale; they simply expire.

A fragment built from members' writing too (a forum thread listed on a
guide page, a home-page section of threads) is cached under the content
generation instead (`scope=CONTENT`), which every forum post moves on.
Fragments hold nothing that goes stale by itself: times in them are absolute
({% moment %}, core/templatetags/time_tags.py), made relative by the page's
script.

`cached(name, parts, render, scope)` gives one fragment; `cached_many(name, items,
parts_of, render_one)` a list of them with one cache round trip for the
whole list (get_many, set_many for those that were missing). Keys carry the
active language. A form's CSRF token is kept as a placeholder and made each
reader's own on the way out (`with_csrf_token`; the {% shared_fragment %} tag
does both). While the shared cache is out (one process's memory), the
fragments are rendered every time, as the page cache stands aside then: one
process cannot tell another that content changed.
"""

from functools import cache as once

from django.core.cache import cache
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .cache import CONTENT, PAGES, cache_is_degraded, generation, per_generation

SECONDS = 60 * 60
LOCAL_FRAGMENTS = 5000  # cards kept in one process's memory per generation


class lazy:  # noqa: N801 - used like a function
    """A context value computed when a template first uses it (templates call
    callables), then kept: what only a cached fragment shows costs nothing
    while the fragment is in the cache."""

    def __init__(self, compute):
        self._compute = compute

    def __call__(self):
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value


@once
def csrf_placeholder():
    """What a shared fragment holds where a form's CSRF token goes: the same
    in every process (derived from SECRET_KEY, so no member can write it into
    a post and have another reader's token put in its place)."""
    return "csrf-" + salted_hmac("core.fragments.csrf", "placeholder").hexdigest()


def with_csrf_token(html, token):
    """A shared fragment made personal: each CSRF placeholder becomes the
    reader's own token. `token` (the context's `csrf_token`, lazy) is read
    only when the fragment has a form, so a page without one sets no CSRF
    cookie."""
    placeholder = csrf_placeholder()
    if placeholder not in html:
        return html
    value = "" if not token or str(token) == "NOTPROVIDED" else escape(str(token))
    return mark_safe(html.replace(placeholder, value))  # noqa: S308 - our fragment, an escaped token


def _key(name, parts, scope=PAGES):
    language = translation.get_language() or ""
    return ":".join(["fragment", scope, str(generation(scope)), name, language, *map(str, parts)])


def cached(name, parts, render, scope=PAGES):
    """`scope`: the generation the fragment is built from (core.cache.PAGES,
    editorial content; core.cache.CONTENT, which also moves on with what
    members write). Kept in this process's memory for the generation
    (core.cache.per_generation) in front of the shared cache."""
    assert scope in (PAGES, CONTENT)
    if cache_is_degraded():
        return mark_safe(render())  # noqa: S308 - rendered by our own templates
    key = _key(name, parts, scope)

    def shared():
        html = cache.get(key)
        if html is None:
            html = str(render())
            cache.set(key, html, SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own templates

    return per_generation(key, shared, scope)


def cached_many(name, items, parts_of, render_one):
    items = list(items)
    if cache_is_degraded():
        return [mark_safe(render_one(item)) for item in items]  # noqa: S308
    keys = [_key(name, parts_of(item)) for item in items]
    local = _local_fragments()
    if len(local) > LOCAL_FRAGMENTS:
        local.clear()
    wanted = [key for key in keys if key not in local]
    found = cache.get_many(wanted) if wanted else {}
    missing = {}
    fragments = []
    for key, item in zip(keys, items, strict=True):
        html = local.get(key) or found.get(key)
        if html is None:
            html = missing[key] = str(render_one(item))
        local[key] = html = mark_safe(html)  # noqa: S308 - rendered by our own templates
        fragments.append(html)
    if missing:
        cache.set_many(missing, SECONDS)
    return fragments


def _local_fragments():
    """This process's fragments of the current editorial generation."""
    return per_generation("fragments", dict)

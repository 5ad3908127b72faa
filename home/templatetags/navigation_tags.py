from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home.cache import generation
from home.models import FooterSettings, NavigationSettings

CHROME_CACHE_SECONDS = 60 * 60

register = template.Library()


def _localized_links(links):
    """The linked pages in the active language where a live translation
    exists, else in their own language, as plain dicts (title, url, path) that
    can be cached. One query for all links."""
    pages = [link.page for link in links]
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    translated = {}
    if locale is not None:
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=[page.translation_key for page in pages], locale=locale
            )
        }
    return [
        {"title": shown.title, "url": shown.url, "path": shown.path}
        for shown in (translated.get(page.translation_key, page) for page in pages if page.live)
    ]


def _cached_chrome(name, build):
    """Header and footer links change only when an editor saves settings or
    publishes a page; both bump the page-cache generation (home.cache), so the
    links are kept per language until then and cost no query."""
    key = f"chrome:{generation()}:{name}:{translation.get_language()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CHROME_CACHE_SECONDS)
    return value


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")

    def build():
        setting = NavigationSettings.load(request_or_site=request)
        return _localized_links(setting.links.select_related("page").all())

    current = context.get("page")
    return {
        "pages": _cached_chrome("navigation", build),
        "current_path": getattr(current, "path", ""),
        "request": request,
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")

    def build():
        setting = FooterSettings.load(request_or_site=request)
        return {
            "pages": _localized_links(setting.links.select_related("page").all()),
            "contact_email": setting.contact_email,
        }

    return {**_cached_chrome("footer", build), "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per language. On a Wagtail page it leads to that page's
    translation or, when the page has not been translated, to its nearest
    ancestor that has (a guide's index, else the home page), marked as such; on
    other views, to the same URL in that language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    urls = {}
    fallbacks = {}
    if isinstance(page, Page):
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[other.locale.language_code] = other.get_url(request)
        if len(urls) < len(settings.LANGUAGES):
            fallbacks = _nearest_translated_ancestors(page, request)
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = urls.get(code)
            available = url is not None
            url = url or fallbacks.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
            available = True
        links.append(
            {"code": code, "name": name, "url": url, "available": available, "current": code == current}
        )
    return {"links": links}


def _nearest_translated_ancestors(page, request):
    """For each language, the URL of the deepest live ancestor of `page` that
    exists in that language. Two queries."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).only("translation_key", "depth"))
    depth_of = {ancestor.translation_key: ancestor.depth for ancestor in ancestors}
    best = {}
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=depth_of)
        .select_related("locale")
        .only("url_path", "translation_key", "locale__language_code")
    )
    for candidate in candidates:
        code = candidate.locale.language_code
        depth = depth_of[candidate.translation_key]
        if code not in best or depth > best[code][0]:
            best[code] = (depth, candidate)
    return {code: candidate.get_url(request) for code, (_depth, candidate) in best.items()}


@register.filter
def is_ancestor_path(path, current_path):
    """True when the page at `path` is the current page or one of its ancestors."""
    return bool(path and current_path and str(current_path).startswith(str(path)))

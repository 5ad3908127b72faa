from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from core.cache import per_generation
from core.models import FooterSettings, NavigationSettings
from core.translation import localized_pages

register = template.Library()


def _localized_links(links):
    """The linked pages in the active language where a live translation
    exists, else in their own language if live (core.translation), as plain
    dicts (title, url, path) that can be cached. One query for all links."""
    pages = [link.page for link in links]
    shown = localized_pages(pages, queryset=Page.objects.all())
    return [
        {"title": page.title, "url": page.url, "path": page.path}
        for page in (shown[chosen.pk] for chosen in pages)
        if page is not None
    ]


def _cached_chrome(name, build, request):
    """Header and footer links change only when an editor saves settings or
    publishes a page; both move the editorial generation on (core.cache), so
    the links are kept in this process per language and host until then
    (core.cache.per_generation) and cost neither a query nor a cache read."""
    host = request.get_host() if request is not None else ""
    return per_generation(("chrome", name, translation.get_language(), host), build)


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")

    def build():
        setting = NavigationSettings.load(request_or_site=request)
        return _localized_links(setting.links.select_related("page").all())

    current = context.get("page")
    return {
        "pages": _cached_chrome("navigation", build, request),
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

    return {**_cached_chrome("footer", build, request), "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per language. On a Wagtail page it leads to that page's
    translation or, when the page has not been translated, to its nearest
    ancestor that has (a guide's index, else the home page), marked as such; on
    other views, to the same URL in that language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    is_page = isinstance(page, Page)
    translations, fallbacks = _translations_of(page, request) if is_page else ({}, {})
    links = []
    for code, name in settings.LANGUAGES:
        if is_page:
            url = translations.get(code)
            available = url is not None
            url = url or fallbacks.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
            available = True
        links.append(
            {"code": code, "name": name, "url": url, "available": available, "current": code == current}
        )
    return {"links": links}


def _translations_of(page, request):
    """_page_and_ancestor_translations, kept in this process for the
    editorial generation (core.cache.per_generation: publishing, moving or
    translating a page moves it on), per host since URLs of another site are
    absolute. A page not saved yet (a preview) is looked up every time."""
    if page.pk is None:
        return _page_and_ancestor_translations(page, request)
    host = request.get_host() if request is not None else ""
    return per_generation(
        ("language-switcher", page.pk, page.path, host),
        lambda: _page_and_ancestor_translations(page, request),
    )


def _page_and_ancestor_translations(page, request):
    """({language: URL of this page's translation}, {language: URL of the
    deepest translated ancestor}), in one query: the ancestors' paths are
    prefixes of the page's own path, so their translation keys come from a
    subquery."""
    ancestor_paths = [page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)]
    ancestor_keys = Page.objects.filter(path__in=ancestor_paths).values("translation_key")
    candidates = (
        Page.objects.live()
        .filter(Q(translation_key=page.translation_key) | Q(translation_key__in=ancestor_keys))
        .select_related("locale")
        .only("url_path", "depth", "translation_key", "locale__language_code")
    )
    translations, deepest = {}, {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if candidate.translation_key == page.translation_key:
            translations[code] = candidate.get_url(request)
        elif code not in deepest or candidate.depth > deepest[code].depth:
            deepest[code] = candidate
    return translations, {code: ancestor.get_url(request) for code, ancestor in deepest.items()}


@register.filter
def is_ancestor_path(path, current_path):
    """True when the page at `path` is the current page or one of its ancestors."""
    return bool(path and current_path and str(current_path).startswith(str(path)))

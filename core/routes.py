"""Wagtail's page routing and view-restriction check, without walking the
tree on every request.

Wagtail finds the page for a URL by reading the Site, the localized root
page and then, for every part of the path, the child page and its specific
row: 2 to 8 queries before the page's own. Then every page served asks for
the view restrictions of its ancestors (2 queries more), although almost
nothing on the site is restricted.

- `cache_page_routes()` wraps Page.route_for_request: the route a URL found
  (site, page id and type, in the active language) is kept in this process
  for the editorial generation (core.cache.per_generation: any page, site or
  locale saved moves it on), so a known URL costs one query, the page's own.
  Only plain routes are kept (a page answering with sub-routes or arguments
  is routed by Wagtail every time), only for GET and HEAD, and a page found
  there that is no longer live is routed again.
- `skip_unrestricted_view_checks()` wraps Page.get_view_restrictions: a page
  under none of the restricted paths (core.restrictions, cached) has no
  restriction, with no query; a page under one is checked by Wagtail.

Both are installed from CoreConfig.ready.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from django.utils import translation

from .cache import local_values, per_generation
from .restrictions import restricted_paths


def _route_key(request, path):
    hostname = split_domain_port(request._get_raw_host())[0]
    return ("route", translation.get_language() or "", hostname, request.get_port(), path)


def cache_page_routes():
    from wagtail.models import Page, Site
    from wagtail.url_routing import RouteResult

    if getattr(Page.route_for_request, "cached", False):
        return
    route = Page.route_for_request

    @functools.wraps(route)
    def route_for_request(request, path):
        if hasattr(request, "_wagtail_route_for_request") or request.method not in ("GET", "HEAD"):
            return route(request, path)
        known_routes = local_values()
        key = _route_key(request, path)
        known = known_routes.get(key)
        if known is not None:
            site_id, page_id, content_type_id = known
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model.objects.filter(pk=page_id).first() if model is not None else None
            site = per_generation(("site", site_id), lambda: Site.objects.filter(pk=site_id).first())
            if page is not None and page.live and site is not None:
                request._wagtail_site = site
                request._wagtail_route_for_request = RouteResult(page)
                return request._wagtail_route_for_request
        result = route(request, path)
        site = getattr(request, "_wagtail_site", None)
        if result is not None and site is not None and not result[1] and not result[2]:
            known_routes[key] = (site.pk, result[0].pk, result[0].content_type_id)
            known_routes.setdefault(("site", site.pk), site)
        return result

    route_for_request.cached = True
    Page.route_for_request = staticmethod(route_for_request)


def skip_unrestricted_view_checks():
    from wagtail.models import Page, PageViewRestriction

    if getattr(Page.get_view_restrictions, "skips_unrestricted", False):
        return
    check = Page.get_view_restrictions

    @functools.wraps(check)
    def get_view_restrictions(self):
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return check(self)

    get_view_restrictions.skips_unrestricted = True
    Page.get_view_restrictions = get_view_restrictions

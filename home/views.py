from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

SEARCH_PAGE_SIZE = 10
RETRY_AFTER_SECONDS = 30


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        # Parsed into plain terms and quoted phrases, so stray quotes or
        # operators typed by a visitor never reach the database as syntax.
        _filters, parsed = parse_query_string(query)
        results = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(parsed)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return render(
        request,
        "home/search.html",
        {"query": query, "page_obj": page_obj, "results": page_obj.object_list},
    )


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def _render_static(template_name, status, request=None):
    """Render an error page without touching the database: no request
    context, so no context processor asks for the user or site settings."""
    body = loader.render_to_string(template_name, {"request_path": getattr(request, "path", "")})
    return HttpResponse(body, status=status)


def page_not_found(request, exception=None):
    return _render_static("404.html", 404, request)


def server_error(request):
    return _render_static("500.html", 500, request)


def service_unavailable(request):
    response = _render_static("503.html", 503, request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

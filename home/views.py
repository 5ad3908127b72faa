from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from forum.search import search_threads

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
    # Forum threads (found by title, tags and visible posts), on the first page only.
    forum_threads = search_threads(parsed) if query and page_obj.number == 1 else []
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "forum_threads": forum_threads,
        },
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


SECRET_FIELD_MARKERS = ("password", "token", "secret")


def posted_fields(request):
    """What the visitor sent, to give it back when it could not be saved.
    Passwords and tokens are never echoed (the CSRF token is kept apart)."""
    if request is None or request.method != "POST":
        return []
    return [
        {"name": name, "label": name.replace("_", " ").capitalize(), "value": value}
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        and not any(marker in name.lower() for marker in SECRET_FIELD_MARKERS)
        for value in values
    ]


def _render_static(template_name, status, request=None):
    """Render an error page without touching the database: no request
    context, so no context processor asks for the user or site settings.
    After a failed POST the page gives back what was sent, in a form that can
    be sent again."""
    context = {"request_path": getattr(request, "path", "")}
    fields = posted_fields(request)
    if fields:
        context.update(
            {
                "posted_fields": fields,
                "csrf_value": request.POST.get("csrfmiddlewaretoken", ""),
                "form_action": request.get_full_path(),
            }
        )
    body = loader.render_to_string(template_name, context)
    return HttpResponse(body, status=status)


def page_not_found(request, exception=None):
    return _render_static("404.html", 404, request)


def server_error(request):
    return _render_static("500.html", 500, request)


def service_unavailable(request):
    response = _render_static("503.html", 503, request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

"""Views every app relies on: the health check and the error pages (which
must render without the database)."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 30


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


def _render_static(template_name, status, request=None, context=None, resend_token=None):
    """Render an error page without touching the database: no request
    context, so no context processor asks for the user or site settings.
    After a failed POST the page gives back what was sent, in a form that can
    be sent again (with `resend_token`, else the token that came with it;
    resend_token=False shows the text with no form)."""
    context = {"request_path": getattr(request, "path", ""), **(context or {})}
    fields = posted_fields(request)
    if fields:
        token = request.POST.get("csrfmiddlewaretoken", "") if resend_token is None else resend_token
        context.update(
            {
                "posted_fields": fields,
                "resend": token is not False,
                "csrf_value": token or "",
                "form_action": request.get_full_path(),
            }
        )
    # The language of the URL, even when the page is answered before
    # LocaleMiddleware has run (a refused request).
    language = translation.get_language_from_path(getattr(request, "path_info", "") or "")
    with translation.override(language or translation.get_language()):
        body = loader.render_to_string(template_name, context)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _render_static("400.html", 400, request, resend_token=False)


def permission_denied(request, exception=None):
    return _render_static("403.html", 403, request, resend_token=False)


def page_not_found(request, exception=None):
    return _render_static("404.html", 404, request)


def too_many_requests(request, exception=None):
    """Sign-in and sign-up limits (allauth's respond_429 finds this as
    website.urls.handler429), and any app that refuses a burst."""
    response = _render_static("429.html", 429, request, resend_token=False)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    return _render_static("500.html", 500, request)


def service_unavailable(request):
    response = _render_static("503.html", 503, request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


CROSS_SITE_REASONS = ("Origin checking failed", "Referer checking failed")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW. The usual cause is harmless: the member signed out
    and in again in another tab, which changed the token this form carried.
    Their text comes back with a fresh token, ready to send again, but only
    when the browser says the form was on this site (an Origin header that
    passed the check): a form another site posted here gets no working
    token, so it cannot be turned into a one-click post."""
    same_site = "HTTP_ORIGIN" in request.META and not reason.startswith(CROSS_SITE_REASONS)
    token = get_token(request) if same_site else False
    return _render_static("403_csrf.html", 403, request, {"same_site": same_site}, resend_token=token)


def signed_out_post(request, login_url):
    """What a form sent by someone no longer signed in gets instead of a
    bare redirect to the sign-in page (core.middleware.SignedOutPostMiddleware):
    their text, a link that opens the sign-in page in a new tab, and a form
    to send the text again once they are back."""
    return _render_static(
        "signed_out.html", 403, request, {"login_url": login_url}, resend_token=get_token(request)
    )

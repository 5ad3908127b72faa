import logging
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.middleware import get_user
from django.db import InterfaceError, OperationalError
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .views import bad_request, posted_fields, service_unavailable, signed_out_post

logger = logging.getLogger(__name__)


class RejectNulBytesMiddleware:
    """A NUL byte has no business in a URL, a query or a cookie, and
    PostgreSQL refuses it in any text (a 500), SQLite stops reading at it.
    Answer the site's own 400 before anything looks the request up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_nul(request):
            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def has_nul(request):
        raw = request.META
        return (
            "\x00" in request.path
            or "\x00" in unquote_plus(raw.get("QUERY_STRING", ""))
            or any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items())
        )


TYPED_TEXT_LENGTH = 20


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with `request.user` the user itself rather than a lazy
    stand-in whenever the request carries a session cookie. Such a page
    reads the user anyway (the header asks whether they are signed in), and
    through the stand-in every attribute read goes through
    LazyObject.__getattribute__ and a caught AttributeError: on a thread
    page, whose every post asks the member's rights, a thousand reads, some
    2 ms a request. A visitor without a session keeps the lazy user (no
    session is read for them). Should the database be out, the user stays
    lazy and the view meets the error, which DatabaseUnavailableMiddleware
    answers with its 503."""

    def process_request(self, request):
        super().process_request(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            try:
                request.user = get_user(request)
            except (OperationalError, InterfaceError):
                logger.warning("The signed-in user could not be read for %s", request.path)


class SignedOutPostMiddleware:
    """A form sent by someone who is no longer signed in (the session ended,
    or they signed out in another tab) was answered with a redirect to the
    sign-in page, and the text was gone. Answer instead with a page that
    gives the text back (core.views.signed_out_post). Goes after
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in (301, 302, 303, 307, 308)
            and not request.user.is_authenticated
            and self.has_typed_text(request)
        ):
            login_path = resolve_url(settings.LOGIN_URL)
            location = urlsplit(response.get("Location", ""))
            # login_required's redirect: to the sign-in page, to come back here.
            back = parse_qs(location.query).get(REDIRECT_FIELD_NAME, [""])[0]
            if location.path == login_path and not location.netloc and back == request.get_full_path():
                return signed_out_post(request, self.login_url(request, login_path))
        return response

    @staticmethod
    def has_typed_text(request):
        """Something a person wrote (a word with a space, a line), not just
        the value of a button such as action=hide: only then is there text
        to lose, and a plain redirect to the sign-in page is kept otherwise."""
        return any(
            len(field["value"]) >= TYPED_TEXT_LENGTH or any(char.isspace() for char in field["value"])
            for field in posted_fields(request)
        )

    @staticmethod
    def login_url(request, login_path):
        """The sign-in page, coming back afterwards to the page the form was
        on (the Referer, when it is this site's) rather than to the address
        the form was sent to."""
        referer = request.headers.get("Referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(referer)
            back = parts.path + (f"?{parts.query}" if parts.query else "")
        else:
            back = request.get_full_path()
        return f"{login_path}?{urlencode({REDIRECT_FIELD_NAME: back})}"


class DatabaseUnavailableMiddleware:
    """Answer a friendly 503 with Retry-After when the database cannot be
    reached, instead of a 500 (and never a stack trace)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError):
            logger.exception("Database unavailable while serving %s", request.path)
            return service_unavailable(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.exception("Database unavailable while serving %s", request.path)
            return service_unavailable(request)
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one strict policy for the public site and a relaxed
    one for the Wagtail admin (and its previews), chosen by path."""

    admin_prefixes = ("/admin/",)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.admin_prefixes) and parts.config is None:
            return PolicyParts(
                settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], parts.update, parts.replace, parts.nonce
            )
        return parts

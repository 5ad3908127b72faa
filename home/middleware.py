import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .views import service_unavailable

logger = logging.getLogger(__name__)


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

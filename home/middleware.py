import logging

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

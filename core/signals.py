from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished

from . import access
from .cache import invalidate, invalidate_for_model
from .cache_backends import recovered
from .sessions import forget_cached_sessions
from .translation import forget_locales


def connect():
    access.connect()
    page_published.connect(invalidate, dispatch_uid="pagecache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
    post_save.connect(invalidate_for_model, dispatch_uid="pagecache-saved")
    post_delete.connect(invalidate_for_model, dispatch_uid="pagecache-deleted")
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="locales-saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="locales-deleted")
    # Invalidations made while Redis was out stayed in one process's memory.
    recovered.connect(invalidate, dispatch_uid="pagecache-cache-recovered")
    recovered.connect(forget_cached_sessions, dispatch_uid="sessions-cache-recovered")
    recovered.connect(access.changed, dispatch_uid="access-cache-recovered")

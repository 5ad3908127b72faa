"""The Wagtail Site record follows the configured base URL.

Wagtail builds a page's full URL (`page.full_url`, printouts, e-mails) from
the default Site's hostname and port; Wagtail's own migration creates it as
localhost:80, so everything said http://localhost/... until an admin fixed it
by hand. `sync_site()` sets it from settings.BASE_URL: after every `migrate`
(a post_migrate receiver, core.apps), with `manage.py sync_site` (a deploy
step), and in development when runserver starts on another port.

The sites' root paths, which every `page.url` reads, are kept by each
process for the editorial generation (`keep_site_root_paths`).
"""

import functools
import logging

from django.db import DatabaseError

from .urls import base_parts

logger = logging.getLogger(__name__)


def site_name():
    """The site's name as members read it (e-mail greetings and subject
    prefixes, page titles): settings.WAGTAIL_SITE_NAME."""
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME


def sync_site(stdout=None):
    """Point the default Site at the base URL. Returns the Site, or None when
    there is none yet (Wagtail's tables not migrated)."""
    from wagtail.models import Site

    _scheme, hostname, port = base_parts()
    try:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
            Site.clear_site_root_paths_cache()
            if stdout is not None:
                stdout.write(f"Default site is now {hostname}:{port} ({site.root_url}).")
    except DatabaseError:
        logger.warning("Could not update the Site record from BASE_URL", exc_info=True)
        return None
    return site


def sync_site_after_migrate(sender, using="default", plan=None, **kwargs):
    """post_migrate receiver: the Site record follows BASE_URL on every deploy."""
    if using != "default":
        return
    sync_site()


SITE_ROOT_PATHS = "wagtail:site_root_paths"


def keep_site_root_paths():
    """Make Wagtail's Site.get_site_root_paths read once per request, from
    what the process keeps for the editorial generation
    (core.cache.per_generation), else from Wagtail's cached copy. Whenever
    Wagtail empties that copy (a Site saved or deleted, a page's URL path
    changed: Site.clear_site_root_paths_cache), the generation moves on
    (those are editorial changes, which move it anyway) and the request's
    copy goes too."""
    from wagtail.models import Site

    from .cache import PAGES, bump, per_generation
    from .memo import forget, remember

    if getattr(Site.get_site_root_paths, "memoised", False):
        return
    read, clear = Site.get_site_root_paths, Site.clear_site_root_paths_cache

    @functools.wraps(read)
    def get_site_root_paths():
        return remember(SITE_ROOT_PATHS, lambda: per_generation(SITE_ROOT_PATHS, read))

    @functools.wraps(clear)
    def clear_site_root_paths_cache():
        forget(SITE_ROOT_PATHS)
        clear()
        bump(PAGES)

    get_site_root_paths.memoised = True
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
